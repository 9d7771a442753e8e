import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { subscriptionOffersOfStore } from './subscription-offers.service.js';

/** GET /v1/subscription-offers: every offer of the store with its terms (POST creates one). */
export const subscriptionOfferListRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/subscription-offers',
    {
      schema: {
        tags: ['subscriptions'],
        summary: "The store's subscription offers by code: SKU, base monthly price, delivery interval, terms",
        security: bearerAuth,
        response: {
          200: { type: 'object', required: ['offers'], properties: { offers: { type: 'array', items: looseObject } } },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ offers: await subscriptionOffersOfStore(db, request.store.id) }),
  );
};
