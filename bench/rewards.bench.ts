/**
 * bench:rewards: the real `regulars serve` in its own process, loaded by autocannon from this
 * process over loopback (2 cores: one for the server, one for the load). For SQLite and PostgreSQL:
 *   1. POST /v1/coupons/validate, a cart against a percent code (and one with a per-customer limit);
 *   2. POST /v1/loyalty/actions, points for a custom action, a new key per request, over 20,000 customers;
 *   3. the rewards sync inside the server: points earned for 20,000 orders written by the batch API.
 * Targets: validate >= 5,000 requests/s; points earn >= 2,000/s with p99 < 50 ms.
 */
import { openDatabase } from '../src/platform/database/database.js';
import type { BenchTarget } from './bench-support.js';
import { cli, load, post, onEachDatabase, row, runHeading, serve } from './http-load.js';

const CUSTOMERS = 20_000;
const BATCH = 500;

const PROGRAM = {
  currency: 'EUR',
  // Without it the program starts when it is saved, and the orders below (placed yesterday) would earn nothing.
  startsAt: '2020-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 100 } },
  returnWindowDays: 30,
  actions: { visit: { points: 5 } },
  redemption: [{ id: 'five-off', points: 500, reward: { kind: 'amount', amountMinor: 500 } }],
};

function order(n: number): Record<string, unknown> {
  return {
    externalId: `earn-${n}`,
    customer: { externalId: `cust-${n % CUSTOMERS}`, email: `customer${n % CUSTOMERS}@example.com` },
    orderedAt: new Date(Date.now() - 86_400_000).toISOString(),
    currency: 'EUR',
    totalMinor: 3897,
    lines: [
      { sku: 'BEAN-1', title: 'House blend 250 g', category: 'coffee', quantity: 2, priceMinor: 1299 },
      { sku: 'FILTER-1', title: 'Paper filters', category: 'accessories', quantity: 1, priceMinor: 1299 },
    ],
  };
}

async function ledgerEntries(target: BenchTarget, storeId: string): Promise<number> {
  const db = openDatabase(
    target.name === 'sqlite' ? { kind: 'sqlite', file: target.file! } : { kind: 'postgres', url: target.url! },
  );
  try {
    const row = await db
      .selectFrom('loyalty_ledger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', '=', storeId)
      .where('kind', '=', 'earn')
      .where('source_key', 'like', 'order:%')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

async function benchTarget(target: BenchTarget): Promise<string[]> {
  const lines: string[] = [runHeading(target)];
  const { id, apiKey } = JSON.parse(
    cli(['stores', 'create', 'Bench Rewards', '--json', ...target.args], target.env),
  ) as { id: string; apiKey: string };
  cli(
    ['coupons', 'create', '--store', id, '--code', 'BENCH10', '--kind', 'percent', '--value', '10', ...target.args],
    target.env,
  );
  cli(
    [
      'coupons',
      'create',
      '--store',
      id,
      '--code',
      'ONCE5',
      '--kind',
      'amount',
      '--value',
      '500',
      '--currency',
      'EUR',
      '--per-customer-limit',
      '1',
      ...target.args,
    ],
    target.env,
  );
  const { base, stop } = await serve(target);
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  try {
    const program = await fetch(`${base}/v1/loyalty/program`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(PROGRAM),
    });
    if (!program.ok) throw new Error(`PUT /v1/loyalty/program: ${program.status} ${await program.text()}`);

    // The customers, with one order each: the rewards sync in the server earns their points.
    const started = performance.now();
    for (let start = 0; start < CUSTOMERS; start += BATCH) {
      const response = await fetch(`${base}/v1/orders:batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ orders: Array.from({ length: BATCH }, (_, i) => order(start + i)) }),
      });
      if (!response.ok) throw new Error(`POST /v1/orders:batch: ${response.status} ${await response.text()}`);
    }
    const written = performance.now();
    let earned = 0;
    while ((earned = await ledgerEntries(target, id)) < CUSTOMERS) {
      if (performance.now() - written > 120_000)
        throw new Error(`only ${earned} of ${CUSTOMERS} orders earned points after 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const done = performance.now();
    lines.push(
      `  rewards sync: points for ${CUSTOMERS.toLocaleString('en-US')} orders ${((done - written) / 1000).toFixed(1)} s after the last was written ` +
        `(${Math.round(CUSTOMERS / ((done - started) / 1000)).toLocaleString('en-US')} orders/s from the first write, sync interval 5 s included)`,
    );

    let cart = 0;
    const validate = await load({
      url: base,
      requests: post('/v1/coupons/validate', headers, () => ({
        code: 'bench10',
        subtotalMinor: 1000 + (cart++ % 9000),
        currency: 'EUR',
      })),
    });
    lines.push(row('POST /v1/coupons/validate', validate));
    const perCustomer = await load({
      url: base,
      requests: post('/v1/coupons/validate', headers, () => ({
        code: 'ONCE5',
        subtotalMinor: 5000,
        currency: 'EUR',
        customerId: `cust-${cart++ % CUSTOMERS}`,
      })),
    });
    lines.push(row('  with a per-customer limit', perCustomer));

    let visit = 0;
    const earn = await load({
      url: base,
      requests: post('/v1/loyalty/actions', headers, () => {
        const n = visit++;
        return { customerId: `cust-${n % CUSTOMERS}`, action: 'visit', key: `visit-${n}` };
      }),
    });
    lines.push(row('POST /v1/loyalty/actions (earn)', earn));
  } finally {
    await stop();
  }
  return lines;
}

await onEachDatabase('bench:rewards', benchTarget);
