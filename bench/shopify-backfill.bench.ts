/**
 * `npm run bench:shopify-backfill`: `regulars shopify backfill` end to end (process start, the
 * Admin API calls, the streamed JSONL of both bulk results, batched writes with their checkpoints)
 * into a fresh SQLite file and a fresh PostgreSQL database, against the local fake Admin API
 * (src/features/shopify/fake-shopify.fixtures.ts, generated data) in this process, polled
 * every 20 ms so that Shopify's own running time is left out. Then the same backfill again
 * (a new pair of bulk operations, nothing to change).
 *
 * Run some only: `npm run bench:shopify-backfill -- 100000 sqlite,postgres` (orders; customers
 * are a fifth of them).
 */
import { spawn } from 'node:child_process';
import { FakeShopify } from '../src/features/shopify/fake-shopify.fixtures.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { createStore } from '../src/platform/stores/store.repository.js';
import { type BenchTarget, CLI, newBenchTarget } from './bench-support.js';

const TOKEN = 'shpat_bench';
const SHOP = 'bench-beans.myshopify.com';

function backfill(
  target: BenchTarget,
  storeId: string,
  adminUrl: string,
): Promise<{ seconds: number; stdout: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'shopify',
        'backfill',
        '--store',
        storeId,
        '--admin-url',
        adminUrl,
        '--access-token',
        TOKEN,
        '--poll-interval',
        '20',
        '--json',
        ...target.args,
      ],
      { env: { ...process.env, ...target.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out: string[] = [];
    const err: string[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => err.push(d.toString()));
    child.on('close', (status) => {
      if (status !== 0) reject(new Error(`regulars shopify backfill failed:\n${err.join('')}`));
      else resolve({ seconds: (performance.now() - started) / 1000, stdout: out.join('') });
    });
  });
}

async function main(): Promise<void> {
  const orders = Number(process.argv[2] ?? 100_000);
  const names = (process.argv[3] ?? 'sqlite,postgres').split(',') as BenchTarget['name'][];
  const customers = Math.max(1, Math.floor(orders / 5));
  const fake = await new FakeShopify('bench-client-id', 'bench-client-secret').start();
  fake.install(SHOP, { accessToken: TOKEN, data: { customers, orders, timeZone: 'Europe/Berlin' } });
  console.log(
    `bench:shopify-backfill: ${orders.toLocaleString('en-US')} orders (1 to 3 line items), ${customers.toLocaleString('en-US')} customers, fake Admin API on this machine`,
  );
  try {
    for (const name of names) {
      const target = await newBenchTarget(name);
      try {
        const db = openDatabase(
          target.url ? { kind: 'postgres', url: target.url } : { kind: 'sqlite', file: target.file! },
        );
        let storeId: string;
        try {
          await migrateToLatest(db, target.name);
          storeId = (await createStore(db, { name: 'Bench shop' })).store.id;
        } finally {
          await db.destroy();
        }
        const first = await backfill(target, storeId, fake.adminUrlOf(SHOP));
        const again = await backfill(target, storeId, fake.adminUrlOf(SHOP));
        const result = JSON.parse(first.stdout) as { orders: { created: number } };
        console.log(
          `  ${name.padEnd(8)} first backfill ${first.seconds.toFixed(1)} s: ${Math.round(orders / first.seconds).toLocaleString('en-US')} orders/s ` +
            `(${result.orders.created.toLocaleString('en-US')} created); again (nothing to change) ${again.seconds.toFixed(1)} s`,
        );
      } finally {
        await target.cleanup();
      }
    }
  } finally {
    await fake.stop();
  }
}

await main();
