import { type Kysely, SqliteAdapter } from 'kysely';
import type { Customer, CustomerInput } from './customer.js';
import { RegularsError } from '../../platform/errors.js';
import { normalizeEmail, normalizePhone } from './customer-match.js';
import { customersByIdentity, insertIdentities, resolveIncomingCustomers } from './customer-identity.repository.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { CustomerRow, CustomerTable } from './customer.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { isForeignKeyViolation, writeFirst } from '../../platform/database/transaction.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import { customerCreatedEvent, emitWebhookEvent } from '../outgoing-webhooks/index.js';

export function customerFromRow(row: CustomerRow): Customer {
  return {
    id: row.id,
    storeId: row.store_id,
    externalId: row.external_id,
    email: row.email,
    phone: row.phone,
    firstName: row.first_name,
    lastName: row.last_name,
    birthday: row.birthday,
    timeZone: row.time_zone,
    locale: row.locale,
    tags: JSON.parse(row.tags) as string[],
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns an input sets: only its defined fields, so an upsert leaves the others as stored. */
export function customerToRow(input: CustomerInput): Partial<CustomerTable> {
  const row: Partial<CustomerTable> = {};
  if (input.email !== undefined) {
    row.email = input.email;
    row.email_key = normalizeEmail(input.email);
  }
  if (input.phone !== undefined) {
    row.phone = input.phone;
    row.phone_key = normalizePhone(input.phone);
  }
  if (input.firstName !== undefined) row.first_name = input.firstName;
  if (input.lastName !== undefined) row.last_name = input.lastName;
  if (input.birthday !== undefined) row.birthday = input.birthday;
  if (input.timeZone !== undefined) row.time_zone = input.timeZone;
  if (input.locale !== undefined) row.locale = input.locale;
  if (input.tags !== undefined) row.tags = JSON.stringify(input.tags);
  if (input.attributes !== undefined) row.attributes = JSON.stringify(input.attributes);
  return row;
}

/** What the database cannot check: the external id is non-empty text, the birthday a date. */
export function checkCustomerInput(input: CustomerInput): void {
  if (typeof input.externalId !== 'string' || input.externalId === '') {
    // A number here would already have lost digits above 2^53; the caller must keep the source's text.
    throw new RegularsError('INVALID_ARGUMENT', 'a customer needs its external id as a non-empty string', {
      field: 'externalId',
    });
  }
  if (input.birthday != null && !/^\d{4}-\d{2}-\d{2}$/.test(input.birthday)) {
    throw new RegularsError('INVALID_ARGUMENT', `birthday ${input.birthday} is not YYYY-MM-DD`, { field: 'birthday' });
  }
}

/** A new customer's profile columns before its input's fields are applied. */
export const CUSTOMER_DEFAULTS = {
  email: null,
  phone: null,
  first_name: null,
  last_name: null,
  birthday: null,
  time_zone: null,
  locale: null,
  tags: '[]',
  attributes: '{}',
  email_key: null,
  phone_key: null,
} satisfies Partial<CustomerTable>;

/** What a customer upsert did: 'stale' when the stored profile is a later source version (nothing changed). */
export type CustomerUpsertOutcome = 'created' | 'updated' | 'stale';

/**
 * Inserts the customer or updates the one with the same external id, in one statement (the
 * (store_id, external_id) unique index arbitrates concurrent deliveries). Returns the stored customer.
 * See upsertVersionedCustomer for the version rule.
 *
 * An external id no customer has as its own is first looked for among the ids attached to
 * customers, then matched by email and then phone (resolveIncomingCustomers): the customer an
 * export keyed by email created is then the one a webhook updates, and keeps both ids.
 */
export async function upsertCustomerByExternalId(
  db: Kysely<Database>,
  storeId: string,
  input: CustomerInput,
): Promise<Customer> {
  return (await upsertVersionedCustomer(db, storeId, input)).customer;
}

/**
 * upsertCustomerByExternalId, saying what happened. A versioned input (sourceUpdatedAt) changes the
 * profile only when it is not older than the stored version, so the profile converges to the
 * latest version whatever order deliveries arrive in; an older one is 'stale' and the stored
 * customer is returned unchanged. An unversioned input always applies and keeps the stored version.
 * On PostgreSQL the conflict locks the row whether or not it updates it, so the comparison and the
 * write are one step under concurrent deliveries; SQLite runs one writer at a time.
 */
export async function upsertVersionedCustomer(
  db: Kysely<Database>,
  storeId: string,
  input: CustomerInput,
): Promise<{ customer: Customer; outcome: CustomerUpsertOutcome }> {
  checkCustomerInput(input);
  const now = nowIso();
  const set = customerToRow(input);
  const version = input.sourceUpdatedAt == null ? null : utcInstant(input.sourceUpdatedAt, 'sourceUpdatedAt');
  const row: CustomerTable = {
    store_id: storeId,
    id: newId('cus'),
    external_id: input.externalId,
    ...CUSTOMER_DEFAULTS,
    ...set,
    created_at: now,
    updated_at: now,
    source_updated_at: version,
  };
  try {
    // The match is read before the customer is written: on SQLite the transaction must hold the
    // write lock first.
    await writeFirst(db);
    const incoming = [
      { externalId: input.externalId, emailKey: set.email_key ?? null, phoneKey: set.phone_key ?? null },
    ];
    const { targets, identities } = await resolveIncomingCustomers(db, storeId, incoming);
    const target = targets.get(input.externalId);
    if (target) {
      // Another source id of a stored customer (attached before, or matched now by email or phone):
      // the same version rule as below, on that customer's row.
      await insertIdentities(db, storeId, identities, now);
      let update = db
        .updateTable('customers')
        .set({ ...set, updated_at: now, ...(version === null ? {} : { source_updated_at: version }) })
        .where('store_id', '=', storeId)
        .where('id', '=', target.id);
      if (version !== null)
        update = update.where((eb) =>
          eb.or([eb('source_updated_at', 'is', null), eb('source_updated_at', '<=', version)]),
        );
      const updated = await update.returningAll().executeTakeFirst();
      if (updated) return { customer: customerFromRow(updated), outcome: 'updated' };
      const current = await findCustomer(db, storeId, target.id);
      if (current) return { customer: current, outcome: 'stale' };
    }
    const written = await db
      .insertInto('customers')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['store_id', 'external_id'])
          .doUpdateSet((eb) => ({
            ...set,
            updated_at: now,
            // Both are UTC instants in one format (or null), so the text order is time order.
            source_updated_at: eb.fn.coalesce('excluded.source_updated_at', 'customers.source_updated_at'),
          }))
          .where((eb) =>
            eb.or([
              eb('excluded.source_updated_at', 'is', null),
              eb('customers.source_updated_at', 'is', null),
              eb('excluded.source_updated_at', '>=', eb.ref('customers.source_updated_at')),
            ]),
          ),
      )
      .returningAll()
      .executeTakeFirst();
    if (written?.id === row.id) await emitWebhookEvent(db, storeId, customerCreatedEvent(row.id, input));
    if (written) return { customer: customerFromRow(written), outcome: written.id === row.id ? 'created' : 'updated' };
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
  // The conflict's WHERE was false: the stored profile is a later version.
  const stored = await findCustomerByExternalId(db, storeId, input.externalId);
  if (!stored) throw new Error(`customer ${input.externalId} vanished during its upsert`);
  return { customer: stored, outcome: 'stale' };
}

/**
 * Locks the store's customer with this external id until the transaction ends, creating it with an
 * empty profile when there is none yet (the upsert that follows fills it in; a rollback removes it).
 * What a path that also locks an order takes first, so that every path locks a customer before its
 * order: a lock taken only "if the customer exists" would let a transaction that started before the
 * customer's first commit lock the order first, and deadlock with one that locked the customer.
 * On PostgreSQL the insert waits for a concurrent insert of the same customer, then locks its row.
 */
export async function lockCustomerByExternalId(
  db: Kysely<Database>,
  storeId: string,
  input: Pick<CustomerInput, 'externalId' | 'email' | 'phone'>,
): Promise<void> {
  const now = nowIso();
  // A new source id that is another id of a stored customer (attached, or the same email or phone)
  // locks that customer's row: an empty row under the new id would be a second customer.
  const { targets } = await resolveIncomingCustomers(db, storeId, [
    { externalId: input.externalId, emailKey: normalizeEmail(input.email), phoneKey: normalizePhone(input.phone) },
  ]);
  const target = targets.get(input.externalId);
  if (target && (await lockCustomer(db, storeId, target.id))) return;
  const id = newId('cus');
  try {
    const locked = await db
      .insertInto('customers')
      .values({
        store_id: storeId,
        id,
        external_id: input.externalId,
        ...CUSTOMER_DEFAULTS,
        created_at: now,
        updated_at: now,
        source_updated_at: null,
      })
      .onConflict((oc) =>
        oc.columns(['store_id', 'external_id']).doUpdateSet((eb) => ({ updated_at: eb.ref('customers.updated_at') })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    if (locked.id === id) await emitWebhookEvent(db, storeId, customerCreatedEvent(id, input));
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
}

/** The store's customer with this id, or null: another store's customer is not found. */
export async function findCustomer(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<Customer | null> {
  const row = await db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  return row ? customerFromRow(row) : null;
}

// Every shopper request and API call naming a customer by the shop's id: prepared once.
const BY_EXTERNAL_ID = new PreparedQuery<CustomerRow, { storeId: string; externalId: string }>((db, param) =>
  db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('external_id', '=', param('externalId')),
);

/** The store's customer with this source id, its own or one attached to it (customer_identities), or null. */
export async function findCustomerByExternalId(
  db: Kysely<Database>,
  storeId: string,
  externalId: string,
): Promise<Customer | null> {
  const [row] = await BY_EXTERNAL_ID.execute(db, { storeId, externalId });
  if (row) return customerFromRow(row);
  // Another source id of a customer: a webhook's id attached to the customer an import created.
  const attached = (await customersByIdentity(db, storeId, [externalId])).get(externalId);
  return attached ? findCustomer(db, storeId, attached.id) : null;
}

/**
 * Locks the store's customer row until the transaction ends, with a no-op UPDATE: a row lock on
 * PostgreSQL, and on SQLite a transaction that starts with a write takes the file's write lock at
 * once. What one customer's read-decide-write steps (consent, send-time checks) hold so that
 * concurrent ones run one at a time. False when the store has no such customer.
 */
export async function lockCustomer(db: Kysely<Database>, storeId: string, customerId: string): Promise<boolean> {
  const locked = await db
    .updateTable('customers')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('store_id', '=', storeId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) > 0;
}

/**
 * Locks the store's customers among `customerIds` until the transaction ends and reads them, by
 * id (unknown ids are left out): what a batch of send-time checks holds, so that the checks of one
 * customer's messages run one at a time across workers. On PostgreSQL one statement, FOR NO KEY
 * UPDATE (the row lock lockCustomer's UPDATE takes, without writing a row version), the rows locked
 * in id order so that two workers locking overlapping batches cannot deadlock. SQLite has no row
 * locks: there a no-op UPDATE takes the file's write lock, then the rows are read.
 */
export async function lockAndFindCustomers(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
): Promise<Map<string, Customer>> {
  const found = new Map<string, Customer>();
  if (customerIds.length === 0) return found;
  const ids = [...new Set(customerIds)].sort();
  const postgres = !(db.getExecutor().adapter instanceof SqliteAdapter);
  if (!postgres) {
    await db
      .updateTable('customers')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('store_id', '=', storeId)
      .where('id', 'in', ids)
      .execute();
  }
  let query = db
    .selectFrom('customers')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .orderBy('id');
  if (postgres) query = query.forNoKeyUpdate();
  for (const row of await query.execute()) found.set(row.id, customerFromRow(row));
  return found;
}

/** The external ids of the store's customers among `customerIds`, by customer id (unknown ids are left out). */
export async function externalIdsOf(
  db: Kysely<Database>,
  storeId: string,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const external = new Map<string, string>();
  if (customerIds.length === 0) return external;
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'external_id'])
    .where('store_id', '=', storeId)
    .where('id', 'in', customerIds)
    .execute();
  for (const row of rows) external.set(row.id, row.external_id);
  return external;
}
