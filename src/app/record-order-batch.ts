import type { Kysely } from 'kysely';
import type { Database } from '../store/tables/database.table.js';
import { inTransaction } from '../store/transaction.js';
import { type IncomingOrder, recordOrder } from './record-order.js';

export interface RecordedBatchOrder {
  readonly id: string;
  readonly externalId: string;
  readonly customerId: string;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'stale';
}

/**
 * Records a batch of orders in one transaction: all or none (a failure rolls the batch back, and
 * the client retries it whole), and one commit for the batch instead of one per order.
 */
export function recordOrderBatch(db: Kysely<Database>, storeId: string, orders: readonly IncomingOrder[]): Promise<RecordedBatchOrder[]> {
  return inTransaction(db, async (trx) => {
    const results: RecordedBatchOrder[] = [];
    for (const incoming of orders) {
      const recorded = await recordOrder(trx, storeId, incoming);
      results.push({ id: recorded.orderId, externalId: incoming.order.externalId, customerId: recorded.customerId, outcome: recorded.outcome });
    }
    return results;
  });
}
