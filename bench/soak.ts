/**
 * npm run soak: the real `regulars serve` and `regulars worker` in their own processes, with an SMTP
 * server (smtp-server) in this process, under a steady mixed load for --minutes N (default 30):
 * orders posted (POST /v1/orders), customer reads (GET /v1/customers/{id}), coupon validations
 * (POST /v1/coupons/validate), and for every new order an email planned in the outbox that the
 * worker sends. At a moderate rate (--rate, default 60 requests/s): a soak, not a stress test. Once
 * a minute it prints that minute's requests, errors, p99 latency, the server's and the worker's
 * resident memory and the emails received; at the end it writes the table to bench/out/soak.md.
 * SQLite by default; --postgres URL runs on that (empty or Regulars') database instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import type { PlannedMessage } from '../src/features/delivery/planned-message.js';
import { planMessages } from '../src/features/delivery/index.js';
import { countOutbox } from '../src/features/delivery/outbox.repository.js';
import { builtInTemplatesDir, loadTemplate } from '../src/features/messaging/templates.adapter.js';
import { createProgressBar } from '../src/platform/cli/progress-bar.js';
import { openDatabase } from '../src/platform/database/database.js';
import { type BenchTarget, CLI, OUT_DIR, newBenchTarget } from './bench-support.js';
import { cli, serve } from './http-load.js';

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '60' },
    postgres: { type: 'string' },
  },
});
const MINUTES = Number(flags.minutes);
const RATE = Number(flags.rate);
if (!(MINUTES > 0) || !(RATE > 0)) throw new Error('--minutes and --rate must be positive numbers');
/** Customers the orders are spread over: reads and repeat orders hit customers that exist. */
const CUSTOMERS = 5_000;
const TICK_MS = 100;

interface MinuteFigures {
  minute: number;
  requests: number;
  errors: number;
  p99: number;
  serverMb: number;
  workerMb: number;
  emails: number;
  backlog: number;
}

