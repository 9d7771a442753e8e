import type { Kysely } from 'kysely';
import type { CustomerInput } from '../customers/index.js';
import type { OrderInput, UpsertOutcome } from './order.js';
import { upsertCustomerByExternalId } from '../customers/index.js';
import { upsertOrderByExternalId } from './order.repository.js';
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

/**
 * Upserts the order's customer and then the order, in one transaction: an order never lands without
 * its customer, and a repeated delivery has one effect (both upserts are keyed by external id).
 */
export function recordOrder(db: Kysely<Database>, storeId: string, incoming: IncomingOrder): Promise<RecordedOrder> {
  return inTransaction(db, async (trx) => {
    const customer = await upsertCustomerByExternalId(trx, storeId, incoming.customer);
    const { orderId, outcome } = await upsertOrderByExternalId(trx, storeId, {
      ...incoming.order,
      customerId: customer.id,
    });
    return { orderId, customerId: customer.id, outcome };
  });
}
