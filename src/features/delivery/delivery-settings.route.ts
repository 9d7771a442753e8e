import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { nowIso } from '../../platform/ids.js';
import { changeDeliverySettings, readDeliverySettings } from './delivery-settings.service.js';

export const deliverySettingsRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/settings/delivery',
    {
      schema: {
        tags: ['delivery'],
        summary:
          "The store's delivery settings in force: time zone, quiet hours, frequency cap, holdout shares, attempts",
        security: bearerAuth,
        response: { 200: looseObject, ...commonErrors },
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
        body: looseObject,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => changeDeliverySettings(db, request.store.id, request.body, nowIso()),
  );
};
