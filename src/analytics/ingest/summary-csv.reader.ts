import { open } from 'node:fs/promises';
import type { SummaryFile, SummaryKind } from '../ports.js';
import { float64Column, type Growable } from '../growable.js';
import { MAX_PURCHASES } from '../models/group-histories.js';
import type { Rejection } from '../report.types.js';
import { type ErrorCode, RegularsError } from '../../platform/errors.js';
import { CsvRecordParser, type CsvRecord } from './csv-records.js';
import { fieldNumber, NumberCache } from './field-parsers.js';
import { normalizeHeader } from './generic-columns.js';
import { IdColumn } from './id-column.js';
import { inputFileSize } from './input-file.reader.js';

/**
 * Reads a per-customer summary CSV (what `regulars summary` writes, or the BTYD literature's files)
 * for `regulars fit`. The columns each kind needs (other columns, e.g. holdout_frequency, are ignored):
 *   count     customer_id, frequency, recency, T [, monetary_value, weights]   (BG/NBD family)
 *   discrete  frequency, recency, periods [, customer_id, weights]            (BG/BB)
 *   spend     customer_id, frequency, monetary_value [, weights]              (Gamma-Gamma)
 * Every row is checked so that the models never see a value they would refuse: a value that is
 * not a number >= 0, or a count that is not whole, is BAD_NUMBER; values that contradict each
 * other (recency after T, repeat purchases without a recency) are BAD_ROW; both are reported with
 * their line and field and counted, or stop the run under `strict`. The file is streamed in
 * 4 MB chunks and numbers are parsed from the bytes: a million rows read in a few tenths of a second.
 */
export interface ReadSummaryOptions {
  readonly kind: SummaryKind;
  readonly strict?: boolean;
}

type Column = 'customer_id' | 'frequency' | 'recency' | 'T' | 'periods' | 'monetary_value' | 'weights';

const COLUMNS: Readonly<
  Record<SummaryKind, { readonly required: readonly Column[]; readonly optional: readonly Column[] }>
> = {
  count: { required: ['customer_id', 'frequency', 'recency', 'T'], optional: ['monetary_value', 'weights'] },
  discrete: { required: ['frequency', 'recency', 'periods'], optional: ['customer_id', 'weights'] },
  spend: { required: ['customer_id', 'frequency', 'monetary_value'], optional: ['weights'] },
};

const CHUNK = 4 << 20;
/** Rejections kept with their details (all are counted), as for order files. */
const KEEP_REJECTIONS = 1000;

export async function readSummaryFile(path: string, options: ReadSummaryOptions): Promise<SummaryFile> {
  const size = await inputFileSize(path);

  const rows = new SummaryRows(options, Math.ceil(size / 40));
  const parser = new CsvRecordParser((r) => rows.add(r));
  const file = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.min(CHUNK, size + 1));
    let filled = 0;
    let start = -1;
    for (;;) {
      if (filled === buf.length) {
        // One record longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await file.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      const eof = bytesRead === 0;
      if (start < 0) start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0; // UTF-8 byte-order mark
      const consumed = parser.parse(buf, start, filled, eof);
      if (eof) break;
      // Keep the incomplete record and read more after it.
      buf.copy(buf, 0, consumed, filled);
      filled -= consumed;
      start = 0;
    }
  } finally {
    await file.close();
  }
  return rows.finish(path);
}

/** The row handler: maps the header, then checks each row and keeps it in typed columns. */
class SummaryRows {
  private at: Record<Column, number> | null = null;
  private header: string[] = [];
  private readonly ids: IdColumn;
  private readonly frequency: Growable<Float64Array>;
  private readonly recency: Growable<Float64Array>;
  private readonly span: Growable<Float64Array>;
  private readonly monetary: Growable<Float64Array>;
  private readonly weights: Growable<Float64Array>;
  private readonly rejections: Rejection[] = [];
  private rejected = 0;
  private rowsRead = 0;
  private readonly spanColumn: 'T' | 'periods';
  private readonly numbers = new NumberCache();

  constructor(
    private readonly options: ReadSummaryOptions,
    expectedRows: number,
  ) {
    this.spanColumn = options.kind === 'discrete' ? 'periods' : 'T';
    this.ids = new IdColumn(expectedRows);
    this.frequency = float64Column(expectedRows);
    this.recency = float64Column(options.kind === 'spend' ? 0 : expectedRows);
    this.span = float64Column(options.kind === 'spend' ? 0 : expectedRows);
    this.monetary = float64Column(expectedRows);
    this.weights = float64Column(0);
  }

