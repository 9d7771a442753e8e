import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { readBackfillCheckpoint, writeBackfillCheckpoint } from './backfill-checkpoint.repository.js';
import { mapWooCommerceOrder } from './order.mapper.js';
import { recordWooCommerceOrder } from './receive-woocommerce-webhook.service.js';
import { fetchOrdersPage, shopBaseUrl, type WooCommerceApi } from './woocommerce-api.adapter.js';

/** WooCommerce's largest page (per_page is capped at 100). */
export const BACKFILL_PAGE_SIZE = 100;

export interface BackfillInput extends WooCommerceApi {
  readonly storeId: string;
  /** Start at page 1 even when a checkpoint says where a previous run stopped. */
  readonly restart?: boolean;
  /** Orders per page (default and most 100). */
  readonly perPage?: number;
  /** Called after each page with the pages done and the pages in all, for a progress bar. */
  readonly onProgress?: (pagesDone: number, totalPages: number) => void;
}

/** An order the backfill could not record: its id, the field and why. */
export interface BackfillRejection {
  readonly orderId: string | null;
  readonly page: number;
  readonly path: string;
  readonly code: string;
  readonly reason: string;
}

export interface BackfillResult {
  readonly storeId: string;
  readonly url: string;
  /** The first page this run read (a resumed run starts after its checkpoint). */
  readonly startPage: number;
  readonly pagesRead: number;
  readonly totalPages: number;
  readonly orders: { processed: number; stale: number; rejected: number };
  readonly rejections: readonly BackfillRejection[];
  readonly resumed: boolean;
}

/**
 * Reads every order of a WooCommerce shop through its REST API, page after page, and records each
 * as the webhooks would (one transaction per order; versioned by date_modified_gmt, so an order a
 * webhook already stored in a later version is kept, and running the backfill twice changes
 * nothing). After each page the checkpoint is written: a run that stops (a network failure, ^C)
 * resumes after the last whole page. An order the mapper refuses is listed with its id and field,
 * and the rest go on.
 */
export async function backfillWooCommerce(db: Kysely<Database>, input: BackfillInput): Promise<BackfillResult> {
  await getStore(db, input.storeId);
  const url = shopBaseUrl(input).toString();
  const perPage = input.perPage ?? BACKFILL_PAGE_SIZE;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    throw new RegularsError('INVALID_ARGUMENT', `per page must be 1 to 100, found ${perPage}`, { field: 'perPage' });
  const checkpoint = input.restart ? null : await readBackfillCheckpoint(db, input.storeId);
  const resumed =
    checkpoint !== null && !checkpoint.complete && checkpoint.url === url && checkpoint.perPage === perPage;
  let page = resumed ? checkpoint.page + 1 : 1;
  const startPage = page;
  const orders = { processed: 0, stale: 0, rejected: 0 };
  const rejections: BackfillRejection[] = [];
  let totalPages = resumed ? checkpoint.totalPages : 0;
  let pagesRead = 0;
  for (;;) {
    const result = await fetchOrdersPage(input, page, perPage);
    totalPages = result.totalPages;
    if (page > totalPages && result.orders.length === 0) break;
    for (const item of result.orders) {
      const orderId = orderIdOf(item);
      try {
        const answer = await recordWooCommerceOrder(db, input.storeId, mapWooCommerceOrder(item));
        if (answer.outcome === 'stale') orders.stale++;
        else orders.processed++;
      } catch (error) {
        if (!(error instanceof RegularsError) || error.code !== 'VALIDATION_FAILED') throw error;
        orders.rejected++;
        if (rejections.length < 1000)
          rejections.push({
            orderId,
            page,
            path: typeof error.details.path === 'string' ? error.details.path : '',
            code: error.code,
            reason: error.message,
          });
      }
    }
    pagesRead++;
    await writeBackfillCheckpoint(db, input.storeId, {
      url,
      page,
      totalPages,
      perPage,
      complete: page >= totalPages,
      updatedAt: nowIso(),
    });
    input.onProgress?.(Math.min(page, totalPages), totalPages);
    if (page >= totalPages) break;
    page++;
  }
  if (totalPages === 0)
    await writeBackfillCheckpoint(db, input.storeId, {
      url,
      page: 0,
      totalPages,
      perPage,
      complete: true,
      updatedAt: nowIso(),
    });
  return { storeId: input.storeId, url, startPage, pagesRead, totalPages, orders, rejections, resumed };
}

function orderIdOf(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const value = (item as Record<string, unknown>).id;
  return typeof value === 'number' || typeof value === 'string' ? String(value) : null;
}
