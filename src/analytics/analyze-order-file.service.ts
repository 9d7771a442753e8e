import { basename } from 'node:path';
import { buildRetentionReport } from './retention-report.js';
import type { RetentionReport } from './report.types.js';
import { ymdFromDay } from './day.js';
import { RegularsError } from '../platform/errors.js';
import { buildModelSection, MODEL_CHOICES, type ModelChoice, type ModelSectionResult } from './build-model-section.js';
import { loadOrders, parseDateOption } from './load-orders.js';
import type { ReadOrderFile, ReadOrderFileOptions } from './ports.js';

export interface AnalyzeInput extends ReadOrderFileOptions {
  readonly path: string;
  readonly asOf?: string;
  readonly lifespanYears?: number;
  /** Predictive models: `auto` (default) fits all three and picks one, `none` leaves the section out. */
  readonly model?: string;
  /** Last day the models see (default: the as-of day); with holdoutEnd, the days after it up to holdoutEnd test them. */
  readonly calibrationEnd?: string;
  readonly holdoutEnd?: string;
}

interface ModelRequest {
  readonly model: ModelChoice;
  readonly calibrationEndDay: number | null;
  readonly holdoutEndDay: number | null;
}

/**
 * Checks the model options before the file is read (a big export takes seconds to parse):
 * the model name, the dates, and that a holdout has a calibration period before it.
 */
function parseModelRequest(input: AnalyzeInput): ModelRequest {
  const model = input.model ?? 'auto';
  if (!(MODEL_CHOICES as readonly string[]).includes(model)) {
    throw new RegularsError('INVALID_ARGUMENT', `--model must be one of ${MODEL_CHOICES.join(', ')}, got "${model}"`, {
      option: '--model',
      value: model,
    });
  }
  const calibrationEndDay =
    input.calibrationEnd !== undefined ? parseDateOption(input.calibrationEnd, '--calibration-end') : null;
  const holdoutEndDay = input.holdoutEnd !== undefined ? parseDateOption(input.holdoutEnd, '--holdout-end') : null;
  if (holdoutEndDay !== null && calibrationEndDay === null) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      '--holdout-end needs --calibration-end (the holdout is the period between the two)',
      { option: '--holdout-end' },
    );
  }
  if (holdoutEndDay !== null && calibrationEndDay !== null && holdoutEndDay <= calibrationEndDay) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `--holdout-end (${input.holdoutEnd}) must be after --calibration-end (${input.calibrationEnd})`,
      { option: '--holdout-end' },
    );
  }
  return { model: model as ModelChoice, calibrationEndDay, holdoutEndDay };
}

/** `regulars analyze`: the retention report of an order export. */
export async function analyzeOrderFile(
  deps: { readOrderFile: ReadOrderFile },
  input: AnalyzeInput,
): Promise<RetentionReport> {
  const request = parseModelRequest(input);
  const loaded = await loadOrders(deps.readOrderFile, input.path, { ...input, contacts: false });
  const { file, asOfDay } = loaded;
  let models: ModelSectionResult | undefined;
  if (request.model !== 'none') {
    const calibrationEndDay = request.calibrationEndDay ?? asOfDay;
    // The report is cut at the as-of day, so a calibration or holdout period past it would lack orders.
    const last = request.holdoutEndDay ?? calibrationEndDay;
    if (last > asOfDay) {
      const option = request.holdoutEndDay !== null ? '--holdout-end' : '--calibration-end';
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `${option} (${ymdFromDay(last)}) is after the as-of day ${ymdFromDay(asOfDay)}: the report has no orders after it`,
        { option },
      );
    }
    models = buildModelSection(loaded.log, loaded.byCustomer, asOfDay, {
      model: request.model,
      calibrationEndDay,
      holdoutEndDay: request.holdoutEndDay,
    });
  }
  return buildRetentionReport({
    log: loaded.log,
    byCustomer: loaded.byCustomer,
    asOfDay,
    source: { file: basename(input.path), format: file.format, currency: file.currency, rowsRead: file.rowsRead },
    rejectedRows: file.rejectedRows,
    rejections: file.rejections,
    excluded: file.excluded,
    lifespanYears: input.lifespanYears,
    models,
  });
}
