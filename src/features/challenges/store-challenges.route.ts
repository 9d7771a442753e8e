import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors, looseObject } from '../../platform/http/common.schema.js';
import { storeChallenges } from './challenges.service.js';
import { readChallengeSettings } from './issue-challenges.service.js';

/**
 * The store's challenges as a whole (the console's Loyalty and offers page): the rules in force and
 * the latest challenges issued, as `regulars challenges settings` and `challenges list` show them.
 */
export const storeChallengeRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/challenges/settings',
    {
      schema: {
        tags: ['challenges'],
        summary: "The store's challenge rules in force: kinds, window, lookback, bonus points per kind",
        security: bearerAuth,
        response: { 200: looseObject, ...commonErrors },
      },
    },
    async (request) => readChallengeSettings(db, request.store.id),
  );

  app.get<{ Querystring: { limit: number } }>(
    '/challenges',
    {
      schema: {
        tags: ['challenges'],
        summary: "The store's latest challenges, newest first: customer, kind, target, progress, status",
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['challenges'],
            properties: { challenges: { type: 'array', items: looseObject } },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => ({ challenges: await storeChallenges(db, request.store.id, { limit: request.query.limit }) }),
  );
};
