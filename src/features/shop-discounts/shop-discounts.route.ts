import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, nullable } from '../../platform/http/common.schema.js';
import { retryShopDiscountPushes, shopDiscountSyncStatus } from './shop-discount-status.service.js';

interface Options {
  readonly db: Kysely<Database>;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
}

const text = { type: 'string' } as const;
const count = { type: 'integer' } as const;

const status = {
  type: 'object',
  additionalProperties: false,
  required: ['counts', 'unpushed', 'refusedUses'],
  properties: {
    counts: {
      type: 'object',
      description: 'pushes by platform, then status: { "shopify": { "pending": 0, "pushed": 12, "failed": 1 } }',
      additionalProperties: { type: 'object', additionalProperties: count },
    },
    unpushed: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['platform', 'couponId', 'code', 'status', 'attempts', 'lastError', 'nextAttemptAt'],
        properties: {
          platform: text,
          couponId: text,
          code: text,
          status: text,
          attempts: count,
          lastError: nullable(text),
          nextAttemptAt: nullable(text),
        },
      },
    },
    refusedUses: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['orderId', 'code', 'reason'],
        properties: { orderId: text, code: text, reason: nullable(text) },
      },
    },
  },
} as const;

/** The store's coupons as discount codes in its shop: the queue's state, and retrying the failed. */
export const shopDiscountsRoutes: FastifyPluginAsync<Options> = async (app, { db, now = Date.now }) => {
  app.get(
    '/settings/shop-discounts',
    {
      schema: {
        tags: ['settings'],
        summary:
          "The coupons' pushes to the shop as discount codes: counts by status, the pending and failed ones with their last error, and codes the shop took that Regulars refused",
        security: bearerAuth,
        response: { 200: status, ...commonErrors },
      },
    },
    async (request) => shopDiscountSyncStatus(db, request.store.id),
  );

  app.post(
    '/settings/shop-discounts/retry',
    {
      schema: {
        tags: ['settings'],
        summary:
          'Make every failed push due now (after fixing its cause); the background job tries them within a minute',
        security: bearerAuth,
        response: {
          200: { type: 'object', additionalProperties: false, required: ['retried'], properties: { retried: count } },
          ...commonErrors,
        },
      },
    },
    async (request) => ({
      retried: await retryShopDiscountPushes(db, request.store.id, new Date(now()).toISOString()),
    }),
  );
};
