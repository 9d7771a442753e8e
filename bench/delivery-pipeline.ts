/**
 * The send pipeline end to end (bench:delivery and bench:flows). The real `regulars worker --once` runs in its own
 * process against a fresh SQLite file and a fresh PostgreSQL database, sending marketing email
 * rendered from the built-in 'newsletter' template (with its sample data) into an SMTP server
 * (smtp-server) in this process, which reads every message to its end. Every message passes the
 * full send-time checks (lease, customer lock, consent, suppression, frequency cap, quiet hours)
 * and is recorded 'sending' then 'sent'. BENCH_DELIVERY_MESSAGES (default 5,000) and
 * BENCH_DELIVERY_WORKERS (default 2 processes) change the run; BENCH_WORKER_NODE_ARGS passes Node
 * options to the workers (`--cpu-prof --cpu-prof-dir=DIR` profiles them: Node refuses those in NODE_OPTIONS).
 * Target: at least 500 emails/s.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DELIVERY_SETTING } from '../src/features/delivery/delivery-settings.js';
import type { PlannedMessage } from '../src/features/delivery/planned-message.js';
import { builtInTemplatesDir, loadTemplate } from '../src/features/messaging/templates.adapter.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { recordConsent } from '../src/features/consent/index.js';
import { upsertCustomerByExternalId } from '../src/features/customers/customer.repository.js';
import { planMessages } from '../src/features/delivery/index.js';
import { countOutbox } from '../src/features/delivery/outbox.repository.js';
import { writeSetting } from '../src/platform/stores/store-settings.repository.js';
import { createStore } from '../src/platform/stores/store.repository.js';
import { type BenchTarget, CLI, newBenchTarget } from './bench-support.js';

const MESSAGES = Number(process.env.BENCH_DELIVERY_MESSAGES ?? 5_000);
/**
 * Worker processes sharing the outbox (SKIP LOCKED on PostgreSQL, the file lock on SQLite).
 * Rendering Liquid and composing MIME cost a few milliseconds of CPU per email, so one process
 * is bound by one core; workers are stateless and scale out (docs/delivery.md).
 */
const WORKERS = Number(process.env.BENCH_DELIVERY_WORKERS ?? 2);
const TARGET_PER_S = 500;
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');

interface Receiver {
  readonly port: number;
  received(): number;
  span(): { first: number; last: number };
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  let count = 0;
  let first = 0;
  let last = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 100,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const now = performance.now();
        if (count === 0) first = now;
        last = now;
        count++;
        callback();
      });
    },
  });
  // A killed worker resets its connections: expected here, not a failure of the server.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received: () => count,
    span: () => ({ first, last }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A store with MESSAGES consenting customers and one due marketing email each. */
export async function prepare(target: BenchTarget): Promise<string> {
  const db = openDatabase(
    target.name === 'sqlite'
      ? { kind: 'sqlite', file: target.file as string }
      : { kind: 'postgres', url: target.url as string },
  );
  try {
    await migrateToLatest(db, target.name);
    const { store } = await createStore(db, { name: 'Bench Delivery' });
    const now = new Date().toISOString();
    await writeSetting(db, store.id, DELIVERY_SETTING, { quietHours: null }, now);
    const sample = (await loadTemplate(builtInTemplatesDir(), 'newsletter')).sample ?? {};
    const planned: PlannedMessage[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const customer = await upsertCustomerByExternalId(db, store.id, {
        externalId: `bench-${i}`,
        email: `customer${i}@example.com`,
        firstName: 'Alice',
      });
      await recordConsent(db, store.id, customer.id, {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'bench',
        recordedAt: now,
        ip: null,
        doubleOptInAt: null,
      });
      planned.push({
        storeId: store.id,
        customerId: customer.id,
        flow: 'campaign',
        triggerKey: 'bench',
        channel: 'email',
        purpose: 'marketing',
        template: 'newsletter',
        data: sample,
        sendAt: now,
        holdoutShare: 0,
      });
    }
    await planMessages(db, store.id, planned, now);
    return store.id;
  } finally {
    await db.destroy();
  }
}

async function sentCount(target: BenchTarget, storeId: string): Promise<number> {
  const db = openDatabase(
    target.name === 'sqlite'
      ? { kind: 'sqlite', file: target.file as string }
      : { kind: 'postgres', url: target.url as string },
  );
  try {
    return (await countOutbox(db, storeId)).filter((c) => c.status === 'sent').reduce((sum, c) => sum + c.count, 0);
  } finally {
    await db.destroy();
  }
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

/** One dialect's run: the line the benches print. */
export async function deliveryPipeline(name: BenchTarget['name']): Promise<string> {
  return (await deliveryRun(name)).line;
}

/** One dialect's run: emails/s from the first message received to the last, and the line to print. */
export async function deliveryRun(
  name: BenchTarget['name'],
): Promise<{ emailsPerSecond: number; sinkCpuShare: number; line: string }> {
  const target = await newBenchTarget(name);
  const receiver = await startReceiver();
  try {
    process.stderr.write(`${name}: preparing ${MESSAGES.toLocaleString('en-US')} customers and messages...\n`);
    const storeId = await prepare(target);
    const started = performance.now();
    // The SMTP sink runs in this process, which does nothing else meanwhile: its CPU share says
    // whether the sink, rather than the workers, could be what limits the rate.
    const sinkCpu = process.cpuUsage();
    const runWorker = async (): Promise<void> => {
      const child = spawn(
        process.execPath,
        [
          ...WORKER_NODE_ARGS,
          CLI,
          'worker',
          '--store',
          storeId,
          '--once',
          '--concurrency',
          '16',
          '--batch',
          '100',
          ...target.args,
        ],
        {
          env: {
            ...process.env,
            ...target.env,
            NO_COLOR: '1',
            REGULARS_SMTP_URL: `smtp://127.0.0.1:${receiver.port}`,
            REGULARS_MAIL_FROM: 'Sunny Beans <hello@sunnybeans.example>',
            REGULARS_PUBLIC_URL: 'https://regulars.sunnybeans.example',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      if (code !== 0) throw new Error(`a worker exited with ${code}: ${output}`);
    };
    await Promise.all(Array.from({ length: WORKERS }, runWorker));
    const wall = (performance.now() - started) / 1000;
    const sinkShare = ((cpuSeconds(process.cpuUsage(sinkCpu)) / wall) * 100).toFixed(0);
    const { first, last } = receiver.span();
    const sending = (last - first) / 1000;
    const rate = (receiver.received() - 1) / sending;
    const sent = await sentCount(target, storeId);
    const line =
      `${name.padEnd(8)} ${receiver.received().toLocaleString('en-US')} emails received, ${sent.toLocaleString('en-US')} marked sent: ` +
      `${rate.toFixed(0)} emails/s (first to last message, ${sending.toFixed(2)} s), ${(MESSAGES / wall).toFixed(0)}/s with worker start-up (${wall.toFixed(2)} s) ` +
      `${rate >= TARGET_PER_S ? 'OK' : `BELOW the ${TARGET_PER_S}/s target`}; the SMTP sink used ${sinkShare}% of a core`;
    return { emailsPerSecond: rate, sinkCpuShare: Number(sinkShare) / 100, line };
  } finally {
    await receiver.close();
    await target.cleanup();
  }
}

/** The heading line of the delivery figures. */
export function deliveryHeading(): string {
  return `send pipeline: ${MESSAGES.toLocaleString('en-US')} marketing emails through ${WORKERS} regulars worker process${WORKERS === 1 ? '' : 'es'} into a local SMTP server (target >= ${TARGET_PER_S}/s)`;
}
