import type { CustomerTable } from './customer.table.js';
import type { StoredCustomerFields } from './incoming-customers.query.js';

/**
 * Whether the customer upsert (customerUpsertConflict in orders/order-batch.repository.ts) would
 * change this stored customer: the same rule as its WHERE, decided on the values a lookup read.
 * A writer that already read the customer can then leave it out of the upsert, which spares a
 * row lock and a WAL record per known customer. False only when the upsert would certainly
 * change nothing; values the lookup read are compared as the database compares them (text).
 */
export function upsertWouldChange(
  stored: StoredCustomerFields,
  incoming: Partial<CustomerTable> & { source_updated_at: string | null },
  columns: readonly (keyof StoredCustomerFields & keyof CustomerTable)[],
): boolean {
  // A customer of no given field is only inserted when new (DO NOTHING on a conflict).
  if (columns.length === 0) return false;
  const given = incoming.source_updated_at;
  const kept = stored.source_updated_at;
  // Both are UTC instants in one format, so the text order is time order.
  const versionAllows = given === null || kept === null || given >= kept;
  if (!versionAllows) return false;
  if (columns.some((c) => (incoming[c] ?? null) !== (stored[c] ?? null))) return true;
  return given !== null && (kept === null || given > kept);
}
