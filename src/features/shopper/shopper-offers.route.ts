import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { nowIso } from '../../platform/ids.js';
import { thankYouOffer } from './shopper-offers.service.js';
import type { Shopper } from './shopper.js';

/**
 * GET /v1/shopper/offers?orderId=: the thank-you page's offer (docs/shopper.md). Registered by
 * shopperRoutes inside its scope, so the token, CORS and rate limit hooks run first.
 */
export function registerOfferRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  shopperOf: (request: FastifyRequest) => Shopper,
) {
  app.get<{ Querystring: { orderId: string } }>(
    '/offers',
    {
      schema: {
        tags: ['shopper'],
        summary:
          "The thank-you page's offer for one of the shopper's orders (the shop's order id): points it earned, tier progress, the next challenge, one learned cross-sell; status pending while the order is on its way",
        security: [{ shopperAuth: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['orderId'],
          properties: { orderId: { type: 'string', minLength: 1, maxLength: 255 } },
        },
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request, reply) => {
      const offer = await thankYouOffer(db, shopperOf(request), request.query.orderId, nowIso());
      // Not cached by the browser: the same URL answers "pending" and then the offer.
      reply.header('cache-control', 'no-store');
      if (offer.status === 'pending') reply.header('retry-after', String(offer.retryAfterSeconds));
      return offer;
    },
  );
}
