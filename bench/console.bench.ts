/**
 * `npm run bench:console`: from submitting the login form to the Overview fully drawn (numbers and
 * every chart on screen), in headless Chromium against an in-process server on SQLite. After the
 * import the store's Overview snapshot is computed once (timed: what the scheduled job or a store's
 * first visit does), then every sign-in reads it, as staff do. Also the import's time, the
 * console's gzipped JavaScript and the machine's load average (other work on the same cores
 * stretches every figure).
 *
 * Sizes, in line items of the generated demo store: `npm run bench:console -- 78000,1710000 10`
 * (default 78,000 rows, about the demo store's 20,000 customers; 1,710,000 rows make about 1M
 * orders; 10 sign-ins each).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { consoleFolder, createStaffUser, refreshOverviewSnapshot } from '../src/features/console/index.js';
import { createProgressBar } from '../src/platform/cli/progress-bar.js';
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

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const folder = consoleFolder();
if (!existsSync(CHROMIUM) || folder === null)
  throw new Error(`needs ${CHROMIUM} and the built console (npm run build)`);
const size = JSON.parse(readFileSync(join(ROOT, 'dist', 'web', 'console', 'size.json'), 'utf8')) as {
  firstLoadGzip: number;
  overviewGzip: number;
};
console.log(`load average at start: ${load()} (1, 5, 15 min; other processes share the cores)`);
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
      const { store, apiKey } = await createStore(db, { name: 'Bench Coffee', shopifySecret: null });
      let started = performance.now();
      const reading = createProgressBar(`reading ${rows.toLocaleString('en-US')} rows`);
      const writing = createProgressBar('importing');
      const imported = await importOrderFile(
        { db, readOrderExport, onProgress: (done, total) => writing.update(done, total) },
        { path: file, storeId: store.id, onReadProgress: (done, total) => reading.update(done, total) },
      );
      reading.finish();
      writing.finish();
      const importSeconds = (performance.now() - started) / 1000;
      const orders = Object.values(imported.orders).reduce((a, b) => a + b, 0);
      process.stderr.write('computing the Overview snapshot...\n');
      started = performance.now();
      await refreshOverviewSnapshot(db, store.id);
      const snapshotSeconds = (performance.now() - started) / 1000;
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
      const api: number[] = [];
      /** Of each sign-in, the POST /login answer alone (the password's scrypt, the session written). */
      const login: number[] = [];
      const signIns = createProgressBar('signing in');
      try {
        for (let i = 0; i < runs; i++) {
          signIns.update(i, runs);
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          await page.goto(`${base}/login`);
          await page.locator('input[name="email"]').fill(`staff${i}@bench.example`);
          await page.locator('input[name="password"]').fill(PASSWORD);
          const signedIn = page.waitForResponse(
            (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login',
          );
          started = performance.now();
          await page.locator('button[type="submit"]').click();
          await signedIn;
          login.push(performance.now() - started);
          await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 600_000 });
          times.push(performance.now() - started);
          await context.close();
        }
        signIns.update(runs, runs);
        signIns.finish();
        // The Overview's own share: its API answer alone (version check and snapshot read), as the page fetches it.
        for (let i = 0; i < runs * 2; i++) {
          const t0 = performance.now();
          const res = await fetch(`${base}/v1/console/overview`, {
            headers: { authorization: `Bearer ${apiKey.plaintext}` },
          });
          const body = (await res.json()) as { cached: boolean; stale: boolean };
          if (!res.ok || !body.cached || body.stale) throw new Error(`the overview was not served from its snapshot`);
          api.push(performance.now() - t0);
        }
      } finally {
        await app.close();
      }
      const s = (ms: number) => (ms / 1000).toFixed(2);
      console.log(
        `${rows.toLocaleString('en-US')} rows, ${orders.toLocaleString('en-US')} orders: import ${importSeconds.toFixed(1)} s, ` +
          `Overview snapshot computed in ${snapshotSeconds.toFixed(1)} s; login to Overview drawn: ` +
          `p50 ${s(percentile(times, 50))} s, p95 ${s(percentile(times, 95))} s, first ${s(times[0])} s, ` +
          `over ${times.length} sign-ins, of which POST /login p50 ${s(percentile(login, 50))} s; GET /v1/console/overview alone: p50 ${percentile(api, 50).toFixed(0)} ms, ` +
          `p95 ${percentile(api, 95).toFixed(0)} ms over ${api.length} (load average now ${load()})`,
      );
    } finally {
      await db.destroy();
      await target.cleanup();
    }
  }
} finally {
  await browser.close();
}
console.log(`load average at end: ${load()}`);
