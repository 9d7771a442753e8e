import type { OrderLog } from '../domain/analytics/order-log.js';
import type { Rejection } from '../domain/analytics/report.types.js';

/** The small interfaces the use cases need, declared here by their consumer (architecture.md). */

export type OrderFileFormat = 'generic' | 'shopify' | 'cdnow';

export interface ReadOrderFileOptions {
  readonly format?: OrderFileFormat | 'auto';
  readonly currency?: string;
  readonly strict?: boolean;
  /** Keep customers' emails and birthdays (default true); reports that do not show them save memory. */
  readonly contacts?: boolean;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface OrderFile {
  readonly log: OrderLog;
  readonly format: OrderFileFormat;
  readonly rowsRead: number;
  readonly rejectedRows: number;
  readonly rejections: readonly Rejection[];
  readonly excluded: { readonly cancelled: number; readonly refunded: number };
  readonly currency: string | null;
}

/** Reads an order export (the ingest parsers implement it). */
export type ReadOrderFile = (path: string, options: ReadOrderFileOptions) => Promise<OrderFile>;

/** A per-customer summary file as read for `regulars fit` (one entry per row). */
export interface SummaryFile {
  readonly customerIds: string[];
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  /** T, or BG/BB's number of periods. */
  readonly T: Float64Array;
  readonly monetary: Float64Array | null;
  readonly weights: Float64Array | null;
  readonly rowsRead: number;
  readonly rejectedRows: number;
  readonly rejections: Rejection[];
}

/** Reads a summary CSV (the ingest adapter implements it). */
export type ReadSummary = (path: string, options: { discrete: boolean; strict?: boolean }) => Promise<SummaryFile>;
