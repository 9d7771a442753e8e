import type { Kysely } from 'kysely';
import { chooseMatch, type MatchCandidate, type MatchedBy } from './customer-match.js';
import type { Database } from '../../platform/database/database.table.js';
import {
  findIncomingCustomers,
  type IncomingCustomersFound,
  STORED_CUSTOMER_FIELDS,
  type StoredCustomerFields,
} from './incoming-customers.query.js';

/** Ids per `IN (...)` list: short enough for PostgreSQL to probe the index per id (order-batch.repository.ts). */
const IDS_PER_LOOKUP = 50;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** The customers these external ids were attached to (customer_identities), by external id. */
export async function customersByIdentity(
  db: Kysely<Database>,
  storeId: string,
  externalIds: readonly string[],
): Promise<Map<string, MatchCandidate>> {
  const found = new Map<string, MatchCandidate>();
  for (const ids of chunks(externalIds, IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom('customer_identities as i')
      .innerJoin('customers as c', (j) => j.onRef('c.store_id', '=', 'i.store_id').onRef('c.id', '=', 'i.customer_id'))
      .select(['i.external_id as alias', 'c.id', 'c.external_id', 'c.email_key'])
      .where('i.store_id', '=', storeId)
      .where('i.external_id', 'in', ids)
      .execute();
    for (const r of rows) found.set(r.alias, { id: r.id, externalId: r.external_id, emailKey: r.email_key });
  }
  return found;
}

/**
 * The stored customer with each email key (or phone key), by key: the oldest when several have it,
 * so that every writer picks the same one.
 */
export async function customersByKey(
  db: Kysely<Database>,
  storeId: string,
  column: 'email_key' | 'phone_key',
  keys: readonly string[],
): Promise<Map<string, MatchCandidate>> {
  const found = new Map<string, MatchCandidate>();
  for (const batch of chunks(keys, IDS_PER_LOOKUP)) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'external_id', 'email_key', column])
      .where('store_id', '=', storeId)
      .where(column, 'in', batch)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const key = (r as unknown as Record<string, string>)[column];
      if (!found.has(key)) found.set(key, { id: r.id, externalId: r.external_id, emailKey: r.email_key });
    }
  }
  return found;
}

export interface NewIdentity {
  readonly externalId: string;
  readonly customerId: string;
  readonly matchedBy: MatchedBy;
}