function rssMb(child: ChildProcess): number {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function startReceiver(): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function targetOf(url: string | undefined): Promise<BenchTarget> {
  if (url === undefined) return newBenchTarget('sqlite');
  return Promise.resolve({
    name: 'postgres',
    args: [],
    env: { DATABASE_URL: url },
    url,
    file: null,
    cleanup: async () => {},
  });
}

function startWorker(target: BenchTarget, smtpPort: number): ChildProcess {
  return spawn(process.execPath, [CLI, 'worker', '--concurrency', '8', ...target.args], {
    env: {
      ...process.env,
      ...target.env,
      NO_COLOR: '1',
      REGULARS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      REGULARS_MAIL_FROM: 'Sunny Beans <hello@sunnybeans.example>',
      REGULARS_PUBLIC_URL: 'https://regulars.sunnybeans.example',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const target = await targetOf(flags.postgres);
const receiver = await startReceiver();
const { id: storeId, apiKey } = JSON.parse(
  cli(['stores', 'create', 'Soak Coffee', '--json', ...target.args], target.env),
) as { id: string; apiKey: string };
cli(
  ['coupons', 'create', '--store', storeId, '--code', 'SOAK10', '--kind', 'percent', '--value', '10', ...target.args],
  target.env,
);
const server = await serve(target);
const worker = startWorker(target, receiver.port);
const db = openDatabase(
  target.name === 'sqlite' ? { kind: 'sqlite', file: target.file as string } : { kind: 'postgres', url: target.url! },
);
const sample = (await loadTemplate(builtInTemplatesDir(), 'newsletter')).sample ?? {};
const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };

let sequence = 0;
const customerIds: string[] = [];
const knownCustomers = new Set<string>();
let toPlan: { customerId: string; orderId: string }[] = [];
let planned = 0;
let latencies: number[] = [];
let requests = 0;
let errors = 0;
const errorSamples = new Map<string, number>();

function noteError(what: string): void {
  errors++;
  errorSamples.set(what, (errorSamples.get(what) ?? 0) + 1);
}

async function timed(path: string, init: RequestInit, onBody?: (body: unknown) => void): Promise<void> {
  const started = performance.now();
  requests++;
  try {
    const response = await fetch(`${server.base}${path}`, init);
    const body = (await response.json()) as unknown;
    latencies.push(performance.now() - started);
    if (response.status >= 300)
      noteError(`${init.method ?? 'GET'} ${path.split('/').slice(0, 3).join('/')} ${response.status}`);
    else onBody?.(body);
  } catch (error) {
    latencies.push(performance.now() - started);
    noteError(`${init.method ?? 'GET'} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function postOrder(): Promise<void> {
  const n = sequence++;
  const customer = n % CUSTOMERS;
  const body = {
    externalId: `soak-${n}`,
    customer: { externalId: `cust-${customer}`, email: `customer${customer}@example.com`, firstName: 'Alice' },
    orderedAt: new Date().toISOString(),
    currency: 'EUR',
    totalMinor: 3897,
    lines: [
      { sku: 'BEAN-1', title: 'House blend 250 g', quantity: 2, priceMinor: 1299 },
      { sku: 'FILTER-1', title: 'Paper filters', quantity: 1, priceMinor: 1299 },
    ],
  };
  return timed('/v1/orders', { method: 'POST', headers, body: JSON.stringify(body) }, (recorded) => {
    const { id, customerId, outcome } = recorded as { id: string; customerId: string; outcome: string };
    if (!knownCustomers.has(customerId)) {
      knownCustomers.add(customerId);
      customerIds.push(customerId);
    }
    if (outcome === 'created') toPlan.push({ customerId, orderId: id });
  });
}

function readCustomer(): Promise<void> {
  const id = customerIds[Math.floor(Math.random() * customerIds.length)];
  return timed(`/v1/customers/${id}`, { headers: { authorization: headers.authorization } });
}

function validateCoupon(): Promise<void> {
  const body = { code: Math.random() < 0.8 ? 'SOAK10' : 'NOSUCH', subtotalMinor: 3897, currency: 'EUR' };
  return timed('/v1/coupons/validate', { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The email each new order is followed by: planned in the outbox, sent by the worker. */
async function planSends(): Promise<void> {
  if (toPlan.length === 0) return;
  const batch = toPlan;
  toPlan = [];
  const now = new Date().toISOString();
  const messages: PlannedMessage[] = batch.map(({ customerId, orderId }) => ({
    storeId,
    customerId,
    flow: 'post-purchase',
    triggerKey: orderId,
    channel: 'email',
    purpose: 'transactional',
    template: 'newsletter',
    data: sample,
    sendAt: now,
    holdoutShare: 0,
  }));
  try {
    planned += (await planMessages(db, storeId, messages, now)).planned;
  } catch (error) {
    noteError(`planning sends: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function backlog(): Promise<number> {
  const counts = await countOutbox(db, storeId);
  return counts.filter((c) => ['planned', 'postponed', 'sending'].includes(c.status)).reduce((s, c) => s + c.count, 0);
}

const table: MinuteFigures[] = [];
const header = 'minute  requests  errors  p99 ms  server RSS MB  worker RSS MB  emails  backlog';
function line(f: MinuteFigures): string {
  return `${String(f.minute).padStart(6)}  ${String(f.requests).padStart(8)}  ${String(f.errors).padStart(6)}  ${f.p99.toFixed(1).padStart(6)}  ${f.serverMb.toFixed(0).padStart(13)}  ${f.workerMb.toFixed(0).padStart(13)}  ${String(f.emails).padStart(6)}  ${String(f.backlog).padStart(7)}`;
}

process.stderr.write(
  `soak: ${MINUTES} min at ${RATE} requests/s on ${target.name === 'sqlite' ? `SQLite (${target.file})` : 'PostgreSQL'}, store ${storeId}\n${header}\n`,
);
const progress = createProgressBar('soak');
const started = performance.now();
const totalMs = MINUTES * 60_000;
let recordMinute = () => {};
/** Minutes closed whose outbox backlog is still being counted. */
let pendingMinutes = 0;
let emailsAtMinuteStart = 0;
let credit = 0;
const inFlight = new Set<Promise<void>>();

await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const elapsed = performance.now() - started;
    progress.update(Math.min(elapsed, totalMs), totalMs);
    // Each minute closes on the tick that crosses it, the last one included.
    if (elapsed >= (table.length + pendingMinutes + 1) * 60_000) recordMinute();
    if (elapsed >= totalMs) {
      clearInterval(tick);
      resolve();
      return;
    }
    credit += (RATE * TICK_MS) / 1000;
    while (credit >= 1) {
      credit--;
      const r = Math.random();
      const request = r < 0.3 || customerIds.length === 0 ? postOrder() : r < 0.7 ? readCustomer() : validateCoupon();
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
  }, TICK_MS);
  const planner = setInterval(() => void planSends(), 2_000);
  recordMinute = () => {
    const sorted = latencies.sort((a, b) => a - b);
    const emails = receiver.received();
    const figures: MinuteFigures = {
      minute: table.length + pendingMinutes + 1,
      requests,
      errors,
      p99: percentile(sorted, 99),
      serverMb: rssMb(server.child),
      workerMb: rssMb(worker),
      emails: emails - emailsAtMinuteStart,
      backlog: 0,
    };
    latencies = [];
    requests = 0;
    errors = 0;
    emailsAtMinuteStart = emails;
    pendingMinutes++;
    void backlog().then((n) => {
      figures.backlog = n;
      pendingMinutes--;
      table.push(figures);
      process.stderr.write(`\r${line(figures)}\n`);
    });
  };
  const stopTimers = setInterval(() => {
    if (performance.now() - started < totalMs) return;
    clearInterval(planner);
    clearInterval(stopTimers);
  }, 1_000);
});
progress.finish();
await Promise.all(inFlight);
while (pendingMinutes > 0) await new Promise((resolve) => setTimeout(resolve, 50));
await planSends();

// Everything planned is sent: wait (up to 2 minutes) for the worker to drain the outbox.
const drainStarted = performance.now();
let left = await backlog();
while (left > 0 && performance.now() - drainStarted < 120_000) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  left = await backlog();
}
const sentCounts = (await countOutbox(db, storeId)).filter((c) => c.status === 'sent');
const sent = sentCounts.reduce((s, c) => s + c.count, 0);

const stopWorker = new Promise((done) => worker.once('exit', done));
worker.kill('SIGTERM');
await stopWorker;
await server.stop();
await db.destroy();
await receiver.close();
await target.cleanup();

const summary = [
  `soak: ${MINUTES} min at ${RATE} requests/s (30% POST /v1/orders, 40% GET /v1/customers/{id}, 30% POST /v1/coupons/validate), ${target.name === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
  `${sequence.toLocaleString('en-US')} orders posted, ${planned.toLocaleString('en-US')} emails planned, ${sent.toLocaleString('en-US')} marked sent, ${receiver.received().toLocaleString('en-US')} received by the SMTP server, ${left} left in the outbox after the run`,
  ...(errorSamples.size === 0 ? [] : ['errors:', ...[...errorSamples].map(([what, n]) => `  ${n} x ${what}`)]),
  '',
  '| minute | requests | errors | p99 ms | server RSS MB | worker RSS MB | emails sent | outbox backlog |',
  '| -----: | -------: | -----: | -----: | ------------: | ------------: | ----------: | -------------: |',
  ...table.map(
    (f) =>
      `| ${f.minute} | ${f.requests} | ${f.errors} | ${f.p99.toFixed(1)} | ${f.serverMb.toFixed(0)} | ${f.workerMb.toFixed(0)} | ${f.emails} | ${f.backlog} |`,
  ),
];
mkdirSync(OUT_DIR, { recursive: true });
const file = join(OUT_DIR, 'soak.md');
writeFileSync(file, `${summary.join('\n')}\n`);
process.stdout.write(`${summary.join('\n')}\n\nwritten to ${file}\n`);
