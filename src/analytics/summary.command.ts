import { type Command, Option } from 'commander';
import { summarizeOrderFile } from './summarize-order-file.js';
import { ymdFromDay } from './day.js';
import { writeSummaryCsv } from './report/summary-csv.writer.js';
import {
  addInputOptions,
  dateText,
  type InputFlags,
  printRejections,
  readOrderFileWithProgress,
} from '../platform/cli/shared-options.js';

export function registerSummaryCommand(program: Command): void {
  addInputOptions(
    program
      .command('summary')
      .description('write the per-customer summary (frequency, recency, T, monetary value) used by the BTYD models')
      .argument('<file>', 'order export (generic CSV, Shopify export CSV or CDNOW log)')
      .requiredOption('--out <file>', 'CSV file to write')
      .addOption(new Option('--time-unit <unit>', 'unit of recency and T').choices(['day', 'week']).default('day'))
      .option('--calibration-end <date>', 'last day of the calibration period (default: the latest order)', dateText)
      .option(
        '--holdout-end <date>',
        'last day of the holdout period; adds holdout_frequency and holdout_monetary_value',
        dateText,
      ),
  ).action(
    async (
      file: string,
      flags: InputFlags & { out: string; timeUnit: 'day' | 'week'; calibrationEnd?: string; holdoutEnd?: string },
    ) => {
      const result = await summarizeOrderFile(
        { readOrderFile: readOrderFileWithProgress },
        {
          path: file,
          format: flags.format,
          currency: flags.currency,
          strict: flags.strict,
          dateFormat: flags.dateFormat,
          maxRejectedShare: flags.maxRejectedShare,
          timeUnit: flags.timeUnit,
          calibrationEnd: flags.calibrationEnd,
          holdoutEnd: flags.holdoutEnd,
        },
      );
      printRejections(result.rejectedRows, result.rejections);
      await writeSummaryCsv(flags.out, result.summary, result.customerIds);
      process.stdout.write(
        `wrote ${result.summary.customer.length} customers to ${flags.out} (calibration end ${ymdFromDay(result.calibrationEndDay)}, ` +
          `${result.rowsRead} rows read, ${result.rejectedRows} rejected)\n`,
      );
    },
  );
}
