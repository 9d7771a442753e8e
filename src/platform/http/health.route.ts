import type { FastifyPluginAsync } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { RegularsError } from '../errors.js';
import type { Database } from '../database/database.table.js';
import { MIGRATIONS } from '../database/migrations/index.js';

async function ping(db: Kysely<Database>): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new RegularsError('DATABASE_UNAVAILABLE', `the database does not answer: ${(error as Error).message}`);
  }
}

/** The migrations the database records; none when it was never migrated (no migration table yet). */
async function appliedMigrations(db: Kysely<Database>): Promise<Set<string>> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return new Set(rows.rows.map((row) => row.name));
  } catch {
    await ping(db);
    return new Set();
  }
}

/**
 * /healthz: 200 when the server and its database answer, 503 DATABASE_UNAVAILABLE when not.
 * /readyz: the same, and the database's schema is exactly the migrations this build knows, so a
 * load balancer sends no traffic to a process whose database is behind (not migrated yet) or ahead
 * (migrated by a newer version) of its code.
 */
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
      await ping(db);
      return { status: 'ok', database: 'ok' };
    },
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: "Whether the database answers and its schema is this build's migrations (no authentication)",
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok'] },
              database: { type: 'string', enum: ['ok'] },
              migrations: { type: 'integer' },
            },
          },
        },
      },
    },
    async () => {
      await ping(db);
      const applied = await appliedMigrations(db);
      const known = new Set(MIGRATIONS.map(([name]) => name));
      const pending = [...known].filter((name) => !applied.has(name));
      const unknown = [...applied].filter((name) => !known.has(name)).sort();
      if (pending.length > 0 || unknown.length > 0) {
        throw new RegularsError(
          'MIGRATIONS_NOT_CURRENT',
          pending.length > 0
            ? `the database lacks migrations ${pending.join(', ')}: run regulars migrate`
            : `the database has migrations this version does not know (${unknown.join(', ')}): run the newer version`,
          { pending, unknown },
        );
      }
      return { status: 'ok', database: 'ok', migrations: applied.size };
    },
  );
};
