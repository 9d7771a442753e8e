import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { readShopProfile, shopOrigins } from '../stores/index.js';
import { allowOrigin, varyOnOrigin } from './shopper-cors.js';
import { shopperProgram, type ShopperProgram } from './shopper-program.service.js';

/** Per IP address per minute: a guest opening pages makes a few; many shoppers behind one NAT still fit. */
export const DEFAULT_PROGRAM_RATE_LIMIT_PER_MINUTE = 300;
/** How long a process reuses a store's program and origins without reading them again. */
const PROGRAM_CACHE_MS = 10_000;
/** How long a browser (never a shared cache: Vary: Origin, and it is public data anyway) keeps it. */
const PROGRAM_MAX_AGE_SECONDS = 60;
const CACHE_MAX_STORES = 10_000;

export interface ShopperProgramRouteOptions {
  readonly db: Kysely<Database>;
  readonly now?: () => number;
  /** Requests per IP per minute; 0 turns the limit off. */
  readonly rateLimitPerMinute?: number;
}

interface Cached {
  readonly at: number;
  readonly value: Promise<{ body: string; etag: string; origins: readonly string[] }>;
}

/**
 * GET /v1/shopper/program?store=sto_...: the store's program explained, for the widget's guest
 * view (docs/shopper.md "The widget"). No token: it holds no customer's data, only the rules a shop
 * shows anyway. Registered beside the token-checked shopper routes (same prefix, its own plugin, so
 * their token hook does not run here). A browser's request from an origin that is not the shop's is
 * refused as the token routes refuse it, so another site cannot embed a shop's program as its own.
 */
export const shopperProgramRoutes: FastifyPluginAsync<ShopperProgramRouteOptions> = async (app, options) => {
  const { db } = options;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  const load = (storeId: string): Cached['value'] => {
    const t = now();
    const hit = cache.get(storeId);
    if (hit !== undefined && t - hit.at <= PROGRAM_CACHE_MS) return hit.value;
    const value = Promise.all([shopperProgram(db, storeId), readShopProfile(db, storeId)]).then(
      ([program, profile]: [ShopperProgram, Awaited<ReturnType<typeof readShopProfile>>]) => {
        const body = JSON.stringify(program);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
        return { body, etag, origins: shopOrigins(profile) };
      },
    );
    if (cache.size >= CACHE_MAX_STORES) cache.clear();
    cache.set(storeId, { at: t, value });
    value.catch(() => cache.delete(storeId));
    return value;
  };
  const allowed = new WeakSet<FastifyRequest>();

  const perMinute = options.rateLimitPerMinute ?? DEFAULT_PROGRAM_RATE_LIMIT_PER_MINUTE;
  if (perMinute > 0) {
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      hook: 'onRequest',
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, context) =>
        new RegularsError(
          'RATE_LIMITED',
          `more than ${context.max} requests a minute for the program from this address; retry in ${Math.ceil(context.ttl / 1000)} s`,
          { limit: context.max },
        ),
    });
  }

  // After the root hook that sets the API's headers (parents' hooks run first), so these win here.
  app.addHook('onSend', async (request, reply, payload) => {
    varyOnOrigin(reply);
    const origin = request.headers.origin;
    if (origin !== undefined && allowed.has(request)) allowOrigin(reply, origin);
    if (reply.statusCode === 200 || reply.statusCode === 304)
      reply.header('cache-control', `public, max-age=${PROGRAM_MAX_AGE_SECONDS}`);
    return payload;
  });

  app.get<{ Querystring: { store: string } }>(
    '/program',
    {
      schema: {
        tags: ['shopper'],
        summary:
          "A store's program as a guest sees it (no token, no customer data): ways to earn, rewards, tiers, where to join; only the shop's origins may read it from a browser",
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['store'],
          properties: { store: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const storeId = request.query.store;
      const program = await load(storeId);
      const origin = request.headers.origin;
      if (origin !== undefined) {
        if (!program.origins.includes(origin))
          throw new RegularsError('ORIGIN_NOT_ALLOWED', `the origin ${origin} may not read this shop's program`, {
            origin,
            storeId,
          });
        allowed.add(request);
      }
      reply.header('etag', program.etag);
      if (request.headers['if-none-match'] === program.etag) return reply.code(304).send();
      return reply.code(200).type('application/json; charset=utf-8').send(program.body);
    },
  );
};
