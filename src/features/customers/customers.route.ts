import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { recordCustomer } from './record-customer.service.js';
import { getCustomer360, listCustomers } from './customer-lookup.service.js';
import { customerTimeline, MAX_TIMELINE_PAGE } from './customer-timeline.service.js';
import { timelineResponseSchema } from './customer-timeline.schema.js';
import { listCustomerMerges, mergeCustomers } from './merge-customers.service.js';
import type { GroupCommitter } from '../../platform/database/group-commit.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { type CustomerBody, consentFromBody, customerBodySchema, customerFromBody } from './customer.schema.js';

export const MAX_PAGE_SIZE = 100;

/**
 * Now, written in UTC+14, the earliest time zone. The customer 360 counts orders up to the calendar
 * date written in its as-of time; stores keep no time zone yet, and this date is the latest one
 * anywhere, so an order placed "today" in any zone is never left out.
 */
function nowInEarliestZone(): string {
  return new Date(Date.now() + 14 * 3_600_000).toISOString().replace('Z', '+14:00');
}

export const customerRoutes: FastifyPluginAsync<{ db: Kysely<Database>; writer: GroupCommitter }> = async (
  app,
  { db, writer },
) => {
  app.post<{ Body: CustomerBody }>(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Create or update a customer by external id; consent entries are appended to the history',
        security: bearerAuth,
        body: customerBodySchema,
        response: { 200: looseObject, 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const profile = customerFromBody(request.body);
      const consent = consentFromBody(request.body.consent, new Date().toISOString());
      const recorded = await writer.run((trx) => recordCustomer(trx, request.store.id, profile, consent));
      return reply.code(recorded.created ? 201 : 200).send({ ...recorded.customer, consent: recorded.consent });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary:
          'Customer 360: profile, consent, orders, summary statistics, RFM segment, recent events, predictions, points, recent messages',
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      return getCustomer360(db, request.store.id, request.params.id, nowInEarliestZone());
    },
  );

  app.get<{ Params: { id: string }; Querystring: { before?: string; limit: number } }>(
    '/customers/:id/timeline',
    {
      schema: {
        tags: ['customers'],
        summary:
          "The customer's timeline, newest first: orders (with refunds), messages and what became of them, points, tier changes, challenges, coupons and consent changes; cursor paging",
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: {
            id: {
              type: 'string',
              minLength: 1,
              maxLength: 256,
              description: "the store's id for the customer, or cus_...",
            },
          },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            before: { type: 'string', maxLength: 400, description: 'nextCursor of the previous page' },
            limit: { type: 'integer', minimum: 1, maximum: MAX_TIMELINE_PAGE, default: 50 },
          },
        },
        response: { 200: timelineResponseSchema, ...commonErrors },
      },
    },
    async (request) =>
      customerTimeline(db, request.store.id, request.params.id, {
        limit: request.query.limit,
        before: request.query.before,
      }),
  );

  app.post<{ Params: { id: string }; Body: { from: string; dryRun?: boolean } }>(
    '/customers/:id/merge',
    {
      schema: {
        tags: ['customers'],
        summary:
          'Merge the customer `from` into this one in one transaction: every row moves, both source ids are kept, an audit row is written',
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 256 } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from'],
          properties: {
            from: {
              type: 'string',
              minLength: 1,
              maxLength: 256,
              description: 'the customer to remove (cus_... or a source id)',
            },
            dryRun: { type: 'boolean', default: false, description: 'say what would move, change nothing' },
          },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { from, dryRun } = request.body;
      const input = {
        storeId: request.store.id,
        into: request.params.id,
        from,
        actor: `api:${request.apiKeyId}`,
        dryRun,
      };
      // A dry run rolls its own transaction back, so it cannot share the group commit's.
      return dryRun ? mergeCustomers(db, input) : writer.run((trx) => mergeCustomers(trx, input));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id/merges',
    {
      schema: {
        tags: ['customers'],
        summary: 'The merges that kept this customer, newest first (the audit trail)',
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 256 } },
        },
        response: {
          200: { type: 'object', required: ['merges'], properties: { merges: { type: 'array', items: looseObject } } },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ merges: await listCustomerMerges(db, request.store.id, request.params.id) }),
  );

  app.get<{ Querystring: { query?: string; limit: number; cursor?: string } }>(
    '/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Search customers by external id, email, phone or name prefix; cursor pagination',
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            query: { type: 'string', maxLength: 320 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 },
            cursor: { type: 'string', maxLength: 200, description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['customers', 'nextCursor'],
            properties: { customers: { type: 'array', items: looseObject }, nextCursor: { type: ['string', 'null'] } },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { query, limit, cursor } = request.query;
      return listCustomers(db, request.store.id, { query, limit, cursor });
    },
  );
};
