import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { ledgerOf } from './loyalty.repository.js';
import { postPoints } from './post-points.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const PROGRAM = {
  currency: 'EUR',
  startsAt: '2024-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 1000 } },
  expiry: { months: 6, warnDays: 14 },
  actions: { signup: { points: 50 } },
  redemption: [{ id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 } }],
};

describe.each(dialects)('regulars loyalty on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });
  const dir = mkdtempSync(join(tmpdir(), 'regulars-loyalty-'));

  it('sets and shows the program, reporting a bad field by its path', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Loyalty' });
    const file = join(dir, `program-${dialect}.json`);
    writeFileSync(file, JSON.stringify(PROGRAM));
    expect((await cli(['loyalty', 'program', 'show', '--store', store.id])).stdout).toContain('no loyalty program');
    const set = await cli(['loyalty', 'program', 'set', '--store', store.id, file]);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('1 point(s) per 1000 EUR minor units');
    expect(set.stdout).toContain('expire after 6 months without activity (warned 14 days before)');
    expect(json(await cli(['loyalty', 'program', 'show', '--store', store.id, '--json']))).toMatchObject({
      currency: 'EUR',
      pointValue: { points: 100, minor: 500 },
    });

    const badFile = join(dir, `bad-${dialect}.json`);
    writeFileSync(badFile, JSON.stringify({ ...PROGRAM, expiry: { months: -1 } }));
    const bad = await cli(['loyalty', 'program', 'set', '--store', store.id, badFile]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('error INVALID_ARGUMENT: loyalty program: expiry.months');
    const missing = await cli(['loyalty', 'program', 'set', '--store', store.id, join(dir, 'nope.json')]);
    expect(missing.stderr).toContain('error FILE_NOT_FOUND');
    expect((await cli(['loyalty', 'program', 'show', '--store', 'sto_nope'])).stderr).toContain(
      'error STORE_NOT_FOUND',
    );
  });

  it('runs the expiry once as of an instant, and prints the liability', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'CLI Expiry' });
    const file = join(dir, `program2-${dialect}.json`);
    writeFileSync(file, JSON.stringify(PROGRAM));
    json(await cli(['loyalty', 'program', 'set', '--store', store.id, file, '--json']));
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-1' });
    const t = '2025-01-01T00:00:00.000Z';
    await postPoints(db, store.id, customer.id, {
      kind: 'earn',
      points: 300,
      sourceKey: 'seed',
      reason: 'seed',
      postedAt: t,
      availableAt: t,
    });

    expect(
      json(await cli(['loyalty', 'expire', '--store', store.id, '--as-of', '2025-06-20T00:00:00Z', '--json'])),
    ).toEqual({ asOf: '2025-06-20T00:00:00.000Z', done: 1 });
    expect((await cli(['loyalty', 'expire', '--store', store.id, '--as-of', '2025-07-01T00:00:00Z'])).stdout).toBe(
      '1 expiries and warnings as of 2025-07-01T00:00:00.000Z\n',
    );
    expect(
      json(await cli(['loyalty', 'expire', '--store', store.id, '--as-of', '2025-07-02T00:00:00Z', '--json'])).done,
    ).toBe(0);
    expect((await ledgerOf(db, store.id, customer.id)).map((e) => e.points)).toEqual([300, -300]);

    const report = json(
      await cli(['loyalty', 'liability', '--store', store.id, '--as-of', '2025-08-01T00:00:00Z', '--json']),
    );
    expect(report).toMatchObject({
      outstanding: { total: 0, totalMinor: 0 },
      totals: { earned: 300, expired: 300 },
      breakageRate: 1,
    });
    const text = await cli(['loyalty', 'liability', '--store', store.id, '--as-of', '2025-08-01T00:00:00Z']);
    expect(text.stdout).toContain('outstanding: 0 points (0 available, 0 pending), worth 0 EUR minor units');
    expect(text.stdout).toContain('breakage rate: 100.0%');
    expect(text.stdout).toMatch(/2025-07\s+0\s+0\s+300/);
  });
});
