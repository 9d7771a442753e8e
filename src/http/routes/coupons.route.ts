import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { validateCoupon } from '../../app/validate-coupon.js';
import type { Coupon } from '../../domain/coupons/coupon.js';
import { redeemCoupon } from '../../store/repositories/coupon.repository.js';
import { nowIso } from '../../store/ids.js';
import type { Database } from '../../store/tables/database.table.js';
import { bearerAuth, commonErrors, currency, externalId, minorUnits } from '../schemas/common.schema.js';

const code = { type: 'string', minLength: 1, maxLength: 100, description: 'The coupon code as the customer typed it (any case)' } as const;

const redeemBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'orderId', 'customerId'],
  properties: {
    code,
    orderId: { ...externalId, description: "The order's id in the shop: one redemption per coupon and order" },
    customerId: { ...externalId, description: 'The customer as the shop knows them; counted for the per-customer limit' },
  },
} as const;

const validateBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'subtotalMinor', 'currency'],
  properties: {
    code,
    subtotalMinor: minorUnits,
    currency,
    customerId: { ...externalId, description: "Checks the customer's own limit when given" },
  },
} as const;

/** A coupon as the API shows it: its terms and uses, without the store id the key already implies. */
function couponView(coupon: Coupon) {
  const { storeId: _storeId, ...view } = coupon;
  return view;
}

export const couponRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.post<{ Body: { code: string; orderId: string; customerId: string } }>(
    '/coupons/redeem',
    {
      schema: {
        tags: ['coupons'],
        summary: 'Redeem a coupon for an order (idempotent per order; limits hold under concurrency)',
        security: bearerAuth,
        body: redeemBodySchema,
        response: { 200: { type: 'object', additionalProperties: true }, ...commonErrors },
      },
    },
    async (request) => {
      const { outcome, coupon } = await redeemCoupon(db, request.store.id, request.body, nowIso());
      return { outcome, coupon: couponView(coupon) };
    },
  );

  app.post<{ Body: { code: string; subtotalMinor: number; currency: string; customerId?: string } }>(
    '/coupons/validate',
    {
      schema: {
        tags: ['coupons'],
        summary: "What a code is worth for a cart: the discount, or the reason it does not apply (200 either way); counts nothing",
        security: bearerAuth,
        body: validateBodySchema,
        response: { 200: { type: 'object', additionalProperties: true }, ...commonErrors },
      },
    },
    async (request) => {
      const { body } = request;
      const result = await validateCoupon(db, request.store.id, { ...body, customerId: body.customerId ?? null }, nowIso());
      return { ...result, coupon: result.coupon && couponView(result.coupon) };
    },
  );
};
