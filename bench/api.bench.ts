/**
 * bench:api: the real `regulars serve` in its own process, loaded by autocannon from this process
 * over loopback (2 cores: one for the server, one for the load). For SQLite and PostgreSQL:
 *   1. POST /v1/orders, one new order per request (each with its customer and two lines);
 *   2. POST /v1/orders:batch, 100 new orders per request;
 *   3. GET /v1/customers/{id}, over the customers the first two runs made.
 * Targets: >= 3,000 orders/s with p99 < 50 ms, GET >= 5,000 requests/s.
 */
import { REWARDS_CURSOR_SETTING } from '../src/features/rewards/sync-rewards.service.js';
import { openDatabase } from '../src/platform/database/database.js';
import type { BenchTarget } from './bench-support.js';
import { cli, load, post as postRequest, onEachDatabase, row, runHeading, serve } from './http-load.js';

const BATCH = 100;

let sequence = 0;
function order(prefix: string): Record<string, unknown> {
  const n = sequence++;
  const day = 1 + (n % 28);
  return {
    externalId: `${prefix}-${n}`,
    customer: { externalId: `cust-${n % 20_000}`, email: `customer${n % 20_000}@example.com` },
    orderedAt: `2024-03-${String(day).padStart(2, '0')}T10:00:00+01:00`,
    currency: 'EUR',
    totalMinor: 3897,
    lines: [
      { sku: 'BEAN-1', title: 'House blend 250 g', quantity: 2, priceMinor: 1299 },
      { sku: 'FILTER-1', title: 'Paper filters', quantity: 1, priceMinor: 1299 },
    ],
  };
}

/**
 * Milliseconds until the store's rewards sync has read every order written. "Every order" is
 * counted afresh at each look, not taken once at the start: a batch that autocannon gave up on
 * (its timeout is 10 s) may still be committed by the server afterwards.
 */
async function waitForRewardsSync(target: BenchTarget, storeId: string): Promise<number> {
  const started = performance.now();
  const db = openDatabase(
    target.name === 'sqlite' ? { kind: 'sqlite', file: target.file! } : { kind: 'postgres', url: target.url! },
  );
  try {
    for (;;) {
      const cursor = await db
        .selectFrom('store_settings')
        .select('value')
        .where('store_id', '=', storeId)
        .where('name', '=', REWARDS_CURSOR_SETTING)
        .executeTakeFirst();
      const at = cursor ? (JSON.parse(cursor.value) as { updatedAt: string; orderId: string }) : null;
      const behind = await db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('store_id', '=', storeId)
        .$if(at !== null, (q) =>
          q.where((eb) =>
            eb.or([
              eb('updated_at', '>', at!.updatedAt),
              eb.and([eb('updated_at', '=', at!.updatedAt), eb('id', '>', at!.orderId)]),
            ]),
          ),
        )
        .executeTakeFirstOrThrow();
      if (Number(behind.n) === 0) return performance.now() - started;
      if (performance.now() - started > 120_000) {
        throw new Error(
          `the rewards sync did not catch up within 2 minutes: ${Number(behind.n)} orders behind, cursor ${JSON.stringify(at)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await db.destroy();
  }
}

async function benchTarget(target: BenchTarget): Promise<string[]> {
  const lines: string[] = [runHeading(target)];
  const { id, apiKey } = JSON.parse(
    cli(['stores', 'create', 'Bench Coffee', '--json', ...target.args], target.env),
  ) as { id: string; apiKey: string };
  const { base, stop } = await serve(target);
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  try {
    // Warm up: JIT, prepared paths, the first customers.
    const post = (path: string, body: () => unknown) => postRequest(path, headers, body);
    await load({ url: base, duration: 2, requests: post('/v1/orders', () => order('warm')) });

    const single = await load({ url: base, requests: post('/v1/orders', () => order('one')) });
    lines.push(row('POST /v1/orders (orders/s)', single));

    const batch = await load({
      url: base,
      connections: 4,
      requests: post('/v1/orders:batch', () => ({ orders: Array.from({ length: BATCH }, () => order('batch')) })),
    });
    lines.push(row(`POST /v1/orders:batch x${BATCH} (orders/s)`, batch, BATCH));

    // The server's rewards sync reads every order written (docs/rewards.md); the reads are measured
    // once it has caught up, as a store sees them between bursts of orders.
    const caughtUp = await waitForRewardsSync(target, id);
    lines.push(`  rewards sync caught up ${(caughtUp / 1000).toFixed(1)} s after the last order`);

    const ids = (await (await fetch(`${base}/v1/customers?limit=100`, { headers })).json()) as {
      customers: { id: string }[];
    };
    let next = 0;
    const get = await load({
      url: base,
      requests: [
        {
          method: 'GET',
          headers: { authorization: headers.authorization },
          setupRequest: (request) => ({
            ...request,
            path: `/v1/customers/${ids.customers[next++ % ids.customers.length].id}`,
          }),
        },
      ],
    });
    lines.push(row('GET /v1/customers/{id} (requests/s)', get));
    lines.push(`  store ${id}: ${sequence.toLocaleString('en-US')} orders sent in all`);
  } finally {
    await stop();
  }
  return lines;
}

await onEachDatabase('bench:api', benchTarget);
