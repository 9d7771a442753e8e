import { basename } from 'node:path';
import { buildRetentionReport } from '../domain/analytics/retention-report.js';
import type { RetentionReport } from '../domain/analytics/report.types.js';
import { loadOrders } from './load-orders.js';
import type { ReadOrderFile, ReadOrderFileOptions } from './ports.js';

export interface AnalyzeInput extends ReadOrderFileOptions {
  readonly path: string;
  readonly asOf?: string;
  readonly lifespanYears?: number;
}

/** `regulars analyze`: the retention report of an order export. */
export async function analyzeOrderFile(deps: { readOrderFile: ReadOrderFile }, input: AnalyzeInput): Promise<RetentionReport> {
  const loaded = await loadOrders(deps.readOrderFile, input.path, { ...input, contacts: false });
  const { file } = loaded;
  return buildRetentionReport({
    log: loaded.log,
    byCustomer: loaded.byCustomer,
    asOfDay: loaded.asOfDay,
    source: { file: basename(input.path), format: file.format, currency: file.currency, rowsRead: file.rowsRead },
    rejectedRows: file.rejectedRows,
    rejections: file.rejections,
    excluded: file.excluded,
    lifespanYears: input.lifespanYears,
  });
}
