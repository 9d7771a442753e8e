import type { OrderLog } from './order-log.js';
import type { Rejection } from './report.types.js';

/** The small interfaces the use cases need, declared here by their consumer (architecture.md). */

export type OrderFileFormat = 'generic' | 'shopify' | 'cdnow';

export interface ReadOrderFileOptions {
  readonly format?: OrderFileFormat | 'auto';
  readonly currency?: string;
  readonly strict?: boolean;
  /** --date-format: how dates with the year last are read ('auto' or absent: decided from the file). */
  readonly dateFormat?: string;
  /** Stop (TOO_MANY_REJECTED) when more than this share of the rows is rejected (default 0.05). */
  readonly maxRejectedShare?: number;
  /** Keep customers' emails and birthdays (default true); reports that do not show them save memory. */
  readonly contacts?: boolean;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface OrderFile {
  readonly log: OrderLog;
  readonly format: OrderFileFormat;
  readonly rowsRead: number;
  readonly rejectedRows: number;
  /** Rejected rows by code, all counted. */
  readonly rejectedByCode?: Readonly<Record<string, number>>;
  readonly rejections: readonly Rejection[];
  readonly excluded: { readonly cancelled: number; readonly refunded: number };
  readonly currency: string | null;
}

/** Reads an order export (the ingest parsers implement it). */
export type ReadOrderFile = (path: string, options: ReadOrderFileOptions) => Promise<OrderFile>;

/**
 * Which summary a model reads: `count` (BG/NBD family: customer_id, frequency, recency, T),
 * `discrete` (BG/BB: frequency, recency, periods) or `spend` (Gamma-Gamma: customer_id, frequency,
 * monetary_value).
 */
export type SummaryKind = 'count' | 'discrete' | 'spend';

/** Ids by row, decoded when asked for. */
export interface IdList {
  readonly length: number;
  get(index: number): string;
}

/** A per-customer summary file as read for `regulars fit`: one entry per accepted row, in file order. */
export interface SummaryFile {
  /** The customer_id column, or the row's number (1 = first data row) when the file has none. */
  readonly customerIds: IdList;
  readonly frequency: Float64Array;
  /** null for `spend` summaries, which do not need it. */
  readonly recency: Float64Array | null;
  /** T, or BG/BB's number of periods; null for `spend` summaries. */
  readonly span: Float64Array | null;
  readonly monetary: Float64Array | null;
  readonly weights: Float64Array | null;
  readonly rowsRead: number;
  readonly rejectedRows: number;
  readonly rejections: Rejection[];
}

/** Reads a summary CSV (the ingest adapter implements it). */
export type ReadSummary = (path: string, options: { kind: SummaryKind; strict?: boolean }) => Promise<SummaryFile>;
