import type { ExclusionReason, OrderLine } from '../order-log-builder.js';
import { OrderLogBuilder } from '../order-log-builder.js';
import type { OrderLog } from '../order-log.js';
import type { Rejection } from '../report.types.js';
import { type ErrorCode, RegularsError } from '../../platform/errors.js';
import type { CsvRecord } from './csv-records.js';
import type { DateOrder } from './date-forms.js';

export interface CollectorOptions {
  /** Stop at the first rejected row instead of reporting it and going on. */
  readonly strict?: boolean;
  /** Keep only orders in this currency; without it, a second currency is an error. */
  readonly currency?: string;
  /** How many rejections to keep with their details (all are counted). */
  readonly keepRejections?: number;
  /** Keep customers' emails and birthdays (default true). */
  readonly contacts?: boolean;
  /** How dates with the year last are read; null until the file's order is known (see date-forms.ts). */
  readonly dateOrder?: DateOrder | null;
}

export interface CollectedOrders {
  readonly log: OrderLog;
  readonly excluded: { readonly cancelled: number; readonly refunded: number };
  readonly rejectedRows: number;
  /** Rejected rows by code, all of them counted (rejections keeps the first ones only). */
  readonly rejectedByCode: Readonly<Record<string, number>>;
  readonly rejections: readonly Rejection[];
  readonly currency: string | null;
}

/**
 * Where every parser sends its rows: valid lines go to the OrderLogBuilder, bad ones are counted
 * and described (line, field, code, reason) — never dropped silently — or, under --strict, stop
 * the run. It also enforces one currency per report.
 */
export class OrderCollector {
  private readonly builder: OrderLogBuilder;
  private readonly rejections: Rejection[] = [];
  private rejected = 0;
  private readonly byCode: Record<string, number> = {};
  private currency: string | null;
  private currencyLine = 0;
  private readonly keep: number;
  /** The order of day and month the row handlers read dates in. */
  readonly dateOrder: DateOrder | null;

  constructor(
    private readonly options: CollectorOptions = {},
    expectedRows?: number,
  ) {
    this.builder = new OrderLogBuilder({ expectedRows, contacts: options.contacts });
    this.currency = options.currency ? options.currency.toUpperCase() : null;
    this.keep = options.keepRejections ?? 1000;
    this.dateOrder = options.dateOrder ?? null;
  }

  reject(line: number, field: string, code: ErrorCode, reason: string): void {
    if (this.options.strict) {
      throw new RegularsError(code, `line ${line}${field ? `, ${field}` : ''}: ${reason}`, { line, field });
    }
    this.rejected++;
    this.byCode[code] = (this.byCode[code] ?? 0) + 1;
    if (this.rejections.length < this.keep) this.rejections.push({ line, field, code, reason });
  }

  /**
   * Checks a row's currency cell. Returns false (after rejecting the row) when --currency
   * selected another one; throws MIXED_CURRENCIES when a file without --currency holds two.
   */
  acceptCurrency(record: CsvRecord, i: number, field: string): boolean {
    // Fast path: the same code as before, compared on the bytes.
    if (this.currency !== null && record.equalsAscii(i, this.currency)) return true;
    if (record.isBlank(i)) return true;
    const code = record.trimmed(i).toUpperCase();
    if (code === this.currency) return true;
    if (this.currency === null) {
      this.currency = code;
      this.currencyLine = record.line;
      return true;
    }
    if (this.options.currency) {
      this.reject(record.line, field, 'CURRENCY_MISMATCH', `currency ${code} is not the selected ${this.currency}`);
      return false;
    }
    throw new RegularsError(
      'MIXED_CURRENCIES',
      `the file mixes currencies: ${this.currency} (first at line ${this.currencyLine}) and ${code} (line ${record.line}); choose one with --currency`,
      { currencies: [this.currency, code], line: record.line },
    );
  }

  /** Adds a valid line; returns its order index, or -1 if it conflicts with its order (rejected). */
  add(line: number, orderLine: OrderLine, customerField: string): number {
    const result = this.builder.addLine(orderLine);
    if (!result.ok) {
      this.reject(line, customerField, result.code, result.reason);
      return -1;
    }
    return result.order;
  }

  exclude(order: number, reason: ExclusionReason): void {
    this.builder.excludeOrder(order, reason);
  }

  finish(): CollectedOrders {
    const { log, excluded } = this.builder.build();
    return {
      log,
      excluded,
      rejectedRows: this.rejected,
      rejectedByCode: this.byCode,
      rejections: this.rejections,
      currency: this.currency,
    };
  }
}
