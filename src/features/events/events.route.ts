import type { FastifyPluginAsync } from 'fastify';
import { recordEvent } from './record-event.service.js';
import { CUSTOMER_EVENT_KINDS, type CustomerEventKind } from './customer-event.js';
import { checkOrderDeliveredPayload } from './order-delivered.js';
import type { GroupCommitter } from '../../platform/database/group-commit.js';
import { bearerAuth, commonErrors, instant, looseObject } from '../../platform/http/common.schema.js';
import { customerRefSchema, type CustomerRefBody } from '../customers/index.js';

interface EventBody {
  customer: CustomerRefBody;
  kind: CustomerEventKind;
  occurredAt?: string;
  payload: Record<string, unknown>;
}

export const eventRoutes: FastifyPluginAsync<{ writer: GroupCommitter }> = async (app, { writer }) => {
  app.post<{ Body: EventBody }>(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary:
          'Record what a customer did (cart updated, checkout started, product viewed, review, email opened/clicked, custom)',
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
        response: { 201: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { customer, kind, occurredAt, payload } = request.body;
      if (kind === 'custom') checkOrderDeliveredPayload(payload);
      const input = { kind, occurredAt: occurredAt ?? new Date().toISOString(), payload };
      const event = await writer.run((trx) => recordEvent(trx, request.store.id, customer, input));
      return reply.code(201).send(event);
    },
  );
};
