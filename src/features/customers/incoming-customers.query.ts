import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import type { Database } from '../../platform/database/database.table.js';
import type { CustomerRow } from './customer.table.js';
import type { MatchCandidate } from './customer-match.js';

/** What the lookup reads of a stored customer: enough to match it and to tell whether an upsert would change it. */
export type StoredCustomerFields = Omit<CustomerRow, 'store_id' | 'updated_at'>;

/** Every column of StoredCustomerFields, as the lookup selects them. */
export const STORED_CUSTOMER_FIELDS = [
  'id',
  'external_id',
  'email',
  'phone',
  'first_name',
  'last_name',
  'birthday',
  'time_zone',
  'locale',
  'tags',
  'attributes',
  'created_at',
  'source_updated_at',
  'email_key',
  'phone_key',
] as const satisfies readonly (keyof StoredCustomerFields)[];

export interface IncomingCustomersFound {
  /** The customers that have an input external id as their own, by that id. */
  readonly own: Map<string, StoredCustomerFields>;
  /** The oldest customer with each input email key, by key. */
  readonly byEmail: Map<string, MatchCandidate>;
  /** The customers input external ids were attached to (customer_identities), by the attached id. */
  readonly attached: Map<string, MatchCandidate>;
}

type FoundRow = StoredCustomerFields & { found_by: 'own' | 'email' | 'attached'; key: string };

/**
 * One statement for the three probes: each input id as a customer's own, each email key, each id
 * as an attached one. Every probe is a LATERAL subquery with a LIMIT, which PostgreSQL cannot
 * flatten into a join: it stays a nested loop of index probes on (store_id, external_id),
 * (store_id, email_key) and the identities' key, whatever the planner believes of the table. Written
 * as `external_id = any($ids)`, a table without statistics yet (a fresh store, before autovacuum's
 * first ANALYZE) was planned as a scan of all the store's customers, 4-22 ms instead of 0.2-0.5.
 * Every table is filtered by the one store, so Citus routes it to that store's shards.
 */
const LOOKUP = new PreparedQuery<FoundRow, { storeId: string; ids: string[]; emails: string[] }>((db, param) => {
  const columns = sql.join(STORED_CUSTOMER_FIELDS.map((c) => sql.ref(`c.${c}`)));
  const keys = (name: 'ids' | 'emails') => sql`unnest(${param(name)}::text[]) as k(key)`;
  const query = sql<FoundRow>`
    select 'own' as found_by, k.key, ${columns}
    from ${keys('ids')}
    cross join lateral (
      select * from customers c where c.store_id = ${param('storeId')} and c.external_id = k.key limit 1
    ) c
    union all
    select 'email', k.key, ${columns}
    from ${keys('emails')}
    cross join lateral (
      select * from customers c where c.store_id = ${param('storeId')} and c.email_key = k.key
      order by c.created_at, c.id limit 1
    ) c
    union all
    select 'attached', k.key, ${columns}
    from ${keys('ids')}
    cross join lateral (
      select i.customer_id from customer_identities i
      where i.store_id = ${param('storeId')} and i.external_id = k.key limit 1
    ) i
    join customers c on c.store_id = ${param('storeId')} and c.id = i.customer_id`;
  return { compile: () => query.compile(db) };
});

/**
 * PostgreSQL only (null elsewhere): the stored customers these external ids and email keys name,
 * in one round trip whatever their number (SQLite, in the process, takes the chunked lookups of
 * customer-identity.repository.ts).
 */
export async function findIncomingCustomers(
  db: Kysely<Database>,
  storeId: string,
  ids: readonly string[],
  emails: readonly string[],
): Promise<IncomingCustomersFound | null> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return null;
  const found: IncomingCustomersFound = { own: new Map(), byEmail: new Map(), attached: new Map() };
  const rows = await LOOKUP.execute(db, { storeId, ids: [...ids], emails: [...emails] });
  for (const { found_by: foundBy, key, ...customer } of rows) {
    const candidate = { id: customer.id, externalId: customer.external_id, emailKey: customer.email_key };
    if (foundBy === 'own') found.own.set(key, customer);
    else if (foundBy === 'email') found.byEmail.set(key, candidate);
    else found.attached.set(key, candidate);
  }
  return found;
}
