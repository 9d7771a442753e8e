import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { customerChallenges } from './challenges.service.js';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject } from '../../platform/http/common.schema.js';

/** Closed (completed or expired) challenges shown at most, after every open one. */
export const MAX_RECENT_CHALLENGES = 50;

export const challengeRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get<{ Params: { id: string }; Querystring: { recent: number } }>(
    '/customers/:id/challenges',
    {
      schema: {
        tags: ['customers'],
        summary: "A customer's open challenges and the latest closed ones: target, progress, deadline, bonus, status",
        security: bearerAuth,
        params: {
          type: 'object',
          required: ['id'],
          properties: {
            id: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
              description: "Regulars' id (cus_...) or the store's own customer id",
            },
          },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            recent: {
              type: 'integer',
              minimum: 0,
              maximum: MAX_RECENT_CHALLENGES,
              default: 10,
              description: 'closed challenges to include',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['customerId', 'externalId', 'challenges'],
            properties: {
              customerId: { type: 'string' },
              externalId: { type: 'string' },
              challenges: { type: 'array', items: looseObject },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => customerChallenges(db, request.store.id, request.params.id, request.query.recent),
  );
};
