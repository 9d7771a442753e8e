/**
 * `npm run bench:console`: from submitting the login form to the Overview fully drawn (numbers and
 * every chart on screen), in headless Chromium against an in-process server on SQLite. The first
 * sign-in after the import computes the Overview (cold); the others find it cached (warm), as
 * staff do until the orders change. Also the import's time and the console's gzipped JavaScript.
 *
 * Sizes, in line items of the generated demo store: `npm run bench:console -- 78000,4000000 10`
 * (default 78,000 rows, about the demo store's 20,000 customers; 10 sign-ins each).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { consoleFolder, createStaffUser } from '../src/features/console/index.js';
import { importOrderFile, readOrderExport } from '../src/features/orders/index.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrate.js';
import { buildApp } from '../src/platform/http/build-app.js';
import { createStore } from '../src/platform/stores/store.repository.js';
import { generatedFile, newBenchTarget, ROOT } from './bench-support.js';

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'bench password, long enough';

const sizes = (process.argv[2] ?? '78000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 10);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const folder = consoleFolder();
if (!existsSync(CHROMIUM) || folder === null)
  throw new Error(`needs ${CHROMIUM} and the built console (npm run build)`);
const size = JSON.parse(readFileSync(join(ROOT, 'dist', 'web', 'console', 'size.json'), 'utf8')) as {
  firstLoadGzip: number;
  overviewGzip: number;
};
console.log(
  `console JavaScript gzipped: ${(size.firstLoadGzip / 1024).toFixed(1)} KB first load, ` +
    `${(size.overviewGzip / 1024).toFixed(1)} KB with the Overview's charts`,
);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const rows of sizes) {
    const file = await generatedFile(rows);
    const target = await newBenchTarget('sqlite');
    const db = openDatabase({ kind: 'sqlite', file: target.file! });
    try {
      await migrateToLatest(db, 'sqlite');
      const { store } = await createStore(db, { name: 'Bench Coffee', shopifySecret: null });
      let started = performance.now();
      const imported = await importOrderFile({ db, readOrderExport }, { path: file, storeId: store.id });
      const importSeconds = (performance.now() - started) / 1000;
      const orders = Object.values(imported.orders).reduce((a, b) => a + b, 0);
      // One user per sign-in: the login limits count attempts per email.
      for (let i = 0; i < runs; i++)
        await createStaffUser(
          db,
          { storeId: store.id, email: `staff${i}@bench.example`, role: 'owner', password: PASSWORD },
          new Date().toISOString(),
        );
      const app = await buildApp({ db, dialect: 'sqlite', console: { folder } });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const times: number[] = [];
      try {
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          await page.goto(`${base}/login`);
          await page.locator('input[name="email"]').fill(`staff${i}@bench.example`);
          await page.locator('input[name="password"]').fill(PASSWORD);
          started = performance.now();
          await page.locator('button[type="submit"]').click();
          await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 600_000 });
          times.push(performance.now() - started);
          await context.close();
        }
      } finally {
        await app.close();
      }
      const warm = times.slice(1);
      console.log(
        `${rows.toLocaleString('en-US')} rows, ${orders.toLocaleString('en-US')} orders: import ${importSeconds.toFixed(1)} s; ` +
          `login to Overview drawn: cold ${(times[0] / 1000).toFixed(2)} s, warm p50 ${(percentile(warm, 50) / 1000).toFixed(2)} s ` +
          `p95 ${(percentile(warm, 95) / 1000).toFixed(2)} s over ${warm.length} sign-ins`,
      );
    } finally {
      await db.destroy();
      await target.cleanup();
    }
  }
} finally {
  await browser.close();
}
