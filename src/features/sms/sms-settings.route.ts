import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, nullable } from '../../platform/http/common.schema.js';
import { nowIso } from '../../platform/ids.js';
import { changeSmsSettings, readSmsSettingsView } from './sms-settings.service.js';

const fields = {
  baseUrl: nullable({ type: 'string', description: 'https://api.twilio.com, or a compatible provider' }),
  accountSid: nullable({ type: 'string' }),
  authToken: nullable({ type: 'string', description: 'write only: never shown again' }),
  from: nullable({ type: 'string', description: 'E.164 number or alphanumeric sender id' }),
  messagingServiceSid: nullable({ type: 'string' }),
  maxSegments: nullable({ type: 'integer', minimum: 1, maximum: 10 }),
  helpReply: nullable({ type: 'string' }),
} as const;

const view = {
  ...nullable({
    type: 'object',
    additionalProperties: false,
    properties: {
      baseUrl: { type: 'string' },
      accountSid: { type: 'string' },
      from: nullable({ type: 'string' }),
      messagingServiceSid: nullable({ type: 'string' }),
      maxSegments: { type: 'integer' },
      helpReply: nullable({ type: 'string' }),
      authTokenSet: { type: 'boolean' },
    },
  }),
  description: 'null: SMS is not configured',
} as const;

/** The store's SMS account (docs/integrations.md "SMS"); the auth token is never answered. */
export const smsSettingsRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/settings/sms',
    {
      schema: {
        tags: ['delivery'],
        summary: "The store's SMS provider account (without the auth token), or null",
        security: bearerAuth,
        response: { 200: view, ...commonErrors },
      },
    },
    async (request) => readSmsSettingsView(db, request.store.id),
  );

  app.put<{ Body: Record<string, unknown> }>(
    '/settings/sms',
    {
      schema: {
        tags: ['delivery'],
        summary:
          'Set or change the SMS provider account: the fields sent replace the stored ones (null removes one); INVALID_ARGUMENT names a bad field',
        security: bearerAuth,
        body: { type: 'object', additionalProperties: false, properties: fields },
        response: { 200: view, ...commonErrors },
      },
    },
    async (request) => changeSmsSettings(db, request.store.id, request.body, nowIso()),
  );

  app.delete(
    '/settings/sms',
    {
      schema: {
        tags: ['delivery'],
        summary: "Remove the store's SMS account: SMS messages then fail with SMS_NOT_CONFIGURED",
        security: bearerAuth,
        response: { 200: view, ...commonErrors },
      },
    },
    async (request) => changeSmsSettings(db, request.store.id, null, nowIso()),
  );
};
