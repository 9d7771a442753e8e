import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors } from '../../platform/http/common.schema.js';
import { bounceFeedsStatus, configureBounceFeeds } from './bounce-settings.service.js';
import { listBounces, MAX_BOUNCE_PAGE } from './bounces.service.js';

const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

const feedsView = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ses: nullable({ type: 'object', properties: { topicArns: { type: 'array', items: { type: 'string' } } } }),
    postmark: nullable({ type: 'object', properties: { username: { type: 'string' } } }),
    sendgrid: nullable({ type: 'object', properties: { signed: { type: 'boolean' } } }),
    mailgun: nullable({ type: 'object', properties: { configured: { type: 'boolean' } } }),
  },
} as const;

interface FeedsBody {
  sesTopicArns?: string[];
  postmark?: { username: string; password: string };
  sendgridPublicKey?: string | null;
  mailgunSigningKey?: string;
  disable?: string[];
}

/**
 * The bounce feeds' settings and the events they recorded, under /v1 with the API key (the same
 * use cases as `regulars bounces configure` and `bounces list`). Secrets go in, never out.
 */
export const bounceRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/settings/bounces',
    {
      schema: {
        tags: ['messaging'],
        summary: "The store's bounce feeds: which are connected (never their secrets)",
        security: bearerAuth,
        response: { 200: feedsView, ...commonErrors },
      },
    },
    async (request) => bounceFeedsStatus(db, request.store.id),
  );

  app.put<{ Body: FeedsBody }>(
    '/settings/bounces',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Connect, change or disconnect bounce feeds (docs/integrations.md "Bounces and complaints")',
        security: bearerAuth,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            sesTopicArns: {
              type: 'array',
              maxItems: 20,
              items: { type: 'string', minLength: 1, maxLength: 256 },
              description: 'SNS topics whose SES notifications are accepted (added to those set)',
            },
            postmark: {
              type: 'object',
              additionalProperties: false,
              required: ['username', 'password'],
              properties: {
                username: { type: 'string', minLength: 1, maxLength: 200 },
                password: { type: 'string', minLength: 1, maxLength: 200 },
              },
            },
            sendgridPublicKey: {
              ...nullable({ type: 'string', minLength: 1, maxLength: 2000 }),
              description: "The Signed Event Webhook's verification key; null accepts unsigned posts",
            },
            mailgunSigningKey: { type: 'string', minLength: 1, maxLength: 200 },
            disable: {
              type: 'array',
              items: { type: 'string', enum: ['ses', 'postmark', 'sendgrid', 'mailgun'] },
              description: 'Feeds to disconnect first',
            },
          },
        },
        response: { 200: feedsView, ...commonErrors },
      },
    },
    async (request) => configureBounceFeeds(db, request.store.id, request.body),
  );

  app.get<{ Querystring: { limit: number; address?: string } }>(
    '/bounces',
    {
      schema: {
        tags: ['messaging'],
        summary: 'The latest bounces and complaints the feeds recorded, newest first',
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_BOUNCE_PAGE, default: 100 },
            address: { type: 'string', minLength: 1, maxLength: 320 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              bounces: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    provider: { type: 'string' },
                    kind: { type: 'string', enum: ['hard_bounce', 'soft_bounce', 'complaint'] },
                    address: { type: 'string' },
                    outboxMessageId: nullable({ type: 'string' }),
                    messageId: nullable({ type: 'string' }),
                    detail: nullable({ type: 'string' }),
                    occurredAt: { type: 'string' },
                    receivedAt: { type: 'string' },
                  },
                },
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ bounces: await listBounces(db, request.store.id, request.query) }),
  );
};
