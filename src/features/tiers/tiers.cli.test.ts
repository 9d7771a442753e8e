import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCustomerTier } from './update-tier-for-order.service.js';
import { dayFromIso } from '../../analytics/day.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { upsertOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const SETTINGS = {
  basis: 'rolling_12_month_spend',
  currency: 'EUR',
  levels: [
    { name: 'Silver', threshold: 10_000, perks: { earnMultiplier: 1.25 } },
    { name: 'Gold', threshold: 50_000, perks: { earnMultiplier: 1.5, freeShipping: true, memberCouponPercent: 10 } },
  ],
};

function file(name: string, value: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'regulars-tiers-')), name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe.each(dialects)('regulars tiers on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  it('sets and shows the settings, and refuses a bad file with the field', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Tiers' });
    const none = await cli(['tiers', 'show', '--store', store.id]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('error TIERS_NOT_CONFIGURED');

    const set = await cli(['tiers', 'set', '--store', store.id, file('tiers.json', SETTINGS)]);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('Gold: from 50000 EUR minor units (x1.5 points, free shipping, 10% member coupons)');
    expect(json(await cli(['tiers', 'show', '--store', store.id, '--json']))).toMatchObject({
      settings: { basis: 'rolling_12_month_spend', currency: 'EUR' },
      customers: {},
    });

    const bad = await cli(['tiers', 'set', '--store', store.id, file('bad.json', { ...SETTINGS, basis: 'weekly' })]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('error INVALID_ARGUMENT: basis must be one of');
    const notJson = await cli(['tiers', 'set', '--store', store.id, file('x.json', '{ nope')]);
    expect(notJson.stderr).toContain('error INVALID_ARGUMENT');
    expect((await cli(['tiers', 'set', '--store', store.id, '/no/such/file.json'])).stderr).toContain(
      'error FILE_NOT_FOUND',
    );
    expect((await cli(['tiers', 'show', '--store', 'sto_nope'])).stderr).toContain('error STORE_NOT_FOUND');
  });

  it('evaluate applies the downgrades due as of --as-of and prints them, once', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'CLI Evaluate' });
    expect((await cli(['tiers', 'set', '--store', store.id, file('tiers.json', SETTINGS)])).status).toBe(0);
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'c-77' });
    await upsertOrderByExternalId(db, store.id, {
      externalId: 'o-1',
      customerId: customer.id,
      orderedAt: '2025-01-09T10:00:00Z',
      orderDay: dayFromIso('2025-01-09'),
      currency: 'EUR',
      subtotalMinor: 60_000,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: 60_000,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: null,
      lines: [],
    });
    await evaluateCustomerTier(db, store.id, customer.id, '2025-01-10T12:00:00Z');
    expect(json(await cli(['tiers', 'show', '--store', store.id, '--json'])).customers).toEqual({ Gold: 1 });

    const early = json(
      await cli(['tiers', 'evaluate', '--store', store.id, '--as-of', '2026-01-10T11:59:59.999Z', '--json']),
    );
    expect(early.changes).toEqual([]);
    const due = await cli(['tiers', 'evaluate', '--store', store.id, '--as-of', '2026-01-10T12:00:00Z']);
    expect(due.stderr).toBe('');
    expect(due.stdout).toBe(
      'c-77: Gold -> no tier at 2026-01-10T12:00:00.000Z (measure 0)\n1 tier change as of 2026-01-10T12:00:00.000Z\n',
    );
    expect(
      json(await cli(['tiers', 'evaluate', '--store', store.id, '--as-of', '2026-01-10T12:00:00Z', '--json'])).changes,
    ).toEqual([]);
    expect((await cli(['tiers', 'evaluate', '--store', store.id, '--as-of', 'tomorrow'])).stderr).toContain('--as-of');
  });

  it('sets and shows the referral settings', async () => {
    const { store } = await createStore(database().db, { name: 'CLI Referrals' });
    const set = await cli([
      'referrals',
      'set',
      '--store',
      store.id,
      file('referrals.json', { referrerPoints: 500, referredPoints: 250 }),
    ]);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain(
      'referrer 500 points, referred customer 250 points on their first order (spendable at once); at most 5 referrals per IP in 30 days',
    );
    expect(json(await cli(['referrals', 'show', '--store', store.id, '--json']))).toEqual({
      referrerPoints: 500,
      referredPoints: 250,
      maxReferralsPerIpPer30Days: 5,
      pointsAvailableAfterDays: 0,
    });
    const bad = await cli([
      'referrals',
      'set',
      '--store',
      store.id,
      file('bad.json', { referrerPoints: 'many', referredPoints: 1 }),
    ]);
    expect(bad.stderr).toContain('error INVALID_ARGUMENT: referrerPoints must be a whole number');
  });
});
