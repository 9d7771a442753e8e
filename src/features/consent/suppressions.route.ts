import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import {
  MAX_SUPPRESSION_PAGE,
  SUPPRESSION_CHANNELS,
  SUPPRESSION_REASONS,
  type SuppressionChannel,
  type SuppressionReason,
} from './suppression.js';
import { listSuppressionViews, reportSuppression } from './suppressions.service.js';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, externalId, instant } from '../../platform/http/common.schema.js';

/**
 * Suppressions over the API (docs/api.md "Messaging"): an ESP's bounce and complaint webhooks (or a
 * relay in front of them) POST here; the send pipeline checks them before every send. Registered
 * under /v1 with the API key.
 */
const channel = {
  type: 'string',
  enum: [...SUPPRESSION_CHANNELS],
  description: "The channel the address belongs to (default 'email')",
} as const;
const address = {
  type: 'string',
  minLength: 1,
  maxLength: 320,
  description: 'The email address or phone number; stored trimmed and, for email, in lower case',
} as const;

const suppressionView = {
  type: 'object',
  properties: {
    channel: { type: 'string' },
    address: { type: 'string' },
    reason: { type: 'string', enum: [...SUPPRESSION_REASONS] },
    customerId: {
      anyOf: [{ type: 'string' }, { type: 'null' }],
      description: "The customer's external id, when known",
    },
    source: { type: 'string' },
    detail: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    occurredAt: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

const recordBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['address', 'reason'],
  properties: {
    channel,
    address,
    reason: {
      type: 'string',
      enum: [...SUPPRESSION_REASONS],
      description: "'bounced' for a hard bounce only (the address does not exist); 'complained' for a spam report",
    },
    customerId: { ...externalId, description: "The customer's external id, if the ESP's event carries it" },
    detail: { type: 'string', maxLength: 1000, description: "The ESP's diagnostic, e.g. '550 5.1.1 user unknown'" },
    occurredAt: { ...instant, description: 'When the ESP saw it (default: now)' },
    source: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: "Who reported it (default 'api'), e.g. 'postmark'",
    },
  },
} as const;

interface RecordBody {
  channel?: SuppressionChannel;
  address: string;
  reason: SuppressionReason;
  customerId?: string;
  detail?: string;
  occurredAt?: string;
  source?: string;
}

export const suppressionRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.post<{ Body: RecordBody }>(
    '/suppressions',
    {
      schema: {
        tags: ['messaging'],
        summary:
          'Record a bounce, complaint or unsubscribe for an address (idempotent: 201 when new, 200 when already recorded)',
        security: bearerAuth,
        body: recordBodySchema,
        response: {
          200: { type: 'object', properties: { created: { type: 'boolean' }, suppression: suppressionView } },
          201: { type: 'object', properties: { created: { type: 'boolean' }, suppression: suppressionView } },
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const now = nowIso();
      const { suppression, created } = await reportSuppression(
        db,
        request.store.id,
        {
          channel: body.channel ?? 'email',
          address: body.address,
          reason: body.reason,
          customerExternalId: body.customerId ?? null,
          source: body.source ?? 'api',
          detail: body.detail ?? null,
          occurredAt: body.occurredAt ?? now,
        },
        now,
      );
      return reply.code(created ? 201 : 200).send({ created, suppression });
    },
  );

  app.get<{ Querystring: { channel?: SuppressionChannel; address?: string; limit: number; cursor?: string } }>(
    '/suppressions',
    {
      schema: {
        tags: ['messaging'],
        summary:
          "The store's suppressions, by channel, address and reason; filter by channel or address; cursor pagination",
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            channel,
            address,
            limit: { type: 'integer', minimum: 1, maximum: MAX_SUPPRESSION_PAGE, default: 100 },
            cursor: { type: 'string', maxLength: 2000, description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              suppressions: { type: 'array', items: suppressionView },
              nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }] },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      return listSuppressionViews(db, request.store.id, request.query);
    },
  );
};
