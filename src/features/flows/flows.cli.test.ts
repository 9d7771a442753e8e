import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../analytics/day.js';
import { isHeldOut } from '../delivery/holdout.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { upsertOrderByExternalId } from '../orders/order.repository.js';
import { upsertProductBySku } from '../products/product.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function json(run: { status: number | null; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/**
 * `regulars flows` from the shell: list, the enable gates, the dry run's JSON on a store whose
 * history makes one replenishment reminder due on a known day (the week 6-7 case), performance,
 * folders of flow files, disable.
 */
describe.each(dialects)('regulars flows on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  function at(): { args: string[]; env: Record<string, string> } {
    const { target } = database();
    return dbArgs(target);
  }
  const cli = (args: string[]) => runCli([...args, ...at().args], { env: at().env });

  async function storeWithOneBuyer() {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Sunny Beans' });
    await upsertProductBySku(db, store.id, {
      sku: 'BEANS-1KG',
      title: 'House beans 1 kg',
      category: 'coffee',
      priceMinor: 2400,
      currency: 'EUR',
      replenishmentDays: 56,
      complements: [],
      upgradeTo: null,
    });
    const customer = await upsertCustomerByExternalId(db, store.id, {
      externalId: '820982911946154508',
      email: 'ada@example.com',
      firstName: 'Ada',
    });
    await upsertOrderByExternalId(db, store.id, {
      externalId: '1001',
      customerId: customer.id,
      orderedAt: '2026-01-05T11:00:00+01:00',
      orderDay: dayFromIso('2026-01-05'),
      currency: 'EUR',
      subtotalMinor: 2400,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: 2400,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: null,
      lines: [
        {
          sku: 'BEANS-1KG',
          title: 'House beans 1 kg',
          category: 'coffee',
          quantity: 1,
          priceMinor: 2400,
          totalMinor: 2400,
        },
      ],
    });
    return { storeId: store.id, customerId: customer.id };
  }

  it('backtests a day: the reminder of an 8-week cycle is due in week 7, with its reason and holdout', async () => {
    const { storeId, customerId } = await storeWithOneBuyer();
    const listed = json(await cli(['flows', 'list', '--store', storeId, '--json']));
    expect(listed.map((f: { name: string }) => f.name)).toContain('replenishment');
    expect(listed.every((f: { enabled: boolean }) => !f.enabled)).toBe(true);
    expect(listed.find((f: { name: string }) => f.name === 'replenishment')).toMatchObject({
      kind: 'replenishment',
      purpose: 'marketing',
      templates: ['replenishment-reminder'],
      settings: { leadFraction: 0.8 },
    });

    // Day 44 after 2026-01-05 is 2026-02-18 (week 7); nothing the day before.
    const before = json(
      await cli([
        'flows',
        'run',
        '--store',
        storeId,
        '--dry-run',
        '--flow',
        'replenishment',
        '--as-of',
        '2026-02-17',
        '--json',
      ]),
    );
    expect(before).toEqual([]);
    const due = json(
      await cli([
        'flows',
        'run',
        '--store',
        storeId,
        '--dry-run',
        '--flow',
        'replenishment',
        '--as-of',
        '2026-02-18',
        '--json',
      ]),
    );
    expect(due).toEqual([
      {
        flow: 'replenishment',
        customerId: '820982911946154508',
        channel: 'email',
        sendAt: '2026-02-18T10:00:00.000Z',
        reason: 'bought BEANS-1KG once; it lasts about 56 days; last on 2026-01-05',
        holdout: isHeldOut(storeId, 'replenishment', customerId, 0.1),
      },
    ]);
    // A week from the 15th, each day as of itself: the same one message, on its day.
    const week = json(
      await cli([
        'flows',
        'run',
        '--store',
        storeId,
        '--dry-run',
        '--all',
        '--as-of',
        '2026-02-15',
        '--days',
        '7',
        '--json',
      ]),
    );
    expect(week.filter((e: { flow: string }) => e.flow === 'replenishment')).toEqual(due);
    const text = await cli([
      'flows',
      'run',
      '--store',
      storeId,
      '--dry-run',
      '--flow',
      'replenishment',
      '--as-of',
      '2026-02-18',
    ]);
    expect(text.stdout).toContain('2026-02-18T10:00:00.000Z  replenishment');
    expect(text.stdout).toMatch(
      /replenishment: 2026-02-18T00:00:00.000Z to 2026-02-19T00:00:00.000Z: 1 candidates, would send [01], held out [01]/,
    );
  });

  it('enables behind the gates, reports performance, loads a folder and disables', async () => {
    const { storeId } = await storeWithOneBuyer();
    const refused = await cli(['flows', 'enable', 'replenishment', '--store', storeId]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('SHOP_PROFILE_INCOMPLETE');
    const profile = json(
      await cli([
        'stores',
        'profile',
        storeId,
        '--url',
        'https://beans.example',
        '--address',
        '1 Roast Street, Leeds',
        '--json',
      ]),
    );
    expect(profile).toMatchObject({
      name: 'Sunny Beans',
      url: 'https://beans.example',
      address: '1 Roast Street, Leeds',
    });
    const enabled = (await cli(['flows', 'enable', 'replenishment', '--store', storeId])).stdout;
    expect(enabled).toContain('enabled replenishment');
    // The default configuration scores the email with the installed SpamAssassin (limit 5.0).
    expect(enabled).toMatch(/^SpamAssassin: replenishment-reminder -?[\d.]+ \(limit 5\)$/m);
    expect(
      json(await cli(['flows', 'list', '--store', storeId, '--json'])).find(
        (f: { name: string }) => f.name === 'replenishment',
      ).enabled,
    ).toBe(true);

    const performance = json(await cli(['flows', 'performance', 'replenishment', '--store', storeId, '--json']));
    expect(performance).toMatchObject({ flow: 'replenishment', windowDays: 5 });
    expect(
      (await cli(['flows', 'performance', 'replenishment', '--store', storeId, '--window-days', '7'])).stdout,
    ).toContain('replenishment');

    const dir = mkdtempSync(join(tmpdir(), 'regulars-flows-'));
    writeFileSync(
      join(dir, 'spring-sale.json'),
      JSON.stringify({
        name: 'spring-sale',
        kind: 'campaign',
        settings: {
          sendAt: '2026-03-20T09:00:00Z',
          data: { campaign: { subject: 'Spring is here', intro: 'New beans from Kenya.', sections: [] } },
        },
      }),
    );
    const loaded = (
      await runCli(['flows', 'load', dir, '--store', storeId, ...at().args], {
        env: { ...at().env, REGULARS_SPAMASSASSIN: 'off' },
      })
    ).stdout;
    expect(loaded).toContain('loaded 1 flow definition');
    expect(loaded).toContain('spring-sale: not scored by SpamAssassin: REGULARS_SPAMASSASSIN is off');
    const campaign = json(
      await cli([
        'flows',
        'run',
        '--store',
        storeId,
        '--dry-run',
        '--flow',
        'spring-sale',
        '--as-of',
        '2026-03-20',
        '--json',
      ]),
    );
    expect(campaign.map((e: { customerId: string; flow: string }) => [e.flow, e.customerId])).toEqual([
      ['spring-sale', '820982911946154508'],
    ]);

    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ name: 'broken', kind: 'win-back', settings: { pAliveBelow: 3 } }),
    );
    const bad = await cli(['flows', 'load', dir, '--store', storeId]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('INVALID_FLOW');
    expect(bad.stderr).toContain('settings.pAliveBelow');

    expect((await cli(['flows', 'disable', 'replenishment', '--store', storeId])).stdout).toContain(
      'disabled replenishment',
    );
    const unknown = await cli(['flows', 'run', '--store', storeId, '--dry-run', '--flow', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('FLOW_NOT_FOUND');
  });
});
