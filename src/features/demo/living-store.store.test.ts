import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInFlowSources } from '../flows/index.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { readLoyaltyProgram } from '../loyalty/index.js';
import { readTierSettings } from '../tiers/index.js';
import { listStaffUsers } from '../console/index.js';
import { missingForMarketing, readShopProfile } from '../stores/index.js';
import { readDeliverySettings } from '../delivery/index.js';
import { loadConfig } from '../../platform/config.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { DEMO_FLOWS, DEMO_OWNER_EMAIL, DEMO_STORE, DEMO_TIME_ZONE } from './demo-store.js';
import { runGenerate } from './generate.command.js';
import { isStoreLiving, makeStoreLiving } from './living-store.service.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const CUSTOMERS = 300;
const dir = mkdtempSync(join(tmpdir(), 'regulars-living-'));
const orders = join(dir, 'orders.csv');
const generated = runGenerate({ customers: CUSTOMERS, seed: 42, start: '2025-01-01', days: 365, out: orders });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(dialects)('the living demo store on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it("gives the imported history its people, their consent, a program, tiers and flows", async () => {
    const { db } = database();
    await generated;
    const { store } = await createStore(db, { name: DEMO_STORE, shopifySecret: null });
    await importOrderFile({ db, readOrderExport }, { path: orders, storeId: store.id, format: 'generic', strict: false });
    expect(await isStoreLiving(db, store.id)).toBe(false);

    const config = loadConfig();
    const summary = await makeStoreLiving(db, store.id, {
      customers: CUSTOMERS,
      seed: 42,
      now: '2025-12-31T18:00:00.000Z',
      publicUrl: 'http://127.0.0.1:8080',
      // The demo's own choice (demo.command.ts): SpamAssassin is the slow gate, and not what this tests.
      flowSources: await builtInFlowSources({ ...config, spamCheck: { ...config.spamCheck, spamAssassin: null } }),
      owner: { email: DEMO_OWNER_EMAIL, password: 'correct horse battery' },
    });
    expect(summary.customers).toBe(CUSTOMERS);
    expect(await isStoreLiving(db, store.id)).toBe(true);

    const customers = await db
      .selectFrom('customers')
      .select(['id', 'first_name', 'last_name', 'time_zone', 'locale'])
      .where('store_id', '=', store.id)
      .execute();
    expect(customers).toHaveLength(CUSTOMERS);
    for (const c of customers) expect([c.first_name, c.last_name, c.time_zone, c.locale]).not.toContain(null);
    const zones = new Set(customers.map((c) => c.time_zone));
    for (const zone of ['Europe/Ljubljana', 'Asia/Seoul', 'Asia/Tokyo', 'America/New_York']) expect(zones).toContain(zone);

    // The consent in effect: the latest record per customer.
    const records = await db
      .selectFrom('consent_records')
      .select(['customer_id', 'status', 'source'])
      .where('store_id', '=', store.id)
      .where('channel', '=', 'email')
      .where('purpose', '=', 'marketing')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute();
    const latest = new Map(records.map((r) => [r.customer_id, r]));
    const granted = [...latest.values()].filter((r) => r.status === 'granted').length;
    const unsubscribed = [...latest.values()].filter((r) => r.source === 'unsubscribe_link');
    expect(granted / CUSTOMERS).toBeGreaterThan(0.6);
    expect(granted).toBeLessThan(CUSTOMERS - unsubscribed.length);
    // A customer whose checkout had said no already changes no consent by unsubscribing; the
    // suppression below is recorded for every one.
    expect(unsubscribed.length).toBeGreaterThan(0);
    expect(unsubscribed.length).toBeLessThanOrEqual(summary.unsubscribed);
    for (const r of unsubscribed) expect(r.status).toBe('revoked');
    expect(records.some((r) => r.source === 'signup_form')).toBe(true);
    const suppressed = await db
      .selectFrom('suppressions')
      .select('customer_id')
      .where('store_id', '=', store.id)
      .where('reason', '=', 'unsubscribed')
      .execute();
    expect(suppressed).toHaveLength(summary.unsubscribed);

    expect(missingForMarketing(await readShopProfile(db, store.id))).toEqual([]);
    expect((await readDeliverySettings(db, store.id)).timeZone).toBe(DEMO_TIME_ZONE);
    expect((await readLoyaltyProgram(db, store.id))?.enabled).toBe(true);
    expect((await readTierSettings(db, store.id))?.levels.length).toBeGreaterThan(0);
    const flows = await db
      .selectFrom('flows')
      .select('name')
      .where('store_id', '=', store.id)
      .where('enabled', '=', 1)
      .orderBy('name')
      .execute();
    expect(flows.map((f) => f.name)).toEqual([...DEMO_FLOWS].sort());
    expect(await listStaffUsers(db, store.id)).toMatchObject([{ email: DEMO_OWNER_EMAIL, role: 'owner' }]);
  });
});
