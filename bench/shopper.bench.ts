/**
 * bench:shopper: GET /v1/shopper/me, what a storefront widget or the account page asks on every
 * page view, against the real `regulars serve` in its own process over loopback, loaded by
 * autocannon from this process. 1,000 shoppers with orders (so points, tier measure, referral code
 * and subscriptions are real reads), each request with one of their tokens in turn: under the
 * per-shopper rate limit (300 a minute), as real traffic is. Goal: >= 3,000 requests/s on SQLite.
 * Prints the load average too: the machine may be shared. And the server's own CPU time per
 * request (its utime + stime from /proc over the measured run), which a busy machine blurs far less
 * than the rate: other processes take the cores away, not the work a request costs.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type autocannon from 'autocannon';
import type { BenchTarget } from './bench-support.js';
import {
  cli,
  DURATION_S,
  load,
  onEachDatabase,
  order,
  row,
  runHeading,
  serve,
  waitForRewardsSync,
} from './http-load.js';
import { signShopperToken } from '../src/features/shopper/shopper-token.js';

const SHOPPERS = 1_000;

/** The process's CPU seconds so far (user + system), from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // After the command's ")": state is field 3, so utime (14) and stime (15) are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, 100 a second on Linux
  } catch {
    return null;
  }
}

async function benchTarget(target: BenchTarget): Promise<string[]> {
  const lines: string[] = [runHeading(target)];
  const { id, apiKey } = JSON.parse(cli(['stores', 'create', 'Bench Beans', '--json', ...target.args], target.env)) as {
    id: string;
    apiKey: string;
  };
  const { secret } = JSON.parse(
    cli(['shopper', 'secret', 'show', '--store', id, '--json', ...target.args], target.env),
  ) as {
    secret: string;
  };
  const { base, stop, child } = await serve(target);
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body: unknown) => {
    const answer = await fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
  };
  try {
    await call('PUT', '/v1/loyalty/program', {
      currency: 'USD',
      startsAt: '2020-01-01T00:00:00Z',
      earn: { rate: { points: 1, perMinor: 100 } },
      redemption: [{ id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 } }],
    });
    await call('PUT', '/v1/tiers', {
      basis: 'lifetime_spend',
      currency: 'USD',
      levels: [
        { name: 'Silver', threshold: 5_000, perks: { earnMultiplier: 1.25 } },
        { name: 'Gold', threshold: 20_000, perks: { earnMultiplier: 2 } },
      ],
    });
    await call('PUT', '/v1/referrals/settings', { referrerPoints: 500, referredPoints: 250 });
    // Two orders each for the first 1,000 customers of order() (cust-0 ...).
    for (let i = 0; i < 20; i += 1)
      await call('POST', '/v1/orders:batch', { orders: Array.from({ length: 100 }, () => order('shop')) });
    await waitForRewardsSync(target, id);

    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const tokens = Array.from(
      { length: SHOPPERS },
      (_, n) => `Shopper ${signShopperToken(secret, { storeId: id, externalId: `cust-${n}`, expiresAt })}`,
    );
    const check = await fetch(`${base}/v1/shopper/me`, { headers: { authorization: tokens[0] } });
    if (!check.ok) throw new Error(`GET /v1/shopper/me: ${check.status} ${await check.text()}`);
    const sample = (await check.json()) as { points: { available: number } };
    let next = 0;
    const me = (): autocannon.Request[] => [
      {
        method: 'GET',
        path: '/v1/shopper/me',
        setupRequest: (request) => ({
          ...request,
          headers: { authorization: tokens[next++ % tokens.length] },
        }),
      },
    ];
    // Warm up: each shopper's first look makes their referral code (a write, once per customer
    // ever), then JIT and prepared statements; the measured run is the steady state of reads.
    for (let i = 0; i < tokens.length; i += 50)
      await Promise.all(
        tokens
          .slice(i, i + 50)
          .map((authorization) =>
            fetch(`${base}/v1/shopper/me`, { headers: { authorization } }).then((r) => r.arrayBuffer()),
          ),
      );
    await load({ url: base, duration: 3, requests: me() });
    const before = loadavg();
    const cpuBefore = cpuSeconds(child.pid);
    const figures = await load({ url: base, requests: me() });
    const cpuAfter = cpuSeconds(child.pid);
    const after = loadavg();
    lines.push(row('GET /v1/shopper/me (requests/s)', figures));
    if (cpuBefore !== null && cpuAfter !== null) {
      const perRequest = (cpuAfter - cpuBefore) / (figures.requestsPerSecond * DURATION_S);
      lines.push(
        `  server CPU per /me request ${(perRequest * 1e6).toFixed(0)} µs (one free core: about ${Math.round(1 / perRequest).toLocaleString('en-US')} requests/s)`,
      );
    }
    // The same machine, the same moment: the customer 360 (bench:api's busiest read, with its own
    // figure in docs/benchmarks.md), so a run on a busy machine can still be compared.
    const ids = (await (await fetch(`${base}/v1/customers?limit=100`, { headers })).json()) as {
      customers: { id: string }[];
    };
    let n = 0;
    const reference = await load({
      url: base,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/v1/customers/${ids.customers[n++ % ids.customers.length].id}`,
            headers: { authorization: headers.authorization },
          }),
        },
      ],
    });
    lines.push(row('GET /v1/customers/{id} (reference)', reference));
    lines.push(
      `  ${SHOPPERS} shoppers (the first has ${sample.points.available} points); load average ${before[0].toFixed(2)} before, ${after[0].toFixed(2)} after (1 min, 2 cores)`,
    );
  } finally {
    await stop();
  }
  return lines;
}

process.env.BENCH_DIALECTS ??= 'sqlite';
await onEachDatabase('bench:shopper', benchTarget);