/** Attaches external ids to customers; an id already attached keeps its customer. */
export async function insertIdentities(
  db: Kysely<Database>,
  storeId: string,
  identities: readonly NewIdentity[],
  now: string,
): Promise<void> {
  for (const batch of chunks(identities, 500)) {
    await db
      .insertInto('customer_identities')
      .values(
        batch.map((i) => ({
          store_id: storeId,
          external_id: i.externalId,
          customer_id: i.customerId,
          matched_by: i.matchedBy,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['store_id', 'external_id']).doNothing())
      .execute();
  }
}

export interface CustomerIdentity {
  readonly externalId: string;
  readonly matchedBy: MatchedBy | 'own';
  readonly since: string;
}

/** Every source id of a customer: its own first, then the attached ones in the order they came. */
export async function identitiesOf(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<CustomerIdentity[]> {
  const own = await db
    .selectFrom('customers')
    .select(['external_id', 'created_at'])
    .where('store_id', '=', storeId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!own) return [];
  const attached = await db
    .selectFrom('customer_identities')
    .select(['external_id', 'matched_by', 'created_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('external_id')
    .execute();
  return [
    { externalId: own.external_id, matchedBy: 'own', since: own.created_at },
    ...attached.map((r) => ({ externalId: r.external_id, matchedBy: r.matched_by as MatchedBy, since: r.created_at })),
  ];
}

/**
 * The chunked form of findIncomingCustomers, for SQLite: one lookup per 50 ids finds both the ids
 * customers have as their own and the customers with the inputs' emails (a round trip each
 * doubled a first import's time on PostgreSQL), then the attached ids of the others.
 */
async function findIncomingCustomersInChunks(
  db: Kysely<Database>,
  storeId: string,
  keys: ReadonlyMap<string, { emailKey: string | null }>,
): Promise<IncomingCustomersFound> {
  const own = new Map<string, StoredCustomerFields>();
  const byEmail = new Map<string, MatchCandidate>();
  for (const ids of chunks([...keys.keys()], IDS_PER_LOOKUP)) {
    const emails = [...new Set(ids.map((id) => keys.get(id)!.emailKey).filter((k): k is string => k !== null))];
    // Two indexed selects in one statement: written as one OR, SQLite's planner (without table
    // statistics) reads every customer of the store through another (store_id, ...) index.
    const lookup = (column: 'external_id' | 'email_key', values: readonly string[]) =>
      db
        .selectFrom('customers')
        .select(STORED_CUSTOMER_FIELDS)
        .where('store_id', '=', storeId)
        .where(column, 'in', values);
    const byOwnId = lookup('external_id', ids);
    const rows = await (emails.length === 0 ? byOwnId : byOwnId.unionAll(lookup('email_key', emails)))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const wanted = new Set(ids);
    for (const r of rows) {
      if (wanted.has(r.external_id)) own.set(r.external_id, r);
      // Oldest first: every writer picks the same customer when several have the email.
      if (r.email_key !== null && !byEmail.has(r.email_key))
        byEmail.set(r.email_key, { id: r.id, externalId: r.external_id, emailKey: r.email_key });
    }
  }
  const unknown = [...keys.keys()].filter((id) => !own.has(id));
  // Most stores (and every first import) have no attached ids yet: one probe spares a lookup per 50 ids.
  const anyAttached =
    unknown.length > 0 &&
    (await db
      .selectFrom('customer_identities')
      .select('external_id')
      .where('store_id', '=', storeId)
      .limit(1)
      .executeTakeFirst());
  const attached = anyAttached ? await customersByIdentity(db, storeId, unknown) : new Map<string, MatchCandidate>();
  return { own, byEmail, attached };
}

/**
 * For each input external id that no customer has as its own: the stored customer it is (an
 * attached id, or a match by email, then phone: chooseMatch), and the identities to attach.
 * Ids left out are new customers. `own`: the ids of the customers that have an input external id
 * as their own, by that external id, as the lookup found them; `stored`: those customers' fields.
 */
export async function resolveIncomingCustomers(
  db: Kysely<Database>,
  storeId: string,
  inputs: readonly { externalId: string; emailKey: string | null; phoneKey: string | null }[],
): Promise<{
  targets: Map<string, MatchCandidate>;
  identities: NewIdentity[];
  own: Map<string, string>;
  stored: Map<string, StoredCustomerFields>;
}> {
  const targets = new Map<string, MatchCandidate>();
  const identities: NewIdentity[] = [];
  // The first mention's email and phone decide, as the first value a file gives wins elsewhere.
  const keys = new Map<string, { emailKey: string | null; phoneKey: string | null }>();
  for (const i of inputs) {
    const k = keys.get(i.externalId);
    if (!k) keys.set(i.externalId, { emailKey: i.emailKey, phoneKey: i.phoneKey });
    else if (k.emailKey === null || k.phoneKey === null)
      keys.set(i.externalId, { emailKey: k.emailKey ?? i.emailKey, phoneKey: k.phoneKey ?? i.phoneKey });
  }
  const emails = [...new Set([...keys.values()].map((k) => k.emailKey).filter((k): k is string => k !== null))];
  const found =
    (await findIncomingCustomers(db, storeId, [...keys.keys()], emails)) ??
    (await findIncomingCustomersInChunks(db, storeId, keys));
  const { byEmail } = found;
  const stored = found.own;
  const own = new Map([...stored].map(([externalId, customer]) => [externalId, customer.id]));
  const unknown = [...keys.keys()].filter((id) => !own.has(id));
  if (unknown.length === 0) return { targets, identities, own, stored };
  // An id that is a customer's own is that customer, even if it was once attached to another.
  const attached = new Map<string, MatchCandidate>();
  for (const id of unknown) {
    const candidate = found.attached.get(id);
    if (candidate) attached.set(id, candidate);
  }
  for (const [alias, candidate] of attached) targets.set(alias, candidate);
  const open = unknown.filter((id) => !attached.has(id));
  const phones = [
    ...new Set(
      open
        .filter((id) => {
          const emailKey = keys.get(id)!.emailKey;
          return emailKey === null || !byEmail.has(emailKey);
        })
        .map((id) => keys.get(id)!.phoneKey)
        .filter((k): k is string => k !== null),
    ),
  ];
  const byPhone = phones.length > 0 ? await customersByKey(db, storeId, 'phone_key', phones) : new Map();
  for (const externalId of open) {
    const k = keys.get(externalId)!;
    const match = chooseMatch(
      k.emailKey,
      k.emailKey === null ? undefined : byEmail.get(k.emailKey),
      k.phoneKey === null ? undefined : byPhone.get(k.phoneKey),
    );
    if (!match) continue;
    targets.set(externalId, match.candidate);
    identities.push({ externalId, customerId: match.candidate.id, matchedBy: match.matchedBy });
  }
  return { targets, identities, own, stored };
}
