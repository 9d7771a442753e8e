import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { bearerAuth, commonErrors } from '../../platform/http/common.schema.js';
import { parseAsOf } from '../segments/index.js';
import { overviewResponse } from './overview.schema.js';
import { createOverviewService } from './overview.service.js';

export const overviewRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  const overviewOf = createOverviewService(db);
  app.get<{ Querystring: { asOf?: string } }>(
    '/console/overview',
    {
      schema: {
        tags: ['console'],
        summary:
          "The console's Overview: the retention report's headline numbers with formulas, repeat curve, cohorts, growth split, best customers and actions from the stored orders (as `regulars analyze` computes them), and the predicted CLV distribution",
        security: bearerAuth,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            asOf: {
              type: 'string',
              description: 'YYYY-MM-DD: the day to measure up to (default: the day of the latest purchase)',
            },
          },
        },
        response: { 200: overviewResponse, ...commonErrors },
      },
    },
    async (request) =>
      overviewOf(request.store.id, request.query.asOf === undefined ? null : parseAsOf(request.query.asOf).day),
  );
};
