import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { dayFromIso, ymdFromDay } from '../../analytics/day.js';
import { loadStoreLayer } from '../../platform/cli/database-options.js';
import { runAnalyze } from '../../analytics/analyze.command.js';
import { GENERATE_DEFAULTS, runGenerate } from './generate.command.js';

const DEMO_HOLDOUT_WEEKS = 26;
const DEMO_STORE = 'Demo Coffee';

/**
 * Loads the demo store into DIR/regulars.db (SQLite), so `regulars serve --db DIR/regulars.db`
 * serves it. Running the demo again reuses the store and changes nothing (the import is idempotent);
 * the API key is printed only when the store is created, as `stores create` does.
 */
async function loadDemoDatabase(out: string, orders: string): Promise<void> {
  const [{ withDatabase, createStore, listStores }, { importOrderFile }, { readOrderExport }] = await Promise.all([
    loadStoreLayer(),
    import('../orders/index.js'),
    import('../orders/index.js'),
  ]);
  const file = join(out, 'regulars.db');
  await withDatabase({ db: file }, async (db) => {
    let store = (await listStores(db)).find((s) => s.name === DEMO_STORE);
    let key: string | null = null;
    if (!store) {
      const created = await createStore(db, { name: DEMO_STORE, shopifySecret: null });
      store = created.store;
      key = created.apiKey.plaintext;
    }
    const result = await importOrderFile({ db, readOrderExport }, { path: orders, storeId: store.id, format: 'generic', strict: false });
    process.stderr.write(
      `loaded ${(result.orders.created + result.orders.updated + result.orders.unchanged).toLocaleString('en-US')} orders into ${file} (store ${store.id})` +
        `${result.unchanged ? ', already there' : ''}
` +
        `serve it: regulars serve --db ${file}${key ? `   (API key, shown once: ${key})` : ''}
`,
    );
  });
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate the demo store, analyse it and load it into SQLite: DIR/orders.csv, DIR/report.json, DIR/report.html, DIR/regulars.db')
    .option('--out <dir>', 'folder to write into', 'demo')
    .action(async (flags: { out: string }) => {
      await mkdir(flags.out, { recursive: true });
      const orders = join(flags.out, 'orders.csv');
      const started = performance.now();
      const generated = await runGenerate({ ...GENERATE_DEFAULTS, out: orders });
      process.stderr.write(
        `generated ${generated.customers.toLocaleString('en-US')} customers, ${generated.orders.toLocaleString('en-US')} orders into ${orders} ` +
          `in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      // The demo shows the predictions with a backtest: the models learn from all but the last 26
      // weeks of the store's history and are tested on those weeks.
      const lastDay = dayFromIso(GENERATE_DEFAULTS.start) + GENERATE_DEFAULTS.days - 1;
      await runAnalyze(orders, {
        format: 'generic',
        strict: false,
        asOf: ymdFromDay(lastDay),
        calibrationEnd: ymdFromDay(lastDay - DEMO_HOLDOUT_WEEKS * 7),
        holdoutEnd: ymdFromDay(lastDay),
        json: join(flags.out, 'report.json'),
        html: join(flags.out, 'report.html'),
      });
      await loadDemoDatabase(flags.out, orders);
      process.stderr.write(`open ${join(flags.out, 'report.html')} in a browser to see the charts\n`);
    });
}
