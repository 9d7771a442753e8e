import { customerByReference } from '../customers/index.js';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { tierStatusOf } from './tier-status.service.js';
import { getTierSettings, setTierSettings } from './tiers.service.js';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, externalId, looseObject } from '../../platform/http/common.schema.js';

const customerParams = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { ...externalId, description: "The customer as the shop knows them (external id), or Regulars' id cus_..." },
  },
} as const;

export const tierRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/tiers',
    {
      schema: {
        tags: ['tiers'],
        summary: "The store's tier settings",
        security: bearerAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => getTierSettings(db, request.store.id),
  );

  app.put<{ Body: Record<string, unknown> }>(
    '/tiers',
    {
      schema: {
        tags: ['tiers'],
        summary:
          'Set the tier settings: basis, currency, levels with thresholds and perks (INVALID_ARGUMENT names a bad field)',
        security: bearerAuth,
        body: looseObject,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => setTierSettings(db, request.store.id, request.body, nowIso()),
  );

  app.get<{ Params: { id: string } }>(
    '/customers/:id/tier',
    {
      schema: {
        tags: ['tiers'],
        summary: "A customer's tier and perks, their measure, the next tier and what is missing, and the period end",
        security: bearerAuth,
        params: customerParams,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const customer = await customerByReference(db, request.store.id, id);
      return { customerId: customer.externalId, ...(await tierStatusOf(db, request.store.id, customer.id, nowIso())) };
    },
  );
};