  add(r: CsvRecord): void {
    if (this.at === null) {
      this.mapHeader(r);
      return;
    }
    const at = this.at;
    this.rowsRead++;
    if (r.count !== this.header.length) {
      if (r.count === 1 && r.isBlank(0)) return;
      this.reject(r.line, '', 'BAD_ROW', `expected ${this.header.length} fields, found ${r.count}`);
      return;
    }
    const kind = this.options.kind;
    const x = this.number(r, at.frequency, kind === 'discrete' ? 'transactions' : 'repeat purchases');
    if (Number.isNaN(x)) return;
    if (x > MAX_PURCHASES)
      return this.reject(
        r.line,
        this.header[at.frequency],
        'BAD_NUMBER',
        `frequency ${x} is above ${MAX_PURCHASES.toLocaleString('en-US')}`,
      );
    let tx = 0;
    let span = 0;
    if (kind !== 'spend') {
      tx = this.number(r, at.recency, kind === 'discrete' ? 'periods' : null);
      if (Number.isNaN(tx)) return;
      span = this.number(r, at[this.spanColumn], kind === 'discrete' ? 'periods' : null);
      if (Number.isNaN(span)) return;
      const problem = kind === 'count' ? continuousProblem(x, tx, span) : discreteProblem(x, tx, span);
      if (problem !== null)
        return this.reject(
          r.line,
          this.header[at[problem.field === 'span' ? this.spanColumn : problem.field]],
          'BAD_ROW',
          problem.reason,
        );
    }
    const m = at.monetary_value < 0 ? 0 : this.number(r, at.monetary_value, null);
    if (Number.isNaN(m)) return;
    const w = at.weights < 0 ? 1 : this.number(r, at.weights, null);
    if (Number.isNaN(w)) return;

    if (at.customer_id >= 0) {
      if (!this.ids.pushField(r, at.customer_id))
        return this.reject(r.line, this.header[at.customer_id], 'EMPTY_CUSTOMER', 'the customer id is empty');
    } else {
      this.ids.pushText(String(this.rowsRead));
    }
    this.frequency.push(x);
    if (kind !== 'spend') {
      this.recency.push(tx);
      this.span.push(span);
    }
    if (at.monetary_value >= 0) this.monetary.push(m);
    if (at.weights >= 0) this.weights.push(w);
  }

  finish(path: string): SummaryFile {
    if (this.at === null) throw new RegularsError('EMPTY_FILE', `${path} has no rows`, { path });
    const kind = this.options.kind;
    return {
      customerIds: this.ids,
      frequency: this.frequency.view(),
      recency: kind === 'spend' ? null : this.recency.view(),
      span: kind === 'spend' ? null : this.span.view(),
      monetary: this.at.monetary_value >= 0 ? this.monetary.view() : null,
      weights: this.at.weights >= 0 ? this.weights.view() : null,
      rowsRead: this.rowsRead,
      rejectedRows: this.rejected,
      rejections: this.rejections,
    };
  }

  private mapHeader(r: CsvRecord): void {
    this.header = r.all().map((h) => h.trim());
    const index = new Map<string, number>();
    this.header.forEach((h, i) => {
      const key = normalizeHeader(h);
      if (!index.has(key)) index.set(key, i);
    });
    const { required, optional } = COLUMNS[this.options.kind];
    const at = { customer_id: -1, frequency: -1, recency: -1, T: -1, periods: -1, monetary_value: -1, weights: -1 };
    for (const name of [...required, ...optional]) at[name] = index.get(normalizeHeader(name)) ?? -1;
    const missing = required.filter((name) => at[name] < 0);
    if (missing.length > 0) {
      throw new RegularsError(
        'MISSING_COLUMN',
        `the summary lacks ${missing.join(', ')} (${this.options.kind === 'discrete' ? 'BG/BB reads frequency, recency, periods[, weights]' : `needs ${required.join(', ')}`}); found: ${this.header.join(', ')}`,
        {
          missing,
          found: this.header,
        },
      );
    }
    this.at = at;
  }

  /** The field as a number >= 0 (a whole number when it counts `whole`), or NaN after rejecting the row. */
  private number(r: CsvRecord, i: number, whole: string | null): number {
    const v = fieldNumber(r, i, this.numbers);
    if (v >= 0 && Number.isFinite(v) && (whole === null || Number.isInteger(v))) return v;
    const name = this.header[i];
    const text = r.trimmed(i);
    if (v >= 0 && Number.isFinite(v))
      this.reject(r.line, name, 'BAD_NUMBER', `${name} counts ${whole}: expected a whole number, found ${text}`);
    else this.reject(r.line, name, 'BAD_NUMBER', `expected a number >= 0, found "${text}"`);
    return Number.NaN;
  }

  private reject(line: number, field: string, code: ErrorCode, reason: string): void {
    if (this.options.strict)
      throw new RegularsError(code, `line ${line}${field ? `, ${field}` : ''}: ${reason}`, { line, field });
    this.rejected++;
    if (this.rejections.length < KEEP_REJECTIONS) this.rejections.push({ line, field, code, reason });
  }
}

interface Problem {
  readonly field: 'frequency' | 'recency' | 'span';
  readonly reason: string;
}

/**
 * Why a continuous-time history (x, t_x, T) is impossible, or null. T = 0 (a first purchase on
 * the last day) is possible: such customers are predicted, though the fit leaves them out.
 */
function continuousProblem(x: number, tx: number, T: number): Problem | null {
  if (tx > T) return { field: 'recency', reason: `recency ${tx} is after the end of observation (T ${T})` };
  if (x === 0 && tx > 0)
    return { field: 'recency', reason: `recency ${tx} without repeat purchases (frequency 0 needs recency 0)` };
  if (x > 0 && tx === 0) return { field: 'recency', reason: `${x} repeat purchases need a recency above 0` };
  return null;
}

/** Why a discrete-time history (x transactions, the last in period t_x, of n periods) is impossible, or null. */
function discreteProblem(x: number, tx: number, n: number): Problem | null {
  if (n < 1) return { field: 'span', reason: 'periods must be at least 1' };
  if (tx > n) return { field: 'recency', reason: `recency ${tx} is after the last period (periods ${n})` };
  if (x === 0 && tx > 0)
    return { field: 'recency', reason: `recency ${tx} without transactions (frequency 0 needs recency 0)` };
  if (x > 0 && tx === 0) return { field: 'recency', reason: `${x} transactions need a recency of at least 1` };
  if (x > tx)
    return { field: 'frequency', reason: `frequency ${x} is above recency ${tx}: at most one transaction per period` };
  return null;
}
