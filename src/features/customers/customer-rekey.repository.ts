import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

/** Ids per `IN (...)` list: short enough for PostgreSQL to probe the index per id (order-batch.repository.ts). */
const IDS_PER_LOOKUP = 50;

export interface KeyedCustomer {
  readonly id: string;
  readonly externalId: string;
  readonly emailKey: string | null;
}

/**
 * The customers with these email keys whose own source id is an email address: the ones an
 * order export created (keyed 'ada@example.com') or a guest checkout did ('email:ada@example.com').
 * Oldest first, so every writer picks the same one.
 */
export async function emailKeyedCustomers(
  db: Kysely<Database>,
  storeId: string,
  emailKeys: readonly string[],
): Promise<KeyedCustomer[]> {
  const found: KeyedCustomer[] = [];
  for (let start = 0; start < emailKeys.length; start += IDS_PER_LOOKUP) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'external_id', 'email_key'])
      .where('store_id', '=', storeId)
      .where('email_key', 'in', emailKeys.slice(start, start + IDS_PER_LOOKUP))
      .where('external_id', 'like', '%@%')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const r of rows) found.push({ id: r.id, externalId: r.external_id, emailKey: r.email_key });
  }
  return found;
}

/** The customer a source id names, as its own id or an attached one; with how. */
export async function customerOfSourceId(
  db: Kysely<Database>,
  storeId: string,
  externalId: string,
): Promise<{ customer: KeyedCustomer; attached: boolean } | null> {
  const own = await db
    .selectFrom('customers')
    .select(['id', 'external_id', 'email_key'])
    .where('store_id', '=', storeId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (own) return { customer: { id: own.id, externalId: own.external_id, emailKey: own.email_key }, attached: false };
  const attached = await db
    .selectFrom('customer_identities as i')
    .innerJoin('customers as c', (j) => j.onRef('c.store_id', '=', 'i.store_id').onRef('c.id', '=', 'i.customer_id'))
    .select(['c.id', 'c.external_id', 'c.email_key'])
    .where('i.store_id', '=', storeId)
    .where('i.external_id', '=', externalId)
    .executeTakeFirst();
  return attached
    ? { customer: { id: attached.id, externalId: attached.external_id, emailKey: attached.email_key }, attached: true }
    : null;
}

/**
 * Makes `externalId` the customer's own source id, its old one attached to it (matched_by
 * 'email'): the customer keeps its id ('cus_...'), so everything that names it stays.
 */
export async function rekeyCustomer(
  db: Kysely<Database>,
  storeId: string,
  customer: KeyedCustomer,
  externalId: string,
  now: string,
): Promise<void> {
  await db
    .deleteFrom('customer_identities')
    .where('store_id', '=', storeId)
    .where('external_id', '=', externalId)
    .execute();
  await db
    .updateTable('customers')
    .set({ external_id: externalId, updated_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', customer.id)
    .execute();
  await db
    .insertInto('customer_identities')
    .values({
      store_id: storeId,
      external_id: customer.externalId,
      customer_id: customer.id,
      matched_by: 'email',
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['store_id', 'external_id']).doNothing())
    .execute();
}
