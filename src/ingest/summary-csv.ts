import { readFile } from 'node:fs/promises';
import type { SummaryFile } from '../app/ports.js';
import type { Rejection } from '../domain/analytics/report.types.js';
import { RegularsError } from '../domain/errors.js';
import { CsvRecordParser, type CsvRecord } from './csv-records.js';
import { normalizeHeader } from './generic-columns.js';

/**
 * A per-customer summary CSV (what `regulars summary` writes, or the BTYD literature's files):
 * `customer_id,frequency,recency,T[,monetary_value]` for the continuous-time models, or
 * `frequency,recency,periods[,weights]` for BG/BB. Other columns are ignored. Each row is
 * checked (whole repeat counts, 0 <= recency <= T, spend >= 0) and rejected with its line.
 */
export interface ReadSummaryOptions {
  readonly discrete: boolean;
  readonly strict?: boolean;
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export async function readSummaryFile(path: string, options: ReadSummaryOptions): Promise<SummaryFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read ${path}: no such file`, { path });
  }
  if (bytes.length === 0) throw new RegularsError('EMPTY_FILE', `${path} is empty`, { path });

  const span = options.discrete ? 'periods' : 'T';
  const ids: string[] = [];
  const columns: number[][] = [[], [], [], [], []];
  const rejections: Rejection[] = [];
  let rejected = 0;
  let rowsRead = 0;
  let col: Record<string, number> | null = null;
  let header: string[] = [];

  const reject = (line: number, field: string, reason: string) => {
    if (options.strict) throw new RegularsError('BAD_ROW', `line ${line}, ${field}: ${reason}`, { line, field });
    rejected++;
    if (rejections.length < 1000) rejections.push({ line, field, code: 'BAD_ROW', reason });
  };

  const onRecord = (r: CsvRecord) => {
    if (col === null) {
      header = r.all().map((h) => h.replace(/^\uFEFF/, '').trim());
      const at = new Map(header.map((h, i) => [normalizeHeader(h), i] as const));
      const find = (name: string) => at.get(normalizeHeader(name)) ?? -1;
      col = { id: find('customer_id'), frequency: find('frequency'), recency: find('recency'), span: find(span), monetary: find('monetary_value'), weights: find('weights') };
      const missing = ['frequency', 'recency', 'span'].filter((k) => col![k] < 0).map((k) => (k === 'span' ? span : k));
      if (!options.discrete && col.id < 0) missing.unshift('customer_id');
      if (missing.length > 0) {
        throw new RegularsError('MISSING_COLUMN', `the summary lacks ${missing.join(', ')}; found: ${header.join(', ')}`, { missing, found: header });
      }
      return;
    }
    rowsRead++;
    if (r.count !== header.length) {
      if (r.count === 1 && r.isBlank(0)) return;
      reject(r.line, '', `expected ${header.length} fields, found ${r.count}`);
      return;
    }
    const number = (key: string): number => {
      const text = r.trimmed(col![key]);
      return PLAIN.test(text) ? Number(text) : Number.NaN;
    };
    const values: number[] = [];
    for (const key of ['frequency', 'recency', 'span', 'monetary', 'weights']) {
      if (col[key] < 0) {
        values.push(key === 'weights' ? 1 : 0);
        continue;
      }
      const v = number(key);
      const name = header[col[key]];
      if (!Number.isFinite(v) || v < 0) {
        reject(r.line, name, `expected a number >= 0, found "${r.text(col[key])}"`);
        return;
      }
      values.push(v);
    }
    const [x, tx, T] = values;
    if (!Number.isInteger(x)) return reject(r.line, header[col.frequency], `frequency counts repeat purchases: a whole number, found ${x}`);
    if (tx > T) return reject(r.line, header[col.recency], `recency ${tx} is after the end of observation (${span} ${T})`);
    if (x > 0 && tx === 0 && !options.discrete) return reject(r.line, header[col.recency], `${x} repeat purchases need a recency above 0`);
    ids.push(col.id >= 0 ? r.trimmed(col.id) : String(rowsRead));
    values.forEach((v, i) => columns[i].push(v));
  };

  const parser = new CsvRecordParser(onRecord);
  parser.parse(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0, bytes.length, true);
  if (col === null) throw new RegularsError('EMPTY_FILE', `${path} has no rows`, { path });
  const c = col as Record<string, number>;
  return {
    customerIds: ids,
    frequency: Float64Array.from(columns[0]),
    recency: Float64Array.from(columns[1]),
    T: Float64Array.from(columns[2]),
    monetary: c.monetary >= 0 ? Float64Array.from(columns[3]) : null,
    weights: c.weights >= 0 ? Float64Array.from(columns[4]) : null,
    rowsRead,
    rejectedRows: rejected,
    rejections,
  };
}
