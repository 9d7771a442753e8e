import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, nullable } from '../../platform/http/common.schema.js';
import { nowIso } from '../../platform/ids.js';
import { changeDeliverySettings, readDeliverySettings } from './delivery-settings.service.js';

const hhmm = { type: 'string', description: 'local time HH:MM' } as const;
const quietHours = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: hhmm, end: hhmm },
} as const;
const capFields = {
  minHoursBetween: { type: 'number' },
  maxPerWindow: { type: 'integer' },
  windowDays: { type: 'integer' },
  postponeMinPriority: { type: 'integer' },
} as const;
const shares = { type: 'object', additionalProperties: { type: 'number' } } as const;
const addresses = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** The settings in force, every field filled in (delivery-settings.ts DeliverySettings). */
const settingsInForce = {
  type: 'object',
  required: [
    'timeZone',
    'quietHours',
    'frequencyCap',
    'holdoutShare',
    'flowHoldoutShares',
    'maxAttempts',
    'replyTo',
    'flowReplyTo',
  ],
  additionalProperties: false,
  properties: {
    timeZone: { ...nullable({ type: 'string' }), description: "the store's IANA zone; null: UTC" },
    quietHours: { ...nullable(quietHours), description: 'null: no quiet hours' },
    frequencyCap: {
      type: 'object',
      required: ['minHoursBetween', 'maxPerWindow', 'windowDays', 'postponeMinPriority'],
      additionalProperties: false,
      properties: capFields,
    },
    holdoutShare: { type: 'number' },
    flowHoldoutShares: shares,
    maxAttempts: { type: 'integer' },
    replyTo: { ...nullable({ type: 'string' }), description: "the emails' Reply-To; null: replies go to the From" },
    flowReplyTo: addresses,
  },
} as const;

/**
 * A change: any of the fields, each null to return to its default (quietHours null: off). Ranges,
 * zones and unknown fields are checked by parseDeliverySettings, which names the field at fault.
 */
const changes = {
  type: 'object',
  properties: {
    timeZone: nullable({ type: 'string' }),
    quietHours: nullable(quietHours),
    frequencyCap: nullable({ type: 'object', properties: capFields }),
    holdoutShare: nullable({ type: 'number' }),
    flowHoldoutShares: nullable(shares),
    maxAttempts: nullable({ type: 'integer' }),
    replyTo: nullable({ type: 'string' }),
    flowReplyTo: nullable(addresses),
  },
} as const;

export const deliverySettingsRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/settings/delivery',
    {
      schema: {
        tags: ['delivery'],
        summary:
          "The store's delivery settings in force: time zone, quiet hours, frequency cap, holdout shares, attempts",
        security: bearerAuth,
        response: { 200: settingsInForce, ...commonErrors },
      },
    },
    async (request) => readDeliverySettings(db, request.store.id),
  );

  app.put<{ Body: Record<string, unknown> }>(
    '/settings/delivery',
    {
      schema: {
        tags: ['delivery'],
        summary:
          'Change the delivery settings: the fields sent replace the stored ones, the others stay (INVALID_ARGUMENT names a bad or unknown field)',
        security: bearerAuth,
        body: changes,
        response: { 200: settingsInForce, ...commonErrors },
      },
    },
    async (request) => changeDeliverySettings(db, request.store.id, request.body, nowIso()),
  );
};
