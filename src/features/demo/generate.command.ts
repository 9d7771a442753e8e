import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { dayFromIso } from '../../analytics/day.js';
import { createRng } from '../../platform/random.js';
import { generateStore } from '../../analytics/generate/store-simulator.js';
import { writeOrdersCsv } from '../../analytics/ingest/generic-csv.writer.js';
import { createProgressBar } from '../../platform/cli/progress-bar.js';
import { dateText, positiveInteger } from '../../platform/cli/shared-options.js';

export interface GenerateFlags {
  customers: number;
  seed: number;
  start: string;
  days: number;
  out: string;
}

export const GENERATE_DEFAULTS = { customers: 20_000, seed: 42, start: '2024-01-01', days: 730 } as const;

/** Generates the synthetic store into a generic CSV; shared by `generate` and `demo`. */
export async function runGenerate(flags: GenerateFlags): Promise<{ rows: number; orders: number; customers: number }> {
  const bar = createProgressBar(`generating ${flags.customers.toLocaleString('en-US')} customers`);
  const rows = generateStore({ customers: flags.customers, seed: flags.seed, startDay: dayFromIso(flags.start), days: flags.days }, createRng(flags.seed));
  const out = createWriteStream(flags.out);
  try {
    return await writeOrdersCsv(rows, out, (_rows, customers) => bar.update(customers, flags.customers));
  } finally {
    bar.finish();
  }
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('generate a deterministic synthetic store (orders as a generic CSV); docs/generator.md says what it draws from')
    .option('--customers <n>', 'number of customers', positiveInteger, GENERATE_DEFAULTS.customers)
    .option('--seed <n>', 'random seed: the same seed gives the same file', positiveInteger, GENERATE_DEFAULTS.seed)
    .option('--start <date>', 'first day of the store', dateText, GENERATE_DEFAULTS.start)
    .option('--days <n>', 'number of days of history', positiveInteger, GENERATE_DEFAULTS.days)
    .requiredOption('--out <file>', 'CSV file to write')
    .action(async (flags: GenerateFlags) => {
      const started = performance.now();
      const result = await runGenerate(flags);
      process.stdout.write(
        `wrote ${result.rows.toLocaleString('en-US')} line items of ${result.orders.toLocaleString('en-US')} orders by ` +
          `${result.customers.toLocaleString('en-US')} customers to ${flags.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });
}
