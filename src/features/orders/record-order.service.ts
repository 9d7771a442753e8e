import type { Kysely } from 'kysely';
import type { CustomerInput } from '../customers/index.js';
import type { OrderInput, UpsertOutcome } from './order.js';
import { upsertVersionedCustomer } from '../customers/index.js';
import { findOrderByExternalId, upsertOrderByExternalId } from './order.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

/** An order as a source sends it: the customer by the source's id, not yet by ours. */
export interface IncomingOrder {
  readonly customer: CustomerInput;
  readonly order: Omit<OrderInput, 'customerId'>;
}

export interface RecordedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly outcome: UpsertOutcome;
}

/** Carries a stale answer out of the transaction, which it rolls back. */
class StaleOrder extends Error {
  constructor(readonly recorded: RecordedOrder) {
    super('stale order');
  }
}

/**
 * Upserts the order's customer and then the order, in one transaction: an order never lands without
 * its customer, and a repeated delivery has one effect (both upserts are keyed by external id). An
 * order older than the stored version changes nothing: the customer fields it carried are rolled
 * back with it (and were already refused if older than the stored profile).
 */
export async function recordOrder(
  db: Kysely<Database>,
  storeId: string,
  incoming: IncomingOrder,
): Promise<RecordedOrder> {
  try {
    return await inTransaction(db, async (trx) => {
      const { customer } = await upsertVersionedCustomer(trx, storeId, incoming.customer);
      const { orderId, outcome } = await upsertOrderByExternalId(trx, storeId, {
        ...incoming.order,
        customerId: customer.id,
      });
      if (outcome === 'stale') {
        const stored = await findOrderByExternalId(trx, storeId, incoming.order.externalId);
        throw new StaleOrder({ orderId, customerId: stored?.customerId ?? customer.id, outcome });
      }
      return { orderId, customerId: customer.id, outcome };
    });
  } catch (error) {
    if (error instanceof StaleOrder) return error.recorded;
    throw error;
  }
}
