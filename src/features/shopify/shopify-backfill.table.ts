import type { Selectable } from 'kysely';

/**
 * A store's history backfill, one row per phase ('customers', then 'orders'): the bulk operation
 * that phase reads and how far into its JSONL result the committed batches reach.
 */
export interface ShopifyBackfillTable {
  store_id: string;
  phase: string;
  /** Shopify's gid of the bulk operation (gid://shopify/BulkOperation/...); null before one is started. */
  bulk_operation_id: string | null;
  /** 'running' until the phase's last line is committed, then 'completed'. */
  status: string;
  /** JSONL lines whose records are committed: a resume skips exactly these. */
  lines_done: number;
  /** Customers or orders those lines held. */
  records_done: number;
  /** The operation's objectCount once it completed (every line, children included). */
  lines_total: number | null;
  started_at: string;
  updated_at: string;
}

export type ShopifyBackfillRow = Selectable<ShopifyBackfillTable>;
