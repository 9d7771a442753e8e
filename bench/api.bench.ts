/**
 * bench:api: the real `regulars serve` in its own process, loaded by autocannon from this process
 * over loopback (2 cores: one for the server, one for the load). For SQLite and PostgreSQL:
 *   1. POST /v1/orders, one new order per request (each with its customer and two lines);
 *   2. POST /v1/orders:batch, 100 new orders per request;
 *   3. GET /v1/customers/{id}, over the customers the first two runs made.
 * Targets: >= 3,000 orders/s with p99 < 50 ms, GET >= 5,000 requests/s.
 */
import type { BenchTarget } from './bench-support.js';
import {
  cli,
  load,
  order,
  post as postRequest,
  onEachDatabase,
  row,
  runHeading,
  sentOrders,
  serve,
  waitForRewardsSync,
} from './http-load.js';

const BATCH = 100;

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
    lines.push(`  store ${id}: ${sentOrders().toLocaleString('en-US')} orders sent in all`);
  } finally {
    await stop();
  }
  return lines;
}

await onEachDatabase('bench:api', benchTarget);
