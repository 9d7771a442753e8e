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
