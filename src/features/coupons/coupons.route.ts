import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { TierLookup } from './coupon-customer-facts.service.js';
import type { CheckoutCart } from './coupon-use.service.js';
import {
  MAX_RESERVATION_TTL_SECONDS,
  releaseCouponReservation,
  reserveCouponForCart,
} from './coupon-reservation.service.js';
import { redeemCouponForOrder } from './redeem-coupon.service.js';
import { validateCoupon, validateCouponSet } from './validate-coupon.service.js';
import type { CartLine, Coupon } from './coupon.js';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import {
  bearerAuth,
  commonErrors,
  currency,
  externalId,
  looseObject,
  minorUnits,
  nullable,
} from '../../platform/http/common.schema.js';

const code = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  description: 'The coupon code as the customer typed it (any case)',
} as const;
const cartId = { ...externalId, description: "The checkout's cart id: one reservation of a coupon per cart" } as const;
const name = { type: 'string', minLength: 1, maxLength: 255 } as const;

const cartLine = {
  type: 'object',
  additionalProperties: false,
  required: ['quantity', 'unitPriceMinor'],
  properties: {
    sku: nullable(name),
    category: nullable(name),
    quantity: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    unitPriceMinor: minorUnits,
    totalMinor: {
      ...minorUnits,
      description: "The line's total after the shop's line discounts; quantity x unitPriceMinor when left out",
    },
  },
} as const;

/** The cart fields a body may carry (flat, as validate always took them). */
const cartProperties = {
  subtotalMinor: minorUnits,
  currency,
  lines: { type: 'array', maxItems: 1_000, items: cartLine, description: 'Needed by scoped and free-product coupons' },
} as const;
/** A cart is a subtotal and its currency together; lines need both. */
const cartDependencies = {
  subtotalMinor: ['currency'],
  currency: ['subtotalMinor'],
  lines: ['subtotalMinor', 'currency'],
} as const;

const redeemBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'orderId', 'customerId'],
  dependencies: cartDependencies,
  properties: {
    code,
    orderId: { ...externalId, description: "The order's id in the shop: one redemption per coupon and order" },
    customerId: {
      ...externalId,
      description: 'The customer as the shop knows them; counted for the per-customer limit',
    },
    cartId: { ...cartId, description: 'Converts the reservation this cart holds, if any' },
    ...cartProperties,
  },
} as const;

const validateBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subtotalMinor', 'currency'],
  oneOf: [{ required: ['code'] }, { required: ['codes'] }],
  properties: {
    code,
    codes: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: code,
      description: 'Several codes for one cart: the combination rules decide which apply together',
    },
    customerId: { ...externalId, description: "Checks the customer's own limit and eligibility when given" },
    cartId: {
      ...cartId,
      description: 'A reservation this cart holds is its own use: the usage limit does not refuse it',
    },
    ...cartProperties,
  },
} as const;

const reserveBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'cartId'],
  dependencies: cartDependencies,
  properties: {
    code,
    cartId,
    customerId: { ...externalId, description: 'Counted for the per-customer limit; checked for eligibility' },
    ttlSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_RESERVATION_TTL_SECONDS,
      description: 'How long the use is held (default 900)',
    },
    ...cartProperties,
  },
} as const;

const releaseBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'cartId'],
  properties: { code, cartId },
} as const;

interface CartBody {
  subtotalMinor?: number;
  currency?: string;
  lines?: CartLine[];
}

/** The cart of a reserve or redeem body, or null when it sends none (the schema makes subtotal and currency come together). */
function cartOf(body: CartBody): CheckoutCart | null {
  if (body.subtotalMinor === undefined || body.currency === undefined) return null;
  return { subtotalMinor: body.subtotalMinor, currency: body.currency, lines: body.lines };
}

/** A coupon as the API shows it: its terms and uses, without the store id the key already implies. */
function couponView(coupon: Coupon) {
  const { storeId: _storeId, ...view } = coupon;
  return view;
}

/** tierOf: the tiers feature's lookup, so coupons that list tiers can be checked (without it no customer has a tier). */
export const couponRoutes: FastifyPluginAsync<{ db: Kysely<Database>; tierOf?: TierLookup }> = async (
  app,
  { db, tierOf },
) => {
  const deps = { tierOf };

  app.post<{ Body: { code: string; orderId: string; customerId: string; cartId?: string } & CartBody }>(
    '/coupons/redeem',
    {
      schema: {
        tags: ['coupons'],
        summary:
          "Redeem a coupon for an order (idempotent per order; converts the cart's reservation; limits hold under concurrency)",
        security: bearerAuth,
        body: redeemBodySchema,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { body } = request;
      const { outcome, coupon, convertedReservation } = await redeemCouponForOrder(
        db,
        request.store.id,
        {
          code: body.code,
          orderId: body.orderId,
          customerId: body.customerId,
          cartId: body.cartId ?? null,
          cart: cartOf(body),
        },
        nowIso(),
        deps,
      );
      return { outcome, convertedReservation, coupon: couponView(coupon) };
    },
  );

  app.post<{
    Body: {
      code?: string;
      codes?: string[];
      customerId?: string;
      cartId?: string;
      subtotalMinor: number;
      currency: string;
      lines?: CartLine[];
    };
  }>(
    '/coupons/validate',
    {
      schema: {
        tags: ['coupons'],
        summary:
          'What a code (or a set of codes) is worth for a cart: the discount, or the reason it does not apply (200 either way); counts nothing',
        security: bearerAuth,
        body: validateBodySchema,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { body } = request;
      const cart = {
        subtotalMinor: body.subtotalMinor,
        currency: body.currency,
        lines: body.lines,
        customerId: body.customerId ?? null,
        cartId: body.cartId ?? null,
      };
      if (body.codes !== undefined) {
        const result = await validateCouponSet(db, request.store.id, { ...cart, codes: body.codes }, nowIso(), deps);
        return { ...result, coupons: result.coupons.map((c) => ({ ...c, coupon: c.coupon && couponView(c.coupon) })) };
      }
      const result = await validateCoupon(db, request.store.id, { ...cart, code: body.code! }, nowIso(), deps);
      return { ...result, coupon: result.coupon && couponView(result.coupon) };
    },
  );

  app.post<{ Body: { code: string; cartId: string; customerId?: string; ttlSeconds?: number } & CartBody }>(
    '/coupons/reserve',
    {
      schema: {
        tags: ['coupons'],
        summary:
          'Hold one use of a coupon for a cart for a while (it counts against the usage limit until redeemed, released or expired)',
        security: bearerAuth,
        body: reserveBodySchema,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { body } = request;
      const { outcome, reservation, coupon } = await reserveCouponForCart(
        db,
        request.store.id,
        {
          code: body.code,
          cartId: body.cartId,
          customerId: body.customerId ?? null,
          ttlSeconds: body.ttlSeconds,
          cart: cartOf(body),
        },
        nowIso(),
        deps,
      );
      return { outcome, reservation, coupon: couponView(coupon) };
    },
  );

  app.post<{ Body: { code: string; cartId: string } }>(
    '/coupons/release',
    {
      schema: {
        tags: ['coupons'],
        summary: "Free a cart's reservation (failed payment, abandoned cart); releasing again changes nothing",
        security: bearerAuth,
        body: releaseBodySchema,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { outcome, coupon } = await releaseCouponReservation(db, request.store.id, request.body);
      return { outcome, coupon: couponView(coupon) };
    },
  );
};
