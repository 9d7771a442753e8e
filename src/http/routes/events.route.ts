import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { recordEvent } from '../../app/record-event.js';
import { CUSTOMER_EVENT_KINDS, type CustomerEventKind } from '../../domain/entities/customer-event.js';
import type { Database } from '../../store/tables/database.table.js';
import { bearerAuth, commonErrors, instant } from '../schemas/common.schema.js';
import { customerRefSchema, type CustomerRefBody } from '../schemas/customer.schema.js';

interface EventBody {
  customer: CustomerRefBody;
  kind: CustomerEventKind;
  occurredAt?: string;
  payload: Record<string, unknown>;
}

export const eventRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.post<{ Body: EventBody }>(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Record what a customer did (cart updated, checkout started, product viewed, review, email opened/clicked, custom)',
        security: bearerAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['customer', 'kind'],
          properties: {
            customer: customerRefSchema,
            kind: { type: 'string', enum: CUSTOMER_EVENT_KINDS },
            occurredAt: { ...instant, description: 'Default: when the server received it' },
            payload: { type: 'object', additionalProperties: true, maxProperties: 200, default: {} },
          },
        },
        response: { 201: { type: 'object', additionalProperties: true }, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { customer, kind, occurredAt, payload } = request.body;
      const event = await recordEvent(db, request.store.id, customer, { kind, occurredAt: occurredAt ?? new Date().toISOString(), payload });
      return reply.code(201).send(event);
    },
  );
};
