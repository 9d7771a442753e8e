import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/build-app.js';
import { openDatabase } from './database.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { withAdminClient } from '../../../test/support/template-databases.js';
import {
  createTestDatabase,
  dialects,
  POSTGRES_ADMIN_URL,
  type TestDatabase,
} from '../../../test/support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends a backend as a server restart would (57P01), from another connection; nothing is restarted. */
async function terminateBackend(pid: number): Promise<void> {
  await withAdminClient(POSTGRES_ADMIN_URL, (client) => client.query('select pg_terminate_backend($1)', [pid]));
}

describe.skipIf(!dialects.includes('postgres'))('losing PostgreSQL connections', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('fails the transaction whose connection the server ended, keeps the process alive and opens a new connection for the next query', async () => {
    const { db } = database;
    let terminated = 0;
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        terminated = rows[0].pid;
        await terminateBackend(terminated);
        // The connection's 'error' event arrives while the transaction holds the client and no query
        // runs: unheard, it would end the process (and vitest would report an unhandled error).
        await sleep(300);
        await sql`select 1`.execute(trx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).not.toBeNull();
    expect(isDatabaseUnavailable(failure)).toBe(true);

    // Every connection of the pool is in use at once, so a broken one still in the pool would be used.
    const pids = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await sleep(50);
          return rows[0].pid;
        }),
      ),
    );
    expect(pids).not.toContain(terminated);
  });

  it('drops an idle connection the server ended, and the next query succeeds', async () => {
    const { db } = database;
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    await terminateBackend(rows[0].pid);
    await sleep(300);
    const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    expect(after.rows[0].pid).not.toBe(rows[0].pid);
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, not 500, when the server cannot be reached', async () => {
    const db = openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/regulars' });
    const app = await buildApp({ db, dialect: 'postgres', rateLimitPerMinute: 0 });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { authorization: `Bearer rk_live_${'A'.repeat(43)}`, 'content-type': 'application/json' },
        payload: {
          externalId: 'o-1',
          customer: { externalId: 'c-1' },
          orderedAt: '2024-01-10T12:00:00Z',
          currency: 'EUR',
          totalMinor: 100,
        },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('DATABASE_UNAVAILABLE');
      expect(response.headers['retry-after']).toBe('2');
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
