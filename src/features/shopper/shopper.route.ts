import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { createIdempotency } from '../../platform/http/idempotency.js';
import { nowIso } from '../../platform/ids.js';
import { PREFERENCE_TOPICS, FREQUENCIES, type PreferenceUpdate } from '../consent/index.js';
import { originsOfEveryShop, readShopProfile, shopOrigins } from '../stores/index.js';
import {
  changeShopperPreferences,
  redeemForShopper,
  shopperOverview,
  shopperPreferences,
  shopperRewards,
} from './shopper-account.service.js';
import { allowOrigin, CORS_HEADERS, CORS_MAX_AGE, CORS_METHODS, varyOnOrigin } from './shopper-cors.js';
import { createShopperResolver } from './shopper-session.service.js';
import { registerOfferRoutes } from './shopper-offers.route.js';
import { type Shopper, shopperKey } from './shopper.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The customer a shopper token opened (set on /v1/shopper/* and the account page only). */
    shopper: Shopper | null;
  }
}

/** Per shopper per minute: a person clicking, or a widget polling, stays far below it. */
export const DEFAULT_SHOPPER_RATE_LIMIT_PER_MINUTE = 300;
/** How long the allowed origins are trusted without reading them again. */
const ORIGIN_CACHE_MS = 5_000;

export interface ShopperRouteOptions {
  readonly db: Kysely<Database>;
  readonly now?: () => number;
  /** Requests per shopper per minute; 0 turns the limit off. */
  readonly rateLimitPerMinute?: number;
}

const shopperAuth = [{ shopperAuth: [] }];

function cached<T>(load: () => Promise<T>, now: () => number): () => Promise<T> {
  let value: { at: number; promise: Promise<T> } | null = null;
  return () => {
    const t = now();
    if (value === null || t - value.at > ORIGIN_CACHE_MS) {
      const promise = load();
      value = { at: t, promise };
      promise.catch(() => {
        value = null;
      });
    }
    return value.promise;
  };
}

function shopperOf(request: FastifyRequest): Shopper {
  if (request.shopper === null) throw new Error('unreachable: the shopper hook runs before every handler');
  return request.shopper;
}

/**
 * /v1/shopper/*: what a storefront calls from the shopper's browser with `Authorization: Shopper
 * <token>` (docs/shopper.md). Registered beside /v1, not in it, so the store's API key (and the
 * console's cookie) open nothing here, and a shopper token opens nothing there.
 */
