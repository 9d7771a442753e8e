import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { FIT_MODELS, type FitOutput, fitSummaryFile, type Predictions } from '../../app/fit-summary-file.js';
import type { ModelName } from '../../domain/analytics/models/index.js';
import { RegularsError } from '../../domain/errors.js';
import { csvCell } from '../../ingest/generic-csv-writer.js';
import { readSummaryFile } from '../../ingest/summary-csv.js';
import { positiveInteger, positiveNumber, printRejections } from '../shared-options.js';

interface FitFlags {
  model: ModelName;
  json?: string;
  predictions?: string;
  horizon?: number;
  penalty?: number;
  timeUnit: 'week' | 'day';
  clvMonths: number;
  discountRate: number;
  strict: boolean;
}

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

/** The fit as JSON: `{ model, params, logLikelihood, converged, iterations, standardErrors, warnings, ... }`. */
function fitJson(out: FitOutput) {
  const { fit } = out;
  return {
    model: fit.model,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
    standardErrors: fit.standardErrors,
    warnings: [...fit.warnings, ...out.notes],
    gradientNorm: fit.gradientNorm,
    nObservations: fit.nObservations,
    penalty: fit.penalty,
    spendModel: out.spend && { model: out.spend.model, params: out.spend.params, logLikelihood: out.spend.logLikelihood, converged: out.spend.converged, standardErrors: out.spend.standardErrors, warnings: out.spend.warnings },
    rowsRead: out.rowsRead,
    rejectedRows: out.rejectedRows,
  };
}

async function writePredictions(path: string, predictions: Predictions): Promise<void> {
  const file = createWriteStream(path);
  let batch = `customer_id,${predictions.columns.map((c) => c.name).join(',')}\n`;
  for (let i = 0; i < predictions.customerIds.length; i++) {
    batch += csvCell(predictions.customerIds[i]);
    for (const c of predictions.columns) batch += `,${c.values[i]}`;
    batch += '\n';
    if (batch.length > 1 << 16) {
      if (!file.write(batch)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
      batch = '';
    }
  }
  file.end(batch);
  await finished(file);
}

function describe(out: FitOutput): string {
  const { fit } = out;
  const lines = [`${fit.model}: ${fit.converged ? 'converged' : 'did NOT converge'} in ${fit.iterations} iterations, log-likelihood ${fit.logLikelihood.toFixed(4)}`];
  for (const [name, value] of Object.entries(fit.params)) {
    const se = (fit.standardErrors as Record<string, number | null> | null)?.[name];
    lines.push(`  ${name.padEnd(6)} ${value.toPrecision(7)}${se != null ? `  (se ${se.toPrecision(3)})` : ''}`);
  }
  if (out.spend) lines.push(`  spend (Gamma-Gamma): ${Object.entries(out.spend.params).map(([k, v]) => `${k} ${v.toPrecision(6)}`).join(', ')}`);
  for (const w of [...fit.warnings, ...out.notes]) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export function registerFitCommand(program: Command): void {
  program
    .command('fit')
    .description('fit a customer model (BG/NBD family, BG/BB or Gamma-Gamma) to a per-customer summary; docs/models.md')
    .argument('<summary>', 'summary CSV: customer_id,frequency,recency,T[,monetary_value] (BG/BB: frequency,recency,periods[,weights])')
    .addOption(new Option('--model <model>', 'model to fit').choices([...FIT_MODELS]).makeOptionMandatory())
    .option('--json <file>', 'write the fit as JSON')
    .option('--predictions <file>', 'write per-customer predictions as CSV (needs --horizon)')
    .option('--horizon <h>', 'forecast horizon in the summary time unit (periods for BG/BB)', positiveNumber)
    .option('--penalty <lambda>', 'L2 penalty on the log-parameters (default 0)', nonNegativeNumber)
    .addOption(new Option('--time-unit <unit>', 'time unit of recency and T, for CLV months').choices(['week', 'day']).default('week'))
    .option('--clv-months <n>', 'CLV horizon in months', positiveInteger, 12)
    .option('--discount-rate <rate>', 'monthly discount rate for CLV', nonNegativeNumber, 0.01)
    .option('--strict', 'stop at the first rejected row', false)
    .action(async (summary: string, flags: FitFlags) => {
      if (flags.predictions && flags.horizon === undefined) throw new RegularsError('INVALID_ARGUMENT', '--predictions needs --horizon', { option: '--horizon' });
      const out = await fitSummaryFile(
        { readSummary: readSummaryFile },
        {
          path: summary,
          model: flags.model,
          penalty: flags.penalty,
          horizon: flags.predictions ? flags.horizon : undefined,
          timeUnit: flags.timeUnit,
          clvMonths: flags.clvMonths,
          monthlyDiscountRate: flags.discountRate,
          strict: flags.strict,
        },
      );
      printRejections(out.rejectedRows, out.rejections);
      process.stdout.write(describe(out));
      if (flags.json) await writeFile(flags.json, `${JSON.stringify(fitJson(out), null, 2)}\n`);
      if (flags.predictions && out.predictions) await writePredictions(flags.predictions, out.predictions);
    });
}
