/**
 * bench:api: the real `regulars serve` in its own process, loaded by autocannon from this process
 * over loopback (2 cores: one for the server, one for the load). For SQLite and PostgreSQL:
 *   1. POST /v1/orders, one new order per request (each with its customer and two lines);
 *   2. POST /v1/orders:batch, 100 new orders per request;
 *   3. GET /v1/customers/{id}, over the customers the first two runs made.
 * Targets (issue 4): >= 3,000 orders/s with p99 < 50 ms, GET >= 5,000 requests/s.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { type BenchTarget, CLI, newBenchTarget } from './bench-support.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const BATCH = 100;

function cli(args: string[], env: Record<string, string>): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`regulars ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

function serve(target: BenchTarget): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--log-level', 'warn', '--rate-limit', '0', ...target.args], {
      env: { ...process.env, ...target.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, base: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

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

interface Figures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function load(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ duration: DURATION_S, connections: CONNECTIONS, ...options });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function row(label: string, figures: Figures, unitsPerRequest = 1): string {
  const rate = figures.requestsPerSecond * unitsPerRequest;
  const failures = figures.non2xx + figures.errors > 0 ? `  (${figures.non2xx} non-2xx, ${figures.errors} errors)` : '';
  return `  ${label.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(7)} /s   p50 ${figures.p50.toFixed(1).padStart(5)} ms   p99 ${figures.p99
    .toFixed(1)
    .padStart(5)} ms${failures}`;
}

async function benchTarget(target: BenchTarget): Promise<string[]> {
  const lines: string[] = [`${target.name === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (${DURATION_S} s per run, ${CONNECTIONS} connections)`];
  const { id, apiKey } = JSON.parse(cli(['stores', 'create', 'Bench Coffee', '--json', ...target.args], target.env)) as { id: string; apiKey: string };
  const { child, base } = await serve(target);
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  try {
    // Warm up: JIT, prepared paths, the first customers.
    const post = (path: string, body: () => unknown): autocannon.Request[] => [
      { method: 'POST', path, headers, setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) },
    ];
    await load({ url: base, duration: 2, requests: post('/v1/orders', () => order('warm')) });

    const single = await load({ url: base, requests: post('/v1/orders', () => order('one')) });
    lines.push(row('POST /v1/orders (orders/s)', single));

    const batch = await load({
      url: base,
      connections: 4,
      requests: post('/v1/orders:batch', () => ({ orders: Array.from({ length: BATCH }, () => order('batch')) })),
    });
    lines.push(row(`POST /v1/orders:batch x${BATCH} (orders/s)`, batch, BATCH));

    const ids = (await (await fetch(`${base}/v1/customers?limit=100`, { headers })).json()) as { customers: { id: string }[] };
    let next = 0;
    const get = await load({
      url: base,
      requests: [
        {
          method: 'GET',
          headers: { authorization: headers.authorization },
          setupRequest: (request) => ({ ...request, path: `/v1/customers/${ids.customers[next++ % ids.customers.length].id}` }),
        },
      ],
    });
    lines.push(row('GET /v1/customers/{id} (requests/s)', get));
    lines.push(`  store ${id}: ${sequence.toLocaleString('en-US')} orders sent in all`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  return lines;
}

for (const kind of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[]) {
  const target = await newBenchTarget(kind);
  try {
    process.stderr.write(`bench:api on ${target.name === 'sqlite' ? 'SQLite' : 'PostgreSQL'}...\n`);
    const lines = await benchTarget(target);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await target.cleanup();
  }
}
