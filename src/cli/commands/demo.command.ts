import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { dayFromIso, ymdFromDay } from '../../domain/analytics/day.js';
import { runAnalyze } from './analyze.command.js';
import { GENERATE_DEFAULTS, runGenerate } from './generate.command.js';

const DEMO_HOLDOUT_WEEKS = 26;

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate the demo store and analyse it: DIR/orders.csv, DIR/report.json, DIR/report.html')
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
      process.stderr.write(`open ${join(flags.out, 'report.html')} in a browser to see the charts\n`);
    });
}
