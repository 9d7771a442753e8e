import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, nullable } from '../../platform/http/common.schema.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-event.js';
import {
  addWebhookEndpoint,
  enableWebhookEndpoint,
  removeWebhookEndpoint,
  testWebhookEndpoint,
  webhookDeliveryLog,
  webhookEndpointsOf,
} from './webhook-endpoints.service.js';

const tags = ['webhooks'];
const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
const events = { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] } } as const;

const endpointView = {
  type: 'object',
  required: [
    'id',
    'url',
    'events',
    'status',
    'disabledReason',
    'disabledAt',
    'failingSince',
    'consecutiveFailures',
    'createdAt',
  ],
  additionalProperties: false,
  properties: {
    id: text,
    url: text,
    events,
    status: { type: 'string', enum: ['enabled', 'disabled'] },
    disabledReason: nullable(text),
    disabledAt: nullable(text),
    failingSince: { ...nullable(text), description: 'the first failed attempt since the last delivered one' },
    consecutiveFailures: count,
    createdAt: text,
  },
} as const;

const logEntry = {
  type: 'object',
  required: ['messageId', 'eventType', 'status', 'attempts', 'nextAttemptAt', 'lastError', 'createdAt', 'tries'],
  additionalProperties: false,
  properties: {
    messageId: { ...text, description: 'the webhook-id header, the same on every attempt' },
    eventType: text,
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: count,
    nextAttemptAt: nullable(text),
    lastError: nullable(text),
    createdAt: text,
    tries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['attempt', 'at', 'statusCode', 'durationMs', 'error'],
        additionalProperties: false,
        properties: {
          attempt: count,
          at: text,
          statusCode: nullable({ type: 'integer' }),
          durationMs: count,
          error: nullable(text),
        },
      },
    },
  },
} as const;

/**
 * The store's outgoing webhook endpoints (docs/webhooks.md "Outgoing"): the same use cases as
 * `regulars webhooks add|list|remove|enable|test|log`. Changing them is the owner's.
 */
export const webhookEndpointRoutes: FastifyPluginAsync<{ db: Kysely<Database>; now?: () => number }> = async (
  app,
  { db, now = Date.now },
) => {
  app.get(
    '/webhook-endpoints',
    {
      schema: {
        tags,
        summary:
          "The store's outgoing webhook endpoints with their health (a disabled one says why); never the secrets",
        security: bearerAuth,
        response: {
          200: {
            type: 'object',
            required: ['endpoints'],
            additionalProperties: false,
            properties: { endpoints: { type: 'array', items: endpointView } },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ endpoints: await webhookEndpointsOf(db, request.store.id) }),
  );

  app.post<{ Body: { url: string; events: string[] } }>(
    '/webhook-endpoints',
    {
      schema: {
        tags,
        summary: 'Register an endpoint for the events named; answers its id and its whsec_ secret, shown this once',
        security: bearerAuth,
        body: {
          type: 'object',
          required: ['url', 'events'],
          additionalProperties: false,
          properties: { url: { type: 'string', minLength: 1, maxLength: 2000 }, events: { ...events, minItems: 1 } },
        },
        response: {
          201: {
            type: 'object',
            required: ['id', 'secret', 'url', 'events'],
            additionalProperties: false,
            properties: { id: text, secret: text, url: text, events },
          },
          ...commonErrors,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addWebhookEndpoint(db, request.store.id, request.body, new Date(now()).toISOString())),
  );

  app.delete<{ Params: { id: string } }>(
    '/webhook-endpoints/:id',
    {
      schema: {
        tags,
        summary: 'Delete an endpoint with its queued events and its delivery log',
        security: bearerAuth,
        params: idParams,
        response: { 204: { type: 'null' }, ...commonErrors },
      },
    },
    async (request, reply) => {
      await removeWebhookEndpoint(db, request.store.id, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/webhook-endpoints/:id/enable',
    {
      schema: {
        tags,
        summary: 'Turn a disabled endpoint back on, its failures forgotten',
        security: bearerAuth,
        params: idParams,
        response: { 200: endpointView, ...commonErrors },
      },
    },
    async (request) => enableWebhookEndpoint(db, request.store.id, request.params.id, new Date(now()).toISOString()),
  );

  app.post<{ Params: { id: string } }>(
    '/webhook-endpoints/:id/test',
    {
      schema: {
        tags,
        summary: 'Send one signed webhook.test event now; answers whether the endpoint took it (200 either way)',
        security: bearerAuth,
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['messageId', 'delivered', 'statusCode', 'error'],
            additionalProperties: false,
            properties: {
              messageId: text,
              delivered: { type: 'boolean' },
              statusCode: nullable({ type: 'integer' }),
              error: nullable(text),
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) =>
      testWebhookEndpoint(db, request.store.id, request.params.id, { now: new Date(now()).toISOString() }),
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(
    '/webhook-endpoints/:id/deliveries',
    {
      schema: {
        tags,
        summary: "The delivery log: the endpoint's newest events, each with every attempt (status, duration, error)",
        security: bearerAuth,
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['messages'],
            additionalProperties: false,
            properties: { messages: { type: 'array', items: logEntry } },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => ({
      messages: await webhookDeliveryLog(db, request.store.id, request.params.id, request.query.limit),
    }),
  );
};
