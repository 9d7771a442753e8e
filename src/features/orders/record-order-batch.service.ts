import type { Kysely } from 'kysely';
import { upsertCustomersBatch, upsertOrdersBatch } from './order-batch.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { insertNewOrders } from './new-orders.repository.js';
import type { IncomingOrder } from './record-order.service.js';
import { wantsWebhookEvents } from '../outgoing-webhooks/index.js';

export interface RecordedBatchOrder {
  readonly id: string;
  readonly externalId: string;
  readonly customerId: string;
  /** 'unchanged': the stored order already held exactly these values; 'stale': a later version is stored. */
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'stale';
}

/**
 * Records many orders with their customers in one transaction and a few multi-row statements:
 * all or none (a failure rolls the batch back), in input order (an order listed twice ends as the
 * later one). Customers are upserted first, each once, with the fields of its last mention.
 *
 * On PostgreSQL, outside a caller's transaction, a group of new orders is written by one statement
 * that commits alone (insertNewOrders): the same rows in two round trips instead of eight.
 */
export async function recordOrderBatch(
  db: Kysely<Database>,
  storeId: string,
  orders: readonly IncomingOrder[],
): Promise<RecordedBatchOrder[]> {
  // The one-statement path commits alone and cannot carry webhook events: a store that wants them takes the other.
  const wantsEvents = await wantsWebhookEvents(db, storeId, ['order.recorded', 'customer.created']);
  const written = wantsEvents ? null : await insertNewOrders(db, storeId, orders);
  if (written !== null) return written;
  return inTransaction(db, async (trx) => {
    const customers = await upsertCustomersBatch(
      trx,
      storeId,
      orders.map((o) => o.customer),
    );
    const customerIdOf = (externalId: string): string => {
      const stored = customers.get(externalId);
      if (!stored) throw new Error(`customer ${externalId} was upserted but not returned`);
      return stored.customerId;
    };
    const results = await upsertOrdersBatch(
      trx,
      storeId,
      orders.map((o) => ({ ...o.order, customerId: customerIdOf(o.customer.externalId) })),
    );
    return results.map((r, i) => ({
      id: r.orderId,
      externalId: orders[i].order.externalId,
      customerId: customerIdOf(orders[i].customer.externalId),
      outcome: r.outcome,
    }));
  });
}
