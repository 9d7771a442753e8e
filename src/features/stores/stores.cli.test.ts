import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../platform/database/migrations/index.js';
import { dbArgs, realBinaryInRun, runCli, runCliProcess } from '../../../test/support/run-cli.js';
import { createTestDatabase, dialects } from '../../../test/support/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Every migration Regulars knows: a fresh database gets them all. */
const COUNT = MIGRATIONS.length;
const NAMES = MIGRATIONS.map(([name]) => name);
/** How `regulars migrate` counts them: "1 migration", "3 migrations". */
const COUNTED = `${COUNT} ${COUNT === 1 ? 'migration' : 'migrations'}`;
/** Nothing listens on port 1: a DATABASE_URL that would fail if it were used. */
const UNREACHABLE_URL = 'postgres://nobody:secret@127.0.0.1:1/regulars';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe('regulars migrate and stores (SQLite via --db)', () => {
  const db = join(dir, 'shop.db');

  it('migrates a new file, then finds it up to date', async () => {
    const first = await runCli(['migrate', '--db', db]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/SQLite file .*shop\.db: applied /);
    expect(first.stdout).toContain(`: applied ${COUNTED} (${NAMES.join(', ')}); ${COUNT} in all`);
    expect((await runCli(['migrate', '--db', db])).stdout).toContain(`up to date (${COUNTED})`);
  });

  it('creates a store (key shown once), lists it without secrets, revokes its key', async () => {
    const created = json(
      await runCli(['stores', 'create', 'Corner Coffee', '--shopify-secret', 'shpss_topsecret', '--json', '--db', db]),
    );
    expect(created.id).toMatch(/^sto_/);
    expect(created.apiKey).toMatch(/^rk_live_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKeyId).toMatch(/^key_/);

    const listed = await runCli(['stores', 'list', '--json', '--db', db]);
    expect(listed.stdout).not.toContain(created.apiKey.slice(16));
    expect(listed.stdout).not.toContain('shpss_topsecret');
    const stores = json(listed);
    expect(stores).toEqual([
      {
        id: created.id,
        name: 'Corner Coffee',
        createdAt: expect.any(String),
        shopifyConnected: true,
        apiKeys: [
          {
            id: created.apiKeyId,
            prefix: created.apiKey.slice(0, 16),
            name: 'default',
            createdAt: expect.any(String),
            revokedAt: null,
          },
        ],
      },
    ]);
    const text = await runCli(['stores', 'list', '--db', db]);
    expect(text.stdout).toContain(`${created.id}  Corner Coffee`);
    expect(text.stdout).toContain(`${created.apiKeyId}  ${created.apiKey.slice(0, 16)}...  default  active`);

    const revoked = await runCli(['stores', 'revoke-key', created.apiKeyId, '--store', created.id, '--db', db]);
    expect(revoked.stderr).toBe('');
    expect(revoked.stdout).toContain(`revoked API key ${created.apiKeyId}`);
    expect(json(await runCli(['stores', 'list', '--json', '--db', db]))[0].apiKeys[0].revokedAt).toEqual(
      expect.any(String),
    );

    const readable = await runCli(['stores', 'create', 'Tea Room', '--db', db]);
    expect(readable.status).toBe(0);
    expect(readable.stdout).toMatch(/created store Tea Room \(sto_\w+\)\nAPI key key_\w+: rk_live_[\w-]{43}\n/);
  });

  it('answers unknown stores and keys with their codes and exit status 2', async () => {
    const noStore = await runCli(['stores', 'revoke-key', 'key_nope', '--store', 'sto_nope', '--db', db]);
    expect(noStore.status).toBe(2);
    expect(noStore.stderr).toContain('error STORE_NOT_FOUND: no store has the id sto_nope');
    const storeId = json(await runCli(['stores', 'list', '--json', '--db', db]))[0].id;
    const noKey = await runCli(['stores', 'revoke-key', 'key_nope', '--store', storeId, '--db', db]);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toContain('error API_KEY_NOT_FOUND');
  });

  it('creates further keys shown once, lists them per store, revokes one by id or prefix', async () => {
    const store = json(await runCli(['stores', 'create', 'Key Shop', '--json', '--db', db]));
    const made = json(
      await runCli(['stores', 'keys', 'create', '--store', store.id, '--name', 'erp', '--json', '--db', db]),
    );
    expect(made).toEqual({
      id: expect.stringMatching(/^key_/),
      prefix: made.apiKey.slice(0, 16),
      name: 'erp',
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      apiKey: expect.stringMatching(/^rk_live_[A-Za-z0-9_-]{43}$/),
    });
    const text = await runCli(['stores', 'keys', 'create', '--store', store.id, '--db', db]);
    expect(text.stdout).toMatch(/^API key key_\w+ \(default\) of store sto_\w+: rk_live_[\w-]{43}\nKeep the key now/);

    const listed = await runCli(['stores', 'keys', 'list', '--store', store.id, '--json', '--db', db]);
    expect(listed.stdout).not.toContain(made.apiKey.slice(16));
    expect(json(listed).map((k: { name: string }) => k.name)).toEqual(['default', 'erp', 'default']);
    expect(json(listed).find((k: { id: string }) => k.id === made.id)).toEqual({
      id: made.id,
      prefix: made.prefix,
      name: 'erp',
      createdAt: made.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });

    const byPrefix = await runCli(['stores', 'keys', 'revoke', `${made.prefix}...`, '--store', store.id, '--db', db]);
    expect(byPrefix.stderr).toBe('');
    expect(byPrefix.stdout).toContain(`revoked API key ${made.id} (${made.prefix}..., erp)`);
    const after = await runCli(['stores', 'keys', 'list', '--store', store.id, '--db', db]);
    expect(after.stdout).toMatch(
      new RegExp(`${made.id}  ${made.prefix}\\.\\.\\.  erp  created \\S+  never used  revoked `),
    );
    expect(after.stdout.match(/ active$/gm)).toHaveLength(2);

    // The first spelling, `stores revoke-key`, takes a prefix too.
    const old = await runCli(['stores', 'revoke-key', store.apiKey.slice(0, 16), '--store', store.id, '--db', db]);
    expect(old.stdout).toContain(`revoked API key ${store.apiKeyId}`);
  });

  it('keys commands answer an unknown store and an unknown key with their codes', async () => {
    for (const args of [
      ['stores', 'keys', 'list', '--store', 'sto_nope'],
      ['stores', 'keys', 'create', '--store', 'sto_nope'],
      ['stores', 'keys', 'revoke', 'key_nope', '--store', 'sto_nope'],
    ]) {
      const run = await runCli([...args, '--db', db]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('error STORE_NOT_FOUND: no store has the id sto_nope');
    }
    const storeId = json(await runCli(['stores', 'list', '--json', '--db', db]))[0].id;
    const noKey = await runCli(['stores', 'keys', 'revoke', 'rk_live_AAAAAAAA', '--store', storeId, '--db', db]);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toContain('error API_KEY_NOT_FOUND');
  });

  it('prefers --db over DATABASE_URL, and names the target it could not open', async () => {
    const other = join(dir, 'other.db');
    expect(
      json(await runCli(['stores', 'list', '--json', '--db', other], { env: { DATABASE_URL: UNREACHABLE_URL } })),
    ).toEqual([]);

    const viaUrl = await runCli(['stores', 'list'], { cwd: dir, env: { DATABASE_URL: UNREACHABLE_URL } });
    expect(viaUrl.status).toBe(2);
    expect(viaUrl.stderr).toContain(
      'error DATABASE_UNAVAILABLE: cannot open the database (PostgreSQL postgres://nobody:***@127.0.0.1:1/regulars)',
    );
    expect(viaUrl.stderr).not.toContain('secret');

    const missing = await runCli(['migrate', '--db', join(dir, 'no-such-folder', 'x.db')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/error DATABASE_UNAVAILABLE: .*no-such-folder.*directory does not exist/);
  });
});

describe.skipIf(!dialects.includes('postgres'))('regulars stores on PostgreSQL via DATABASE_URL', () => {
  it('creates and lists a store in the database the URL names', async () => {
    const database = await createTestDatabase('postgres', { migrate: false });
    try {
      const env = { DATABASE_URL: database.target.kind === 'postgres' ? database.target.url : '' };
      const created = json(await runCli(['stores', 'create', 'Pg Shop', '--json'], { env }));
      expect(json(await runCli(['stores', 'list', '--json'], { env })).map((s: { id: string }) => s.id)).toEqual([
        created.id,
      ]);
    } finally {
      await database.destroy();
    }
  });
});

describe.skipIf(!realBinaryInRun).each(dialects)('processes starting together on a new %s database', (dialect) => {
  it('migrate it once, and every one of them succeeds', async () => {
    const database = await createTestDatabase(dialect, { migrate: false });
    try {
      const target = database.target;
      const options = dbArgs(target);
      const migrating = Array.from({ length: 4 }, () =>
        runCliProcess(['migrate', ...options.args], { env: options.env }),
      );
      const creating = runCliProcess(['stores', 'create', 'Racer', '--json', ...options.args], { env: options.env });
      const runs = await Promise.all([...migrating, creating]);
      for (const run of runs) expect(run.stderr).toBe('');
      for (const run of runs) expect(run.status).toBe(0);
      // Without a lock several would run the migrations, and all but one fail on "table already exists".
      const migrateRuns = runs.slice(0, 4);
      for (const run of migrateRuns)
        expect(run.stdout).toMatch(new RegExp(`applied ${COUNTED} \\(|up to date \\(${COUNTED}\\)`));
      expect(migrateRuns.filter((r) => r.stdout.includes('applied')).length).toBeLessThanOrEqual(1);
      const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
      expect(rows).toHaveLength(COUNT);
    } finally {
      await database.destroy();
    }
  });
});