export const shopperRoutes: FastifyPluginAsync<ShopperRouteOptions> = async (app, options) => {
  const { db } = options;
  const now = options.now ?? Date.now;
  const resolve = createShopperResolver(db, now);
  const everyOrigin = cached(() => originsOfEveryShop(db), now);
  const storeOrigins = new Map<string, { at: number; origins: Promise<string[]> }>();
  const originsOf = (storeId: string): Promise<string[]> => {
    const t = now();
    const hit = storeOrigins.get(storeId);
    if (hit !== undefined && t - hit.at <= ORIGIN_CACHE_MS) return hit.origins;
    const origins = readShopProfile(db, storeId).then(shopOrigins);
    if (storeOrigins.size > 10_000) storeOrigins.clear();
    storeOrigins.set(storeId, { at: t, origins });
    origins.catch(() => storeOrigins.delete(storeId));
    return origins;
  };

  app.decorateRequest('shopper', null);

  // The preflight: no token comes with it, so any shop's origin passes here; the request itself is
  // then checked against its own store's origins.
  app.options('/*', { schema: { hide: true } }, async (request, reply) => {
    varyOnOrigin(reply);
    const origin = request.headers.origin;
    if (origin === undefined || !(await everyOrigin()).has(origin))
      throw new RegularsError('ORIGIN_NOT_ALLOWED', `the origin ${origin ?? '(none)'} may not call the shopper API`, {
        origin: origin ?? null,
      });
    allowOrigin(reply, origin);
    return reply
      .header('access-control-allow-methods', CORS_METHODS)
      .header('access-control-allow-headers', CORS_HEADERS)
      .header('access-control-max-age', String(CORS_MAX_AGE))
      .code(204)
      .send();
  });

  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS') return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Shopper\s+(\S+)\s*$/i.exec(header);
    if (match === null)
      throw new RegularsError(
        'SHOPPER_TOKEN_INVALID',
        'send the shopper token as "Authorization: Shopper <token>" (docs/shopper.md); the store\'s API key does not open /v1/shopper',
        { header: 'authorization' },
      );
    request.shopper = await resolve(match[1]);
    const origin = request.headers.origin;
    // A browser's request from another site: refused before anything runs (a redeem would spend
    // points even though the page could not read the answer).
    if (origin !== undefined && !(await originsOf(request.shopper.storeId)).includes(origin))
      throw new RegularsError('ORIGIN_NOT_ALLOWED', `the origin ${origin} may not call this shop's shopper API`, {
        origin,
      });
  });

  // Errors too carry the CORS headers for a known shop's origin: the page must read a 401 to
  // know to fetch a new token, and a 429 to wait.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'OPTIONS') return payload;
    varyOnOrigin(reply);
    const origin = request.headers.origin;
    if (origin === undefined || reply.hasHeader('access-control-allow-origin')) return payload;
    const allowed =
      request.shopper !== null
        ? (await originsOf(request.shopper.storeId)).includes(origin)
        : (await everyOrigin()).has(origin);
    if (allowed) allowOrigin(reply, origin);
    return payload;
  });

  const perMinute = options.rateLimitPerMinute ?? DEFAULT_SHOPPER_RATE_LIMIT_PER_MINUTE;
  if (perMinute > 0) {
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      hook: 'onRequest',
      keyGenerator: (request) => (request.shopper === null ? request.ip : shopperKey(request.shopper)),
      errorResponseBuilder: (_request, context) =>
        new RegularsError(
          'RATE_LIMITED',
          `more than ${context.max} requests a minute from this shopper; retry in ${Math.ceil(context.ttl / 1000)} s`,
          { limit: context.max },
        ),
    });
  }

  const idempotency = createIdempotency(db, (request) => {
    const shopper = shopperOf(request);
    return { storeId: shopper.storeId, prefix: `shopper:${shopper.customer.id}:` };
  });
  app.addHook('preHandler', idempotency.before);
  app.addHook('onSend', idempotency.after);

  app.get(
    '/me',
    {
      schema: {
        tags: ['shopper'],
        summary:
          "The shopper's own points { available, pending }, tier and progress to the next, referral code and link, open challenges, membership, subscriptions",
        security: shopperAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => shopperOverview(db, shopperOf(request), nowIso()),
  );

  registerOfferRoutes(app, db, shopperOf);

  app.get(
    '/rewards',
    {
      schema: {
        tags: ['shopper'],
        summary: 'The rewards the shopper can redeem points for, what each costs, and which the available points reach',
        security: shopperAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => shopperRewards(db, shopperOf(request), nowIso()),
  );

  app.post<{ Body: { optionId: string } }>(
    '/redeem',
    {
      schema: {
        tags: ['shopper'],
        summary:
          "Spends the shopper's points on a reward and answers its single-use coupon (409 INSUFFICIENT_POINTS); Idempotency-Key honoured",
        security: shopperAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['optionId'],
          properties: { optionId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const result = await redeemForShopper(db, shopperOf(request), request.body.optionId, nowIso());
      if (result.outcome === 'refused')
        throw new RegularsError(
          result.reason,
          `you have ${result.available} available points; this reward costs ${result.required}`,
          { available: result.available, required: result.required },
        );
      const { coupon } = result;
      return reply.code(201).send({
        points: result.entry.points,
        coupon: {
          code: coupon.code,
          kind: coupon.kind,
          value: coupon.value,
          currency: coupon.currency,
          validUntil: coupon.validUntil,
        },
      });
    },
  );

  app.get(
    '/preferences',
    {
      schema: {
        tags: ['shopper'],
        summary: "The shopper's message preferences: topics, frequency, snooze",
        security: shopperAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => shopperPreferences(db, shopperOf(request), nowIso()),
  );

  app.put<{ Body: PreferenceUpdate }>(
    '/preferences',
    {
      schema: {
        tags: ['shopper'],
        summary:
          "Changes the shopper's preferences: any of topics (each on or off), frequency, snooze (true: 30 days; false: end it), unsubscribeAll",
        security: shopperAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            topics: {
              type: 'object',
              additionalProperties: false,
              properties: Object.fromEntries(PREFERENCE_TOPICS.map((t) => [t, { type: 'boolean' }])),
            },
            frequency: { type: 'string', enum: [...FREQUENCIES] },
            snooze: { type: 'boolean' },
            unsubscribeAll: { type: 'boolean' },
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) =>
      changeShopperPreferences(db, shopperOf(request), request.body, {
        now: nowIso(),
        ip: request.ip,
        source: 'shopper_api',
      }),
  );
};
