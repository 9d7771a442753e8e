import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Rejection } from '../../analytics/report.types.js';
import { CsvRecordParser } from '../../analytics/ingest/csv-records.js';
import { detectDelimiter } from '../../analytics/ingest/order-file.reader.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { groupWooCommerceRows, rejectionFor } from './order-export-csv.js';
import { mapWooCommerceOrder } from './order.mapper.js';
import { recordWooCommerceOrder } from './receive-woocommerce-webhook.service.js';

export interface WooCommerceCsvImportResult {
  readonly format: 'woocommerce';
  readonly rowsRead: number;
  readonly orders: { readonly processed: number; readonly stale: number; readonly rejected: number };
  readonly rejectedRows: number;
  readonly rejections: readonly Rejection[];
}

/**
 * Imports WooCommerce's order CSV export (order-export-csv.ts) through the webhooks' own mapper and
 * writer, one transaction per order: statuses, refunds, guest keys and customer keys are the same
 * as for order.updated, so a shop fed by the file and then by webhooks holds each customer once.
 * A row or an order the mapper refuses is listed with its line, column and code; the rest go on.
 */
export async function importWooCommerceCsv(
  db: Kysely<Database>,
  input: { readonly path: string; readonly storeId: string; readonly currency?: string | null },
): Promise<WooCommerceCsvImportResult> {
  await getStore(db, input.storeId);
  let bytes: Buffer;
  try {
    bytes = await readFile(input.path);
  } catch (error) {
    throw new RegularsError('FILE_NOT_FOUND', `cannot read ${input.path}: ${(error as Error).message}`, {
      path: input.path,
    });
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const firstLine = bytes.subarray(start, Math.max(start, bytes.indexOf(10, start))).toString('utf8');
  let header: string[] | null = null;
  const rows: { line: number; cells: string[] }[] = [];
  const parser = new CsvRecordParser((record) => {
    if (header === null) header = record.all();
    else rows.push({ line: record.line, cells: record.all() });
  }, detectDelimiter(firstLine));
  parser.parse(bytes, start, bytes.length, true);
  if (header === null)
    throw new RegularsError(
      'MISSING_COLUMN',
      `${input.path} is empty: expected the WooCommerce order export's header`,
      {
        path: input.path,
      },
    );
  const grouped = groupWooCommerceRows(header, rows, input.currency?.toUpperCase() ?? null);
  if ('missing' in grouped)
    throw new RegularsError(
      'MISSING_COLUMN',
      `not WooCommerce's order export (one row per line item): it lacks ${grouped.missing.join(', ')}`,
      { missing: grouped.missing, found: header },
    );
  const rejections = [...grouped.rejections];
  const orders = { processed: 0, stale: 0, rejected: 0 };
  for (const order of grouped.orders) {
    try {
      const answer = await recordWooCommerceOrder(db, input.storeId, mapWooCommerceOrder(order.payload));
      if (answer.outcome === 'stale') orders.stale++;
      else orders.processed++;
    } catch (error) {
      if (!(error instanceof RegularsError) || error.code !== 'VALIDATION_FAILED') throw error;
      orders.rejected++;
      const path = typeof error.details.path === 'string' ? error.details.path : '';
      rejections.push(rejectionFor(order, path, error.message));
    }
  }
  rejections.sort((a, b) => a.line - b.line);
  return {
    format: 'woocommerce',
    rowsRead: grouped.rowsRead,
    orders,
    rejectedRows: rejections.length,
    rejections,
  };
}
