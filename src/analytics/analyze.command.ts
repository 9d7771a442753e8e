import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { analyzeOrderFile } from './analyze-order-file.service.js';
import { MODEL_CHOICES } from './build-model-section.js';
import { loadConfig } from '../platform/config.js';
import type { RetentionReport } from './report.types.js';
import { renderHtmlReport } from './report/html-report.js';
import { renderTerminalReport } from './report/terminal-report.js';
import {
  addInputOptions,
  dateText,
  type InputFlags,
  positiveNumber,
  printRejections,
  readOrderFileWithProgress,
} from '../platform/cli/shared-options.js';

export interface AnalyzeFlags extends InputFlags {
  asOf?: string;
  json?: string;
  html?: string;
  lifespan?: number;
  quiet?: boolean;
  model?: string;
  calibrationEnd?: string;
  holdoutEnd?: string;
}

/** Runs analyze and writes what the flags ask for; shared by `analyze` and `demo`. */
export async function runAnalyze(file: string, flags: AnalyzeFlags): Promise<RetentionReport> {
  const report = await analyzeOrderFile(
    { readOrderFile: readOrderFileWithProgress },
    {
      path: file,
      format: flags.format,
      currency: flags.currency,
      strict: flags.strict,
      dateFormat: flags.dateFormat,
      maxRejectedShare: flags.maxRejectedShare,
      asOf: flags.asOf,
      lifespanYears: flags.lifespan,
      model: flags.model,
      calibrationEnd: flags.calibrationEnd,
      holdoutEnd: flags.holdoutEnd,
    },
  );
  if (!flags.quiet) {
    process.stdout.write(
      renderTerminalReport(report, {
        color: Boolean(process.stdout.isTTY) && !loadConfig().noColor,
        width: process.stdout.columns,
      }),
    );
  }
  printRejections(report.rejectedRows, report.rejections);
  if (flags.json) await writeFile(flags.json, `${JSON.stringify(report, null, 2)}\n`);
  if (flags.html) await writeFile(flags.html, renderHtmlReport(report));
  const written = [flags.json, flags.html].filter(Boolean);
  if (written.length > 0) process.stderr.write(`wrote ${written.join(' and ')}\n`);
  return report;
}

export function registerAnalyzeCommand(program: Command): void {
  addInputOptions(
    program
      .command('analyze')
      .description(
        'retention report of an order export: metrics, repeat curve, cohorts, RFM, products, cross-sell, predictions',
      )
      .argument('<file>', 'order export (generic CSV, Shopify export CSV or CDNOW log)')
      .option('--as-of <date>', 'analyse as of this day (default: the day of the latest order)', dateText)
      .option('--json <file>', 'write the report as JSON (schema: docs/report-schema.md)')
      .option('--html <file>', 'write the report as one self-contained HTML file')
      .option(
        '--lifespan <years>',
        'customer lifespan in years for the simple CLV (default: estimated)',
        positiveNumber,
      )
      .option('--quiet', 'do not print the terminal report', false)
      // Checked by the use case (INVALID_ARGUMENT, exit 2) before the file is read.
      .option(
        '--model <model>',
        `predictive model, one of ${MODEL_CHOICES.join(', ')}: auto fits bgnbd, mbgnbd and pareto-nbd and keeps the best`,
        'auto',
      )
      .option('--calibration-end <date>', 'last day the models learn from, YYYY-MM-DD (default: the as-of day)')
      .option(
        '--holdout-end <date>',
        'with --calibration-end: test the models on the days after it up to this one, YYYY-MM-DD',
      ),
  ).action(async (file: string, flags: AnalyzeFlags) => {
    await runAnalyze(file, flags);
  });
}
