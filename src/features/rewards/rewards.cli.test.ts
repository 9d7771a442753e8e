import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const PROGRAM = {
  currency: 'USD',
  startsAt: '2024-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 100 } },
  returnWindowDays: 30,
  expiry: { months: null, warnDays: 14 },
};

describe.each(dialects)('regulars rewards run on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'regulars-rewards-'));
  const cli = (args: string[]) => {
    const { target } = database();
    const at = dbArgs(target);
    return runCli([...args, ...at.args], { env: at.env });
  };

  it('earns the points of imported orders once, whichever path wrote them, and says what it did', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Rewards CLI' });
    const file = join(dir, `program-${dialect}.json`);
    writeFileSync(file, JSON.stringify(PROGRAM));
    expect((await cli(['loyalty', 'program', 'set', '--store', store.id, file])).status).toBe(0);
    const imported = await cli(['import', fixturePath('shopify', 'orders_export.csv'), '--store', store.id]);
    expect(imported.status, imported.stderr).toBe(0);

    const run = await cli(['rewards', 'run', '--store', store.id, '--as-of', '2024-06-30', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      asOf: string;
      orders: number;
      failure: unknown;
      jobs: Record<string, number>;
    };
    expect(summary).toMatchObject({ asOf: '2024-06-30T23:59:59.999Z', orders: 7, failure: null });
    expect(Object.keys(summary.jobs)).toEqual(expect.arrayContaining(['loyalty-expiry', 'coupon-reservation-sweep']));

    // 1 point per 1.00 of each order (the export's Id column is the external id where it has one);
    // the cancelled #1005 and the fully refunded #1004 earn nothing.
    const earned = await db
      .selectFrom('loyalty_ledger')
      .select(['source_key', 'points'])
      .where('store_id', '=', store.id)
      .where('kind', '=', 'earn')
      .orderBy('source_key')
      .execute();
    expect(earned.map((e) => e.source_key)).toEqual([
      'order:#1003:earn',
      'order:#1006:earn',
      'order:#1007:earn',
      'order:820982911946154508:earn',
      'order:820982911946154509:earn',
    ]);
    expect(earned.find((e) => e.source_key === 'order:820982911946154509:earn')?.points).toBe(129);

    const entries = async () =>
      Number(
        (
          await db
            .selectFrom('loyalty_ledger')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('store_id', '=', store.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await entries();
    const again = JSON.parse(
      (await cli(['rewards', 'run', '--store', store.id, '--as-of', '2024-06-30', '--json'])).stdout,
    ) as { orders: number };
    expect(again.orders).toBe(0);
    expect(await entries()).toBe(before);

    const text = await cli(['rewards', 'run', '--store', store.id]);
    expect(text.stdout).toMatch(/rewards as of .*: 0 orders synced/);
  });

  it('replays a program set after the import: a dry run by default, then --apply posts once', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Replay CLI' });
    const imported = await cli(['import', fixturePath('shopify', 'orders_export.csv'), '--store', store.id]);
    expect(imported.status, imported.stderr).toBe(0);
    // Synced before the store had a program: the sync passes the history by.
    expect((await cli(['rewards', 'run', '--store', store.id, '--json'])).status).toBe(0);
    const file = join(dir, `replay-program-${dialect}.json`);
    writeFileSync(file, JSON.stringify(PROGRAM));
    expect((await cli(['loyalty', 'program', 'set', '--store', store.id, file])).status).toBe(0);
    const ledger = () =>
      db.selectFrom('loyalty_ledger').select(['source_key', 'points']).where('store_id', '=', store.id).execute();
    expect(await ledger()).toEqual([]);

    const dry = await cli(['rewards', 'replay', '--store', store.id, '--since', '2024-01-01']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^dry run, nothing posted: rewards for store sto_\w+, orders placed since 2024-01-01/);
    expect(dry.stdout).toMatch(/orders: 7; 5 would be rewarded now \(\d+ points\), 0 already rewarded \(skipped\)/);
    expect(dry.stdout).toContain('1 earning nothing: the order is cancelled');
    expect(dry.stdout).toContain('run again with --apply to post this');
    expect(await ledger()).toEqual([]);

    const applied = await cli(['rewards', 'replay', '--store', store.id, '--since', '2024-01-01', '--apply', '--json']);
    expect(applied.status, applied.stderr).toBe(0);
    const report = JSON.parse(applied.stdout) as { applied: boolean; points: number; ordersRewarded: number };
    expect(report).toMatchObject({ applied: true, ordersRewarded: 5 });
    const posted = await ledger();
    expect(posted.map((e) => e.source_key).sort()).toEqual([
      'order:#1003:earn',
      'order:#1006:earn',
      // #1006 was partly refunded: the replay takes back that share, as the live sync does.
      'order:#1006:earn:reverse:18',
      'order:#1007:earn',
      'order:820982911946154508:earn',
      'order:820982911946154509:earn',
    ]);
    expect(posted.reduce((sum, e) => sum + Number(e.points), 0)).toBe(report.points);

    const again = JSON.parse(
      (await cli(['rewards', 'replay', '--store', store.id, '--since', '2024-01-01', '--apply', '--json'])).stdout,
    ) as { points: number; ordersAlreadyRewarded: number };
    expect(again).toMatchObject({ points: 0, ordersAlreadyRewarded: 5 });
    expect(await ledger()).toHaveLength(6);

    const both = await cli(['rewards', 'replay', '--store', store.id, '--since', '2024-01-01', '--apply', '--dry-run']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('error INVALID_ARGUMENT: --apply and --dry-run');
    const badDay = await cli(['rewards', 'replay', '--store', store.id, '--since', '01/02/2024']);
    expect(badDay.status).not.toBe(0);
    expect(badDay.stderr).toContain('--since');
  });

  it('refuses an unknown store, and an --as-of that is not a real date or an instant with its offset', async () => {
    expect((await cli(['rewards', 'run', '--store', 'sto_nope'])).stderr).toContain('STORE_NOT_FOUND');
    const { store } = await createStore(database().db, { name: 'Bad date' });
    for (const asOf of ['2024-13-45', '2024-02-30', '2024-03-01T10:00:00']) {
      const bad = await cli(['rewards', 'run', '--store', store.id, '--as-of', asOf]);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/--as-of.*expected a date \(YYYY-MM-DD/);
    }
  });
});
