/**
 * What the HTTP benchmarks share: the CLI and the real `regulars serve` in their own processes,
 * autocannon's load, and one line of figures per run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { REWARDS_CURSOR_SETTING } from '../src/features/rewards/sync-rewards.service.js';
import { openDatabase } from '../src/platform/database/database.js';
import { type BenchTarget, CLI, newBenchTarget } from './bench-support.js';

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** Server processes (`regulars serve --workers N`). */
export const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

export function cli(args: string[], env: Record<string, string>): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (run.status !== 0) throw new Error(`regulars ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/**
 * Node options for the server process alone, such as `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile
 * it under the bench's load (NODE_OPTIONS refuses --cpu-prof, and would profile the CLI calls too).
 */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');

/** The real server on a free port, as a store owner runs it (warn-level logs, no rate limit). */
export function serve(target: BenchTarget): Promise<{ child: ChildProcess; base: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...SERVER_NODE_ARGS,
        CLI,
        'serve',
        '--port',
        '0',
        '--log-level',
        'warn',
        '--rate-limit',
        '0',
        '--workers',
        String(WORKERS),
        ...target.args,
      ],
      {
        env: { ...process.env, ...target.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    const stop = async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    };
    let listening = false;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      // Once listening, the server logs only warnings and errors (a failed rewards sync, say): shown.
      if (listening) return void process.stderr.write(chunk);
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        listening = true;
        resolve({ child, base: match[1], stop });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export interface Figures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

export async function load(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ duration: DURATION_S, connections: CONNECTIONS, ...options });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function row(label: string, figures: Figures, unitsPerRequest = 1): string {
  const rate = figures.requestsPerSecond * unitsPerRequest;
  const failures = figures.non2xx + figures.errors > 0 ? `  (${figures.non2xx} non-2xx, ${figures.errors} errors)` : '';
  return `  ${label.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(7)} /s   p50 ${figures.p50.toFixed(1).padStart(5)} ms   p99 ${figures.p99
    .toFixed(1)
    .padStart(5)} ms${failures}`;
}

/** A POST autocannon sends with a fresh JSON body each time. */
export function post(path: string, headers: Record<string, string>, body: () => unknown): autocannon.Request[] {
  return [{ method: 'POST', path, headers, setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }];
}

export function dialectName(target: BenchTarget): string {
  return target.name === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

/** The heading of a run: the database, the load and the server processes. */
export function runHeading(target: BenchTarget): string {
  return `${dialectName(target)} (${DURATION_S} s per run, ${CONNECTIONS} connections, ${WORKERS} server ${WORKERS === 1 ? 'process' : 'processes'})`;
}

/** Runs a benchmark on each database BENCH_DIALECTS names (default both), on a fresh one each, printing its lines. */
export async function onEachDatabase(name: string, bench: (target: BenchTarget) => Promise<string[]>): Promise<void> {
  for (const kind of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as BenchTarget['name'][]) {
    const target = await newBenchTarget(kind);
    try {
      process.stderr.write(`${name} on ${dialectName(target)}...\n`);
      const lines = await bench(target);
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await target.cleanup();
    }
  }
}

let sequence = 0;

/** Orders made by order() so far, in this process. */
export function sentOrders(): number {
  return sequence;
}

/**
 * The body of POST /v1/orders the HTTP benchmarks send: a new order (external id `prefix-n`) with
 * two lines, for one of 20,000 customers in turn (created by the first 20,000, updated after).
 */
export function order(prefix: string): Record<string, unknown> {
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

/** The benchmark's own connection to a target's database. */
export function openTarget(target: BenchTarget) {
  return openDatabase(
    target.name === 'sqlite' ? { kind: 'sqlite', file: target.file! } : { kind: 'postgres', url: target.url! },
  );
}

/**
 * Milliseconds until the store's rewards sync has read every order written. "Every order" is
 * counted afresh at each look, not taken once at the start: a batch that autocannon gave up on
 * (its timeout is 10 s) may still be committed by the server afterwards.
 */
export async function waitForRewardsSync(target: BenchTarget, storeId: string): Promise<number> {
  const started = performance.now();
  const db = openTarget(target);
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
