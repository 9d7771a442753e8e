import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runAnalyze } from './analyze.command.js';
import { GENERATE_DEFAULTS, runGenerate } from './generate.command.js';

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
      await runAnalyze(orders, {
        format: 'generic',
        strict: false,
        json: join(flags.out, 'report.json'),
        html: join(flags.out, 'report.html'),
      });
      process.stderr.write(`open ${join(flags.out, 'report.html')} in a browser to see the charts\n`);
    });
}
