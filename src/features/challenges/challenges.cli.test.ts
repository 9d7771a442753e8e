import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { AS_OF, seedPopulation } from './challenges.fixtures.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe.each(dialects)('regulars challenges on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  it('issues a week of challenges once, with a summary per kind, and lists them', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Challenges' });
    const ids = await seedPopulation(database().db, store.id);

    const text = await cli(['challenges', 'issue', '--store', store.id, '--as-of', AS_OF]);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      'issued 7 challenges as of 2026-11-29 (week of 2026-11-23) to segment all (7 customers with a purchase):',
    );
    expect(text.stdout).toMatch(/frequency +3\n +interval +1\n +new_category +3\n/);
    expect(text.stdout).toMatch(/ +9 +too little history\n/);

    const again = json(await cli(['challenges', 'issue', '--store', store.id, '--as-of', AS_OF, '--json']));
    expect(again.issued).toEqual({ frequency: 0, interval: 0, new_category: 0 });
    expect(again.skipped).toMatchObject({ history: 9, open: 7 });

    const listed = json(await cli(['challenges', 'list', '--store', store.id, '--json']));
    expect(listed).toHaveLength(7);
    const mine = json(await cli(['challenges', 'list', '--store', store.id, '--customer', 'k10', '--json']));
    expect(mine.map((c: { kind: string; target: { orders: number } }) => [c.kind, c.target.orders])).toEqual([
      ['frequency', 12],
      ['new_category', 1],
    ]);
    expect(mine[0].customerId).toBe(ids.k10);
    const lines = await cli(['challenges', 'list', '--store', store.id, '--customer', ids.long]);
    expect(lines.stdout).toMatch(
      /^chl_\w+ +cus_\w+ +interval +offered +0\/1 +2026-11-30\.\.2027-01-06 +100 pts +\(next order within 48 days\)\n$/,
    );
  });

  it('issues for one segment and reads and writes the settings', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Segments' });
    await seedPopulation(database().db, store.id);
    const settings = json(
      await cli([
        'challenges',
        'settings',
        '--store',
        store.id,
        '--set',
        '{"kinds": ["frequency"], "bonusPoints": {"frequency": 150}}',
      ]),
    );
    expect(settings).toMatchObject({ kinds: ['frequency'], windowDays: 28, bonusPoints: { frequency: 150 } });
    expect(json(await cli(['challenges', 'settings', '--store', store.id]))).toEqual(settings);
    const lost = json(
      await cli(['challenges', 'issue', '--store', store.id, '--as-of', AS_OF, '--segment', 'lost', '--json']),
    );
    expect(lost).toMatchObject({ segment: 'Lost', issued: { frequency: 0 } });
    expect(lost.customers).toBeLessThan(7);
    const all = json(await cli(['challenges', 'issue', '--store', store.id, '--as-of', AS_OF, '--json']));
    expect(all.issued).toEqual({ frequency: 3, interval: 0, new_category: 0 });
  });

  it('answers bad options, segments, settings and unknown stores with their codes and exit status 2', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Errors' });
    const badSegment = await cli(['challenges', 'issue', '--store', store.id, '--segment', 'sleepy']);
    expect(badSegment.status).toBe(2);
    expect(badSegment.stderr).toContain('error INVALID_ARGUMENT: unknown segment "sleepy"');
    const badDate = await cli(['challenges', 'issue', '--store', store.id, '--as-of', '2026-02-30']);
    expect(badDate.status).not.toBe(0);
    expect(badDate.stderr).toContain('expected a real date as YYYY-MM-DD');
    const noStore = await cli(['challenges', 'issue', '--store', 'sto_nope']);
    expect(noStore.status).toBe(2);
    expect(noStore.stderr).toContain('error STORE_NOT_FOUND');
    const noCustomer = await cli(['challenges', 'list', '--store', store.id, '--customer', 'nobody']);
    expect(noCustomer.stderr).toContain('error CUSTOMER_NOT_FOUND');
    const badSettings = await cli(['challenges', 'settings', '--store', store.id, '--set', '{"windowDays": 3}']);
    expect(badSettings.status).toBe(2);
    expect(badSettings.stderr).toContain('error INVALID_ARGUMENT: challenges setting windowDays');
    expect((await cli(['challenges', 'list', '--store', store.id])).stdout).toContain('no challenges yet');
  });
});
