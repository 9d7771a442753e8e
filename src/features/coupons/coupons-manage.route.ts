import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, minorUnits, nullable } from '../../platform/http/common.schema.js';
import { COUPON_KINDS, type Coupon, type CouponInput } from './coupon.js';
import { couponOverview, createCoupon, createCouponBatch, MAX_COUPON_BATCH } from './coupons.service.js';

const names = { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 255 } } as const;
const count = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const instantText = { type: 'string', maxLength: 40, description: 'ISO 8601 instant, e.g. 2026-12-31T23:00:00Z' };

/** The terms both creating one coupon and a batch take; couponToRow checks how they fit together. */
const termsProperties = {
  kind: { type: 'string', enum: [...COUPON_KINDS] },
  value: { ...count, description: 'percent: 1-100; amount: minor units of currency; otherwise 0' },
  minSubtotalMinor: { ...minorUnits, default: 0 },
  currency: { ...nullable({ type: 'string', pattern: '^[A-Z]{3}$' }), default: null },
  usageLimit: { ...nullable({ type: 'integer', minimum: 1 }), default: null },
  perCustomerLimit: { ...nullable({ type: 'integer', minimum: 1 }), default: null },
  validFrom: { ...nullable(instantText), default: null },
  validUntil: { ...nullable(instantText), default: null },
  scope: nullable({
    type: 'object',
    required: ['skus', 'categories'],
    additionalProperties: false,
    properties: { skus: names, categories: names },
  }),
  customerId: nullable({ type: 'string', minLength: 1, maxLength: 255 }),
  eligibleTiers: names,
  eligibleSegments: names,
  combinable: { type: 'boolean' },
} as const;

const couponView = {
  type: 'object',
  required: ['id', 'code', 'kind', 'value', 'minSubtotalMinor', 'currency', 'usageLimit', 'uses', 'held', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    code: { type: 'string' },
    ...termsProperties,
    uses: { ...count, description: 'redemptions so far' },
    held: { ...count, description: 'reservations counted against the usage limit' },
    createdAt: { type: 'string' },
  },
} as const;

type TermsBody = Omit<CouponInput, 'code'>;

/** A coupon as the API shows it: its terms and usage, without the store id the caller already knows. */
function view(coupon: Coupon) {
  const { storeId: _storeId, ...rest } = coupon;
  return rest;
}

/**
 * Creating coupons and seeing their use, for the console's Loyalty and offers page and scripts: the
 * same use cases as `regulars coupons create [--count N]`. Marketers and owners may create.
 */
export const couponsManageRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get<{ Querystring: { limit: number } }>(
    '/coupons',
    {
      schema: {
        tags: ['coupons'],
        summary: "The store's newest coupons with their uses, and how many coupons and uses it has in all",
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['coupons', 'total', 'totalUses'],
            properties: { coupons: { type: 'array', items: couponView }, total: count, totalUses: count },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const overview = await couponOverview(db, request.store.id, request.query.limit);
      return { ...overview, coupons: overview.coupons.map(view) };
    },
  );

  app.post<{ Body: TermsBody & { code: string } }>(
    '/coupons',
    {
      schema: {
        tags: ['coupons'],
        summary: 'Create a coupon with the code given (upper-cased); a code the store has is COUPON_CODE_TAKEN',
        security: bearerAuth,
        body: {
          type: 'object',
          required: ['code', 'kind', 'value'],
          additionalProperties: false,
          properties: { code: { type: 'string', minLength: 1, maxLength: 100 }, ...termsProperties },
        },
        response: { 201: couponView, ...commonErrors },
      },
    },
    async (request, reply) => reply.code(201).send(view(await createCoupon(db, request.store.id, request.body))),
  );

  app.post<{ Body: TermsBody & { count: number; prefix?: string } }>(
    '/coupons/batch',
    {
      schema: {
        tags: ['coupons'],
        summary:
          'Create `count` coupons with the same terms and unique random codes (after `prefix-`), all or none; the answer lists the codes',
        security: bearerAuth,
        body: {
          type: 'object',
          required: ['count', 'kind', 'value'],
          additionalProperties: false,
          properties: {
            count: { type: 'integer', minimum: 1, maximum: MAX_COUPON_BATCH },
            prefix: { type: 'string', maxLength: 40, pattern: '^[A-Za-z0-9_-]*$' },
            ...termsProperties,
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['created', 'codes'],
            additionalProperties: false,
            properties: { created: count, codes: { type: 'array', items: { type: 'string' } } },
          },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const { count: wanted, prefix, ...terms } = request.body;
      const created = await createCouponBatch(db, request.store.id, { ...terms, code: prefix ?? '' }, wanted);
      return reply.code(201).send({ created: created.length, codes: created.map((c) => c.code) });
    },
  );
};
