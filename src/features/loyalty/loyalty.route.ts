import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { postLoyaltyAction } from './loyalty-actions.service.js';
import { loyaltyLiability } from './loyalty-liability.service.js';
import { customerPoints, MAX_POINTS_PAGE } from './loyalty-points.service.js';
import { readLoyaltyProgram, setLoyaltyProgram } from './loyalty-program.service.js';
import { redeemPoints } from './loyalty-redeem.service.js';
import type { Coupon } from '../coupons/index.js';
import { RegularsError } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import type { GroupCommitter } from '../../platform/database/group-commit.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, externalId, instant, looseObject } from '../../platform/http/common.schema.js';

function couponView(coupon: Coupon) {
  const { storeId: _storeId, ...view } = coupon;
  return view;
}

interface ActionBody {
  customerId: string;
  action: string;
  occurredAt?: string;
  key?: string;
}

/**
 * writer: the database's group committer (store/group-commit.ts): on SQLite concurrent actions
 * share one transaction (each in its own savepoint), which is what lets points be earned at
 * thousands of requests a second on one disk.
 */
export const loyaltyRoutes: FastifyPluginAsync<{ db: Kysely<Database>; writer: GroupCommitter }> = async (
  app,
  { db, writer },
) => {
  app.get(
    '/loyalty/program',
    {
      schema: {
        tags: ['loyalty'],
        summary:
          "The store's loyalty program with its defaults; 404 NOT_FOUND when the store has none (the program is off)",
        security: bearerAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const program = await readLoyaltyProgram(db, request.store.id);
      if (program === null)
        throw new RegularsError(
          'NOT_FOUND',
          'this store has no loyalty program; set one with PUT /v1/loyalty/program',
          {},
        );
      return program;
    },
  );

  app.put<{ Body: Record<string, unknown> }>(
    '/loyalty/program',
    {
      schema: {
        tags: ['loyalty'],
        summary:
          "Sets the store's loyalty program (docs/loyalty.md); a bad field is 400 INVALID_ARGUMENT with details.field",
        security: bearerAuth,
        body: looseObject,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => setLoyaltyProgram(db, request.store.id, request.body, nowIso()),
  );

  app.post<{ Body: ActionBody }>(
    '/loyalty/actions',
    {
      schema: {
        tags: ['loyalty'],
        summary:
          'Posts the points of a named action (signup, newsletter, review, birthday, custom) once per key, within its per-customer limit',
        security: bearerAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId', 'action'],
          properties: {
            customerId: { ...externalId, description: "The customer's id in the shop (or Regulars' cus_... id)" },
            action: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' },
            occurredAt: { ...instant, description: 'When the customer did it; default: now' },
            key: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'Posts once per key (a review id...); default: occurredAt, or its year for a yearly action',
            },
          },
        },
        response: { 200: looseObject, 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const result = await writer.run((trx) => postLoyaltyAction(trx, request.store.id, request.body, nowIso()));
      if (result.outcome === 'refused') {
        throw new RegularsError(
          result.reason,
          `customer ${result.customerId} has reached the limit of action ${request.body.action} (${result.limit} ${result.per === 'year' ? 'a year' : 'in all'})`,
          {
            customerId: result.customerId,
            action: request.body.action,
            limit: result.limit,
            per: result.per,
          },
        );
      }
      return reply.code(result.outcome === 'posted' ? 201 : 200).send(result);
    },
  );

  app.post<{ Body: { customerId: string; optionId: string } }>(
    '/loyalty/redeem',
    {
      schema: {
        tags: ['loyalty'],
        summary:
          'Spends points on a redemption option and answers the single-use coupon it makes (409 INSUFFICIENT_POINTS when the available points do not suffice)',
        security: bearerAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId', 'optionId'],
          properties: {
            customerId: { ...externalId, description: "The customer's id in the shop (or Regulars' cus_... id)" },
            optionId: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
        response: { 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const result = await redeemPoints(db, request.store.id, request.body, nowIso());
      if (result.outcome === 'refused') {
        throw new RegularsError(
          result.reason,
          `customer ${result.customerId} has ${result.available} available points; option ${request.body.optionId} costs ${result.required}`,
          {
            customerId: result.customerId,
            available: result.available,
            required: result.required,
          },
        );
      }
      return reply.code(201).send({ ...result, coupon: couponView(result.coupon) });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number; cursor?: string } }>(
    '/customers/:id/points',
    {
      schema: {
        tags: ['loyalty'],
        summary:
          "A customer's points: available, pending, total, next expiry, and the ledger newest first (cursor pagination)",
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { ...externalId, description: "The customer's id in the shop, or Regulars' cus_... id" } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_POINTS_PAGE, default: 20 },
            cursor: { type: 'string', maxLength: 64, description: 'nextCursor of the previous page' },
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => customerPoints(db, request.store.id, request.params.id, nowIso(), request.query),
  );

  app.get<{ Querystring: { asOf?: string } }>(
    '/loyalty/liability',
    {
      schema: {
        tags: ['loyalty'],
        summary:
          'Outstanding points and their money value, points earned/redeemed/expired/reversed per month, breakage rate',
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { asOf: { ...instant, description: 'Default: now' } },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => loyaltyLiability(db, request.store.id, request.query.asOf ?? nowIso()),
  );
};
