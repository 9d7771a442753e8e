import type { Rejection } from './report.types.js';
import type { TimeUnit, CustomerSummary } from './summary.js';
import { summarizeCustomers } from './summary.js';
import { RegularsError } from '../platform/errors.js';
import { loadOrders, parseDateOption } from './load-orders.js';
import type { ReadOrderFile, ReadOrderFileOptions } from './ports.js';

export interface SummarizeInput extends ReadOrderFileOptions {
  readonly path: string;
  readonly timeUnit: TimeUnit;
  readonly calibrationEnd?: string;
  readonly holdoutEnd?: string;
}

export interface SummarizeResult {
  readonly summary: CustomerSummary;
  readonly customerIds: readonly string[];
  readonly rowsRead: number;
  readonly rejectedRows: number;
  readonly rejections: readonly Rejection[];
  readonly calibrationEndDay: number;
}

/** `regulars summary`: the per-customer (x, t_x, T, spend) summary of an export. */
export async function summarizeOrderFile(
  deps: { readOrderFile: ReadOrderFile },
  input: SummarizeInput,
): Promise<SummarizeResult> {
  const holdoutEndDay = input.holdoutEnd !== undefined ? parseDateOption(input.holdoutEnd, '--holdout-end') : undefined;
  if (holdoutEndDay !== undefined && input.calibrationEnd === undefined) {
    throw new RegularsError('INVALID_ARGUMENT', '--holdout-end needs --calibration-end', { option: '--holdout-end' });
  }
  const calibrationEndDay =
    input.calibrationEnd !== undefined ? parseDateOption(input.calibrationEnd, '--calibration-end') : undefined;
  if (calibrationEndDay !== undefined && holdoutEndDay !== undefined && holdoutEndDay <= calibrationEndDay) {
    throw new RegularsError('INVALID_ARGUMENT', '--holdout-end must be after --calibration-end', {
      option: '--holdout-end',
    });
  }
  // The holdout needs the orders after the calibration end: read up to the holdout end.
  const loaded = await loadOrders(deps.readOrderFile, input.path, {
    ...input,
    contacts: false,
    asOf: input.holdoutEnd ?? input.calibrationEnd,
  });
  const calEnd = calibrationEndDay ?? loaded.asOfDay;
  const summary = summarizeCustomers(loaded.log, loaded.byCustomer, {
    calibrationEndDay: calEnd,
    holdoutEndDay,
    timeUnit: input.timeUnit,
  });
  return {
    summary,
    customerIds: loaded.log.customerIds,
    rowsRead: loaded.file.rowsRead,
    rejectedRows: loaded.file.rejectedRows,
    rejections: loaded.file.rejections,
    calibrationEndDay: calEnd,
  };
}
