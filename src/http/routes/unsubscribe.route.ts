import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/tables/database.table.js';

// PLACEHOLDER (scaffolding): one-click unsubscribe (RFC 8058) and the preference page. Registered at
// the root by build-app.ts, outside /v1: these take a signed token, not an API key.
export const unsubscribeRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (_app, _options) => {};
