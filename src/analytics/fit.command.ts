import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { FIT_MODELS, type FitOutput, fitSummaryFile } from './fit-summary-file.js';
import type { ModelName } from './models/index.js';
import { RegularsError } from '../platform/errors.js';
import { readSummaryFile } from './ingest/summary-csv.reader.js';
import { writePredictionsCsv } from './report/predictions-csv.writer.js';
import { dateText, positiveInteger, positiveNumber, printRejections } from '../platform/cli/shared-options.js';
import { dayFromIso } from './day.js';

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
  asOf?: string;
}

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

/** The fit as JSON: the issue's `{ model, params, logLikelihood, converged, iterations, standardErrors, warnings }`, then diagnostics. */
function fitJson(out: FitOutput) {
  const { fit, spend } = out;
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
    nGroups: fit.nGroups,
    penalty: fit.penalty,
    spendModel: spend && {
      model: spend.model,
      params: spend.params,
      logLikelihood: spend.logLikelihood,
      converged: spend.converged,
      iterations: spend.iterations,
      standardErrors: spend.standardErrors,
      nObservations: spend.nObservations,
      warnings: spend.warnings,
    },
    rowsRead: out.rowsRead,
    rejectedRows: out.rejectedRows,
    rejections: out.rejections,
  };
}

/** The readable summary printed on stdout. */
function describe(out: FitOutput): string {
  const { fit, spend } = out;
  const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
  const lines = [
    `${fit.model}: ${fit.converged ? 'converged' : 'did NOT converge'} in ${fit.iterations} iterations, log-likelihood ${fit.logLikelihood.toFixed(4)} ` +
      `(${count(fit.nObservations, 'customer')}, ${count(out.rejectedRows, 'row')} rejected)`,
  ];
  const row = (name: string, value: number, se: number | null | undefined) =>
    `  ${name.padEnd(6)} ${value.toPrecision(7).padStart(12)}${se != null ? `  (se ${se.toPrecision(3)})` : ''}`;
  const errors = fit.standardErrors as Readonly<Record<string, number | null>>;
  for (const [name, value] of Object.entries(fit.params)) lines.push(row(name, value, errors[name]));
  if (spend) {
    lines.push(
      `gamma-gamma (spend, ${count(spend.nObservations, 'repeat customer')}): log-likelihood ${spend.logLikelihood.toFixed(4)}`,
    );
    const spendErrors = spend.standardErrors as Readonly<Record<string, number | null>>;
    for (const [name, value] of Object.entries(spend.params)) lines.push(row(name, value, spendErrors[name]));
  }
  for (const w of [...fit.warnings, ...out.notes]) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export function registerFitCommand(program: Command): void {
  program
    .command('fit')
    .description(
      'fit a customer model (BG/NBD family, BG/BB or Gamma-Gamma) to a per-customer summary and predict each customer (docs/models.md)',
    )
    .argument(
      '<summary>',
      'summary CSV: customer_id,frequency,recency,T[,monetary_value] (BG/BB: frequency,recency,periods[,weights]; other columns are ignored)',
    )
    .addOption(new Option('--model <model>', 'model to fit').choices([...FIT_MODELS]).makeOptionMandatory())
    .option(
      '--json <file>',
      'write the fit as JSON: model, params, logLikelihood, converged, iterations, standardErrors, warnings',
    )
    .option(
      '--predictions <file>',
      'write per-customer predictions as CSV: customer_id,p_alive,expected_purchases,next_order_in[,next_order_date][,expected_spend,clv] (gamma-gamma: customer_id,expected_spend)',
    )
    .option(
      '--horizon <h>',
      'with --predictions: expected purchases in the next h time units of the summary (BG/BB: whole periods)',
      positiveNumber,
    )
    .option(
      '--penalty <lambda>',
      'L2 penalty on the log-parameters, per customer (default 0; docs/models.md)',
      nonNegativeNumber,
    )
    .addOption(
      new Option(
        '--time-unit <unit>',
        'time unit of recency and T, to turn CLV months into it (`regulars summary` writes days unless given --time-unit week)',
      )
        .choices(['week', 'day'])
        .default('week'),
    )
    .option(
      '--as-of <date>',
      'with --predictions: the day the summary ends (its calibration end), YYYY-MM-DD; adds next_order_date',
      dateText,
    )
    .option('--clv-months <n>', 'CLV horizon in months', positiveInteger, 12)
    .option('--discount-rate <rate>', 'monthly discount rate of the CLV', nonNegativeNumber, 0.01)
    .option('--strict', 'stop at the first rejected row instead of reporting it and going on', false)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  regulars summary orders.csv --time-unit week --out summary.csv\n' +
        '  regulars fit summary.csv --model bgnbd --json fit.json --predictions predictions.csv --horizon 13\n' +
        '  regulars fit donations.csv --model bgbb --predictions p.csv --horizon 5\n' +
        '\nWith a count model and a monetary_value column, Gamma-Gamma is fitted on the repeat customers too\n' +
        'and the predictions add expected_spend and a discounted CLV over --clv-months (docs/models.md).\n',
    )
    .action(async (summary: string, flags: FitFlags) => {
      const needsHorizon = flags.model !== 'gamma-gamma';
      if (flags.predictions && needsHorizon && flags.horizon === undefined) {
        throw new RegularsError(
          'INVALID_ARGUMENT',
          '--predictions needs --horizon (the forecast horizon in the summary time unit)',
          { option: '--horizon' },
        );
      }
      if (flags.model === 'bgbb' && flags.horizon !== undefined && !Number.isInteger(flags.horizon)) {
        throw new RegularsError(
          'INVALID_ARGUMENT',
          `BG/BB forecasts whole periods: --horizon must be a whole number (got ${flags.horizon})`,
          { option: '--horizon' },
        );
      }
      const out = await fitSummaryFile(
        { readSummary: readSummaryFile },
        {
          path: summary,
          model: flags.model,
          penalty: flags.penalty,
          predict: flags.predictions !== undefined,
          horizon: flags.horizon,
          timeUnit: flags.timeUnit,
          clvMonths: flags.clvMonths,
          monthlyDiscountRate: flags.discountRate,
          strict: flags.strict,
          asOfDay: flags.asOf === undefined ? undefined : dayFromIso(flags.asOf),
        },
      );
      printRejections(out.rejectedRows, out.rejections);
      process.stdout.write(describe(out));
      if (flags.json) {
        await writeFile(flags.json, `${JSON.stringify(fitJson(out), null, 2)}\n`);
        process.stdout.write(`wrote ${flags.json}\n`);
      }
      if (flags.predictions) {
        if (out.predictions) {
          await writePredictionsCsv(flags.predictions, out.predictions);
          process.stdout.write(
            `wrote ${flags.predictions} (${out.predictions.columns.map((c) => c.name).join(', ')}; ${out.predictions.customerIds.length.toLocaleString('en-US')} rows)\n`,
          );
        } else {
          process.stdout.write(`no predictions written to ${flags.predictions} (see the warnings)\n`);
        }
      }
    });
}
