import type { FastifyPluginAsync } from 'fastify';
import type { OrderIntake } from './order-intake.service.js';
import { recordOrderBatch } from './record-order-batch.service.js';
import type { GroupCommitter } from '../../platform/database/group-commit.js';
import { bearerAuth, commonErrors } from '../../platform/http/common.schema.js';
import { incomingOrderFromBody, type OrderBody, orderBodySchema } from './order.schema.js';

/** Orders per batch request: one transaction each, so a batch must stay short enough not to stall others. */
export const MAX_ORDERS_PER_BATCH = 1_000;

const recordedSchema = {
  type: 'object',
  required: ['id', 'externalId', 'customerId', 'outcome'],
  properties: {
    id: { type: 'string', description: "Regulars' order id (ord_...)" },
    externalId: { type: 'string' },
    customerId: { type: 'string', description: "Regulars' customer id (cus_...)" },
    outcome: {
      type: 'string',
      enum: ['created', 'updated', 'unchanged', 'stale'],
      description: "'stale': a later version is already stored",
    },
  },
} as const;

export const orderRoutes: FastifyPluginAsync<{
  writer: GroupCommitter;
  intake: OrderIntake;
  batchBodyLimit: number;
}> = async (app, { writer, intake, batchBodyLimit }) => {
  app.post<{ Body: OrderBody }>(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary:
          'Create or update an order by its external id (and its customer by theirs); repeated delivery has one effect',
        security: bearerAuth,
        body: orderBodySchema,
        response: { 200: recordedSchema, 201: recordedSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const incoming = incomingOrderFromBody(body);
      const recorded = await intake.record(request.store.id, incoming);
      return reply.code(recorded.outcome === 'created' ? 201 : 200).send(recorded);
    },
  );

  // find-my-way reads ':' as a parameter; '::' is a literal colon (Google's custom-method style).
  app.post<{ Body: { orders: OrderBody[] } }>(
    '/orders::batch',
    {
      bodyLimit: batchBodyLimit,
      schema: {
        tags: ['orders'],
        summary: `Create or update up to ${MAX_ORDERS_PER_BATCH} orders in one transaction; all are validated before any is written`,
        security: bearerAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['orders'],
          properties: {
            orders: { type: 'array', minItems: 1, maxItems: MAX_ORDERS_PER_BATCH, items: orderBodySchema },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['results', 'created', 'updated', 'unchanged', 'stale'],
            properties: {
              results: { type: 'array', items: recordedSchema },
              created: { type: 'integer' },
              updated: { type: 'integer' },
              unchanged: { type: 'integer' },
              stale: { type: 'integer' },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const incoming = request.body.orders.map((order, i) => incomingOrderFromBody(order, `/orders/${i}`));
      // Alone: recordOrderBatch owns its transaction (on PostgreSQL new orders need only one statement).
      const results = await writer.alone((db) => recordOrderBatch(db, request.store.id, incoming));
      const counts = { created: 0, updated: 0, unchanged: 0, stale: 0 };
      for (const r of results) counts[r.outcome]++;
      return { results, ...counts };
    },
  );
};
