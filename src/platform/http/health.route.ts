import type { FastifyPluginAsync } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { RegularsError } from '../errors.js';
import type { Database } from '../database/database.table.js';

/** Liveness and readiness in one: 200 when the database answers, 503 DATABASE_UNAVAILABLE when not. */
export const healthRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether the server and its database answer (no authentication)',
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['ok'] } },
          },
        },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw new RegularsError('DATABASE_UNAVAILABLE', `the database does not answer: ${(error as Error).message}`);
      }
      return { status: 'ok', database: 'ok' };
    },
  );
};
