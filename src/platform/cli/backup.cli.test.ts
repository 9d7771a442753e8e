import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';
import { createTestDatabase, dialects } from '../../../test/support/test-database.js';
import { createStore } from '../stores/store.repository.js';

const WRITER = fileURLToPath(new URL('../../../test/support/sqlite-order-writer.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'regulars-backup-'));

function countRows(file: string) {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    const count = (query: string) => (db.prepare(query).get() as { n: number }).n;
    return {
      orders: count('SELECT count(*) AS n FROM orders'),
      lines: count('SELECT count(*) AS n FROM order_lines'),
      customers: count("SELECT count(*) AS n FROM customers WHERE id LIKE 'cus_w%'"),
      integrity: db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    db.close();
  }
}

describe('regulars backup (SQLite)', () => {
  it('copies a live database while another process writes: whole transactions, a current schema', async () => {
    const source = await createTestDatabase('sqlite');
    try {
      const { store } = await createStore(source.db, { name: 'Backup Coffee', shopifySecret: null });
      const file = source.target.kind === 'sqlite' ? source.target.file : '';
      // Thousands of orders make a database of a few MB, copied in several steps between which the
      // writer commits: SQLite restarts the copy, and the backup must still finish.
      const writer = spawn(process.execPath, [WRITER, file, store.id, '20000'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const lines = createInterface({ input: writer.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('ready');
      const before = countRows(file);

      const out = join(dir, 'live.db');
      const run = await runCli(['backup', '--db', file, '--out', out]);
      const after = countRows(file);
      writer.stdin.end();
      const written = Number((await lines.next()).value);
      await once(writer, 'exit');

      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/backed up to .*live\.db: [\d,]+ pages, [\d.]+ MB/);
      // The writer went on committing while the backup ran.
      expect(after.orders).toBeGreaterThan(before.orders);
      expect(written).toBeGreaterThanOrEqual(after.orders);

      const copy = countRows(out);
      expect(copy.integrity).toBe('ok');
      expect(copy.orders).toBeGreaterThanOrEqual(before.orders);
      expect(copy.orders).toBeLessThanOrEqual(after.orders);
      // A consistent snapshot: each order came with its customer and both its lines, or not at all.
      expect(copy.customers).toBe(copy.orders);
      expect(copy.lines).toBe(2 * copy.orders);

      const migrate = await runCli(['migrate', '--db', out]);
      expect(migrate.status).toBe(0);
      expect(migrate.stdout).toContain('up to date');
      const stores = await runCli(['stores', 'list', '--db', out]);
      expect(stores.stdout).toContain('Backup Coffee');
      expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      await source.destroy();
    }
  });

  describe('refuses clearly', () => {
    const db = join(dir, 'small.db');
    const out = join(dir, 'taken.db');

    it('to overwrite a file unless --force, and then replaces it', async () => {
      expect((await runCli(['migrate', '--db', db])).status).toBe(0);
      writeFileSync(out, 'keep me');
      const refused = await runCli(['backup', '--db', db, '--out', out]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('error FILE_EXISTS:');
      expect(refused.stderr).toContain('--force');
      expect(readFileSync(out, 'utf8')).toBe('keep me');

      const forced = await runCli(['backup', '--db', db, '--out', out, '--force']);
      expect(forced.status).toBe(0);
      expect(countRows(out).integrity).toBe('ok');
    });

    it('a database file that does not exist, and a missing folder for --out', async () => {
      const missing = await runCli(['backup', '--db', join(dir, 'nope.db'), '--out', join(dir, 'x.db')]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('error FILE_NOT_FOUND: no SQLite database at');
      expect(existsSync(join(dir, 'nope.db'))).toBe(false);

      const noFolder = await runCli(['backup', '--db', db, '--out', join(dir, 'no', 'such', 'x.db')]);
      expect(noFolder.status).toBe(2);
      expect(noFolder.stderr).toContain('error FILE_NOT_FOUND: the folder of --out');
    });

    it('a file that is not a SQLite database, leaving nothing behind', async () => {
      const notDb = join(dir, 'not-a-database.db');
      writeFileSync(notDb, 'order_id,customer_id\n'.repeat(1000));
      const folder = join(dir, 'fresh');
      mkdirSync(folder);
      const run = await runCli(['backup', '--db', notDb, '--out', join(folder, 'x.db')]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`error BACKUP_FAILED: ${notDb} is not a SQLite database`);
      expect(readdirSync(folder)).toEqual([]);
    });

    it('the database itself, or a folder, as --out', async () => {
      const run = await runCli(['backup', '--db', db, '--out', db, '--force']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('error INVALID_ARGUMENT: --out is the database itself');
      const folder = await runCli(['backup', '--db', db, '--out', dir, '--force']);
      expect(folder.status).toBe(2);
      expect(folder.stderr).toContain('is a folder; name the backup file');
    });

    it('PostgreSQL, naming pg_dump and pg_restore', async () => {
      const run = await runCli(['backup', '--out', join(dir, 'pg.db')], {
        env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/regulars' },
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(
        'error PG_DUMP_REQUIRED: PostgreSQL postgres://postgres@127.0.0.1:5432/regulars is PostgreSQL',
      );
      expect(run.stderr).toContain('pg_dump --format=custom --file=regulars.dump "$DATABASE_URL"');
      expect(run.stderr).toContain('pg_restore --no-owner --exit-on-error --dbname=');
    });
  });
});

const hasPgDump = (() => {
  try {
    execFileSync('pg_dump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!dialects.includes('postgres') || !hasPgDump)('pg_dump and pg_restore (docs/storage.md)', () => {
  it('round-trip a database with the documented commands; regulars finds the copy current and whole', async () => {
    const source = await createTestDatabase('postgres');
    // An empty database, as the restore in docs/storage.md starts from.
    const restored = await createTestDatabase('postgres', { migrate: false });
    try {
      await createStore(source.db, { name: 'Dumped Coffee', shopifySecret: null });
      await createStore(source.db, { name: 'Dumped Tea', shopifySecret: null });
      const sourceUrl = source.target.kind === 'postgres' ? source.target.url : '';
      const restoredUrl = restored.target.kind === 'postgres' ? restored.target.url : '';
      const dump = join(dir, 'regulars.dump');
      execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, sourceUrl]);
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);

      const migrate = await runCli(['migrate'], { env: { DATABASE_URL: restoredUrl } });
      expect(migrate.stderr).toBe('');
      expect(migrate.stdout).toContain('up to date');
      const stores = await runCli(['stores', 'list'], { env: { DATABASE_URL: restoredUrl } });
      expect(stores.stdout).toContain('Dumped Coffee');
      expect(stores.stdout).toContain('Dumped Tea');
      for (const table of ['stores', 'api_keys', 'kysely_migration'] as const) {
        const count = async (db: typeof source.db) =>
          (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0].n;
        expect(await count(restored.db), table).toBe(await count(source.db));
      }
    } finally {
      await source.destroy();
      await restored.destroy();
    }
  });
});
