import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/tables/database.table.js';

// PLACEHOLDER (scaffolding): Segments. Registered under /v1 by build-app.ts.
export const segmentRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (_app, _options) => {};
