/**
 * `npm run bench:import`: `regulars import` end to end (process start, streaming parse, batched
 * upserts, commits) into a fresh SQLite file and a fresh PostgreSQL database, then the same import
 * again (nothing to change), each timed under /usr/bin/time (wall time, peak resident memory).
 *
 * Inputs: the demo store (`regulars generate` defaults: 78,270 line items, 45,681 orders, 20,000
 * customers) and the first 1,000,000 line items of generateStore({ seed: 1 }) (bench-support.ts).
 * A baseline puts the demo's first 2,000 orders through one transaction per order (recordOrder, as
 * a webhook does), in-process, to show what the batches save.
 *
 * Run some only: `npm run bench:import -- demo,1000000 sqlite,postgres`.
 * PostgreSQL: databases are created and dropped through REGULARS_TEST_POSTGRES_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { recordOrder } from '../src/features/orders/record-order.service.js';
import { readOrderExport } from '../src/features/orders/order-export.reader.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { createStore } from '../src/platform/stores/store.repository.js';
import { type BenchTarget, CLI, generatedFile, median, newBenchTarget, OUT_DIR } from './bench-support.js';

const BASELINE_ORDERS = 2_000;

function cli(target: BenchTarget, args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args, ...target.args], {
    encoding: 'utf8',
    env: { ...process.env, ...target.env },
  });
  if (run.status !== 0) throw new Error(`regulars ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

interface Timed {
  readonly seconds: number;
  readonly peakMb: number;
  readonly result: { orders: Record<string, number>; customers: Record<string, number>; unchanged: boolean };
}

/** `regulars import FILE --store ID --json` under GNU time. */
function timedImport(target: BenchTarget, file: string, storeId: string): Timed {
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'BENCH %e %M', process.execPath, CLI, 'import', file, '--store', storeId, '--json', ...target.args],
    {
      encoding: 'utf8',
      env: { ...process.env, ...target.env },
      maxBuffer: 1 << 28,
    },
  );
  const line = run.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  if (run.status !== 0 || !line) throw new Error(`import failed (${run.status}):\n${run.stderr.slice(-2000)}`);
  const [, seconds, kb] = line.split(' ');
  return { seconds: Number(seconds), peakMb: Number(kb) / 1024, result: JSON.parse(run.stdout) };
}

function demoFile(): string {
  const file = join(OUT_DIR, 'demo-orders.csv');
  if (!existsSync(file)) spawnSync(process.execPath, [CLI, 'generate', '--out', file], { stdio: 'inherit' });
  return file;
}

/** The first BASELINE_ORDERS orders of the file, one transaction per order, timed in this process. */
async function baseline(target: BenchTarget, file: string): Promise<number> {
  const db = openDatabase(target.url ? { kind: 'postgres', url: target.url } : { kind: 'sqlite', file: target.file! });
  try {
    await migrateToLatest(db, target.name);
    const { store } = await createStore(db, { name: 'Baseline' });
    const exported = await readOrderExport(file, {});
    const customers = new Map(exported.customers.map((c) => [c.externalId, c]));
    const orders = [];
    for (const order of exported.orders) {
      if (orders.length === BASELINE_ORDERS) break;
      orders.push(order);
    }
    const started = performance.now();
    for (const { customerExternalId, ...order } of orders)
      await recordOrder(db, store.id, { customer: customers.get(customerExternalId)!, order });
    return (performance.now() - started) / 1000 / orders.length;
  } finally {
    await db.destroy();
  }
}

const inputs = (process.argv[2] ?? 'demo,1000000').split(',');
const dialects = (process.argv[3] ?? 'sqlite,postgres').split(',') as BenchTarget['name'][];
const fmt = (n: number) => n.toLocaleString('en-US');

for (const input of inputs) {
  const file = input === 'demo' ? demoFile() : await generatedFile(Number(input));
  const runs = input === 'demo' ? 3 : 1;
  for (const dialect of dialects) {
    const first: Timed[] = [];
    const again: Timed[] = [];
    for (let i = 0; i < runs; i++) {
      const target = await newBenchTarget(dialect);
      try {
        const storeId = JSON.parse(cli(target, ['stores', 'create', 'Bench', '--json'])).id as string;
        first.push(timedImport(target, file, storeId));
        again.push(timedImport(target, file, storeId));
        if (!again.at(-1)!.result.unchanged) throw new Error('the second import changed something');
      } finally {
        await target.cleanup();
      }
    }
    const orders = first[0].result.orders.created;
    const seconds = median(first.map((m) => m.seconds));
    const againSeconds = median(again.map((m) => m.seconds));
    const peak = Math.max(...first.map((m) => m.peakMb), ...again.map((m) => m.peakMb));
    process.stdout.write(
      `import ${input.padStart(7)} ${dialect.padEnd(8)}: ${fmt(orders)} orders in ${seconds.toFixed(2)} s (${fmt(Math.round(orders / seconds))} orders/s), ` +
        `again (nothing to change) ${againSeconds.toFixed(2)} s, peak ${peak.toFixed(0)} MB${runs > 1 ? ` (median of ${runs})` : ''}\n`,
    );
  }
}

if (inputs.includes('demo')) {
  for (const dialect of dialects) {
    const target = await newBenchTarget(dialect);
    try {
      const perOrder = await baseline(target, demoFile());
      process.stdout.write(
        `baseline ${dialect.padEnd(8)}: one transaction per order, ${(perOrder * 1000).toFixed(2)} ms an order (${fmt(Math.round(1 / perOrder))} orders/s; first ${fmt(BASELINE_ORDERS)} demo orders)\n`,
      );
    } finally {
      await target.cleanup();
    }
  }
}
