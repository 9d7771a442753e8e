import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, nullable } from '../../platform/http/common.schema.js';
import { DEFAULT_LOG_PAGE, MAX_LOG_PAGE, OUTBOX_LOG_STATUSES, type OutboxLogStatus } from './outbox-log.js';
import { outboxLog, outboxLogMessage } from './outbox-log.service.js';

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (UTC), inclusive' } as const;
const messageId = { type: 'string', pattern: '^msg_[0-9A-Za-z]{1,64}$' } as const;

const entryProperties = {
  id: { type: 'string' },
  customerId: nullable({ type: 'string' }),
  flow: { type: 'string', description: 'The flow or campaign that planned it' },
  channel: { type: 'string' },
  purpose: { type: 'string' },
  template: { type: 'string' },
  status: {
    type: 'string',
    enum: [...OUTBOX_LOG_STATUSES],
    description: 'What became of it, in plain terms (docs/api.md "Messages")',
  },
  outboxStatus: { type: 'string', description: "The outbox's own status (planned, postponed, skipped, ...)" },
  reason: nullable({ type: 'string' }),
  plannedSendAt: { type: 'string' },
  sendAt: { type: 'string', description: 'When it is due, or was last due' },
  sentAt: nullable({ type: 'string' }),
  attempts: { type: 'integer' },
  providerMessageId: nullable({ type: 'string', description: "The mail server's Message-ID once sent" }),
  createdAt: { type: 'string' },
} as const;
const entry = { type: 'object', required: Object.keys(entryProperties), properties: entryProperties } as const;
const detailProperties = {
  ...entryProperties,
  triggerKey: { type: 'string' },
  consentChannel: { type: 'string' },
  priority: { type: 'integer' },
  data: { type: 'object', additionalProperties: true, description: "The template's data" },
  lastAttemptAt: nullable({ type: 'string' }),
  stopOnOrderAfter: nullable({ type: 'string' }),
  updatedAt: { type: 'string' },
} as const;

interface LogQuery {
  status?: OutboxLogStatus;
  flow?: string;
  channel?: string;
  customer?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** The outbox as a log: what was sent, held out, capped, postponed or skipped, and why (docs/api.md). */
export const outboxLogRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get<{ Querystring: LogQuery }>(
    '/messages',
    {
      schema: {
        tags: ['delivery'],
        summary: "The store's messages, newest first, with what became of each and why; cursor pagination",
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...OUTBOX_LOG_STATUSES] },
            flow: { type: 'string', minLength: 1, maxLength: 200, description: 'A flow or campaign name' },
            channel: { type: 'string', minLength: 1, maxLength: 32 },
            customer: { type: 'string', minLength: 1, maxLength: 255, description: "The store's id or cus_..." },
            from: day,
            to: day,
            cursor: { ...messageId, description: 'nextCursor of the previous page' },
            limit: { type: 'integer', minimum: 1, maximum: MAX_LOG_PAGE, default: DEFAULT_LOG_PAGE },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['messages', 'nextCursor'],
            properties: { messages: { type: 'array', items: entry }, nextCursor: nullable({ type: 'string' }) },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => outboxLog(db, request.store.id, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/messages/:id',
    {
      schema: {
        tags: ['delivery'],
        summary: 'One message: its status and reason, the template and its data',
        security: bearerAuth,
        params: { type: 'object', required: ['id'], properties: { id: messageId } },
        response: {
          200: { type: 'object', required: Object.keys(detailProperties), properties: detailProperties },
          ...commonErrors,
        },
      },
    },
    async (request) => outboxLogMessage(db, request.store.id, request.params.id),
  );
};
