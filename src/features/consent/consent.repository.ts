import type { Kysely } from 'kysely';
import {
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  type ConsentChannel,
  type ConsentInput,
  type ConsentRecord,
  type ConsentStatus,
} from './consent.js';
import { RegularsError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import type { ConsentRecordRow } from './consent-record.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction, isForeignKeyViolation } from '../../platform/database/transaction.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import { compareText } from '../../platform/compare-text.js';

export function consentFromRow(row: ConsentRecordRow): ConsentRecord {
  return {
    id: row.id,
    storeId: row.store_id,
    customerId: row.customer_id,
    // Written only through consentToRow, which admits CONSENT_CHANNELS and CONSENT_STATUSES alone.
    channel: row.channel as ConsentChannel,
    purpose: row.purpose,
    status: row.status as ConsentStatus,
    source: row.source,
    recordedAt: row.recorded_at,
    ip: row.ip,
    doubleOptInAt: row.double_opt_in_at,
  };
}

export function consentToRow(storeId: string, customerId: string, id: string, input: ConsentInput): ConsentRecordRow {
  checkConsent(input);
  return {
    store_id: storeId,
    id,
    customer_id: customerId,
    channel: input.channel,
    purpose: input.purpose,
    status: input.status,
    source: input.source,
    ip: input.ip,
    double_opt_in_at: input.doubleOptInAt === null ? null : utcInstant(input.doubleOptInAt, 'doubleOptInAt'),
    recorded_at: utcInstant(input.recordedAt, 'recordedAt'),
  };
}

function checkConsent(input: ConsentInput): void {
  if (!(CONSENT_CHANNELS as readonly string[]).includes(input.channel)) {
    throw invalidField('channel', `channel must be one of ${CONSENT_CHANNELS.join(', ')}, not ${input.channel}`);
  }
  if (!(CONSENT_STATUSES as readonly string[]).includes(input.status)) {
    throw invalidField('status', `status must be one of ${CONSENT_STATUSES.join(', ')}, not ${input.status}`);
  }
  if (typeof input.purpose !== 'string' || input.purpose.trim() === '') throw invalidField('purpose', "consent needs a purpose, such as 'marketing'");
  if (typeof input.source !== 'string' || input.source.trim() === '') throw invalidField('source', "consent needs its source, such as 'checkout'");
}

function customerNotFound(storeId: string, customerId: string): RegularsError {
  return new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, { storeId, customerId });
}

/**
 * Appends a consent record, and never changes or deletes one: the history is the proof.
 *
 * Nothing is appended when the record in effect at input.recordedAt for the same channel and
 * purpose (the latest one recorded at or before it) already has this status; that record is
 * returned instead. So a webhook redelivered, even after later changes, adds nothing, and an
 * unchanged status repeated by every order is not piled up. In the usual case (records arriving in
 * time order) this is "unless the latest record already says so".
 *
 * Concurrent calls for one customer are serialised by a no-op UPDATE of the customer's row, made
 * first: on PostgreSQL it locks the row until the transaction ends; on SQLite a transaction that
 * starts with a write takes the file's write lock at once. Without it two identical deliveries
 * could both read "not recorded yet" and both append. The same statement finds an unknown customer
 * (or another store's), reported as CUSTOMER_NOT_FOUND. Joins the caller's transaction when db is one.
 */
export async function recordConsent(db: Kysely<Database>, storeId: string, customerId: string, input: ConsentInput): Promise<ConsentRecord> {
  const row = consentToRow(storeId, customerId, newId('con'), input);
  return inTransaction(db, async (trx) => {
    const locked = await trx
      .updateTable('customers')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('store_id', '=', storeId)
      .where('id', '=', customerId)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0) throw customerNotFound(storeId, customerId);

    const inEffect = await trx
      .selectFrom('consent_records')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('customer_id', '=', customerId)
      .where('channel', '=', row.channel)
      .where('purpose', '=', row.purpose)
      .where('recorded_at', '<=', row.recorded_at)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (inEffect && inEffect.status === row.status) return consentFromRow(inEffect);

    try {
      await trx.insertInto('consent_records').values(row).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw customerNotFound(storeId, customerId);
      throw error;
    }
    return consentFromRow(row);
  });
}

/**
 * The customer's consent history, oldest first (by recorded_at, then by the order of recording).
 * Empty for an unknown customer or another store's: callers that must tell "no such customer"
 * apart look the customer up (findCustomer).
 */
export async function listConsent(db: Kysely<Database>, storeId: string, customerId: string): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('consent_records')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map(consentFromRow);
}

/** The customer's consent records, oldest first (the hot path of the customer 360: prepared once). */
const CONSENT_HISTORY = new PreparedQuery<ConsentRecordRow, { storeId: string; customerId: string }>((db, param) =>
  db
    .selectFrom('consent_records')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId'))
    .orderBy('recorded_at')
    .orderBy('id'),
);
const CONSENT_HISTORY_AS_OF = new PreparedQuery<ConsentRecordRow, { storeId: string; customerId: string; asOf: string }>((db, param) =>
  db
    .selectFrom('consent_records')
    .selectAll()
    .where('store_id', '=', param('storeId'))
    .where('customer_id', '=', param('customerId'))
    .where('recorded_at', '<=', param('asOf'))
    .orderBy('recorded_at')
    .orderBy('id'),
);

/**
 * The consent in effect per channel and purpose: the latest record of each, ordered by channel
 * then purpose. With options.asOf (ISO 8601 with offset), records after that instant are ignored.
 * A customer has a handful of records, so the latest of each pair is picked here, not in SQL.
 */
export async function currentConsent(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  options: { readonly asOf?: string } = {},
): Promise<ConsentRecord[]> {
  const asOf = options.asOf === undefined ? undefined : utcInstant(options.asOf, 'asOf');
  const rows = await (asOf === undefined ? CONSENT_HISTORY.execute(db, { storeId, customerId }) : CONSENT_HISTORY_AS_OF.execute(db, { storeId, customerId, asOf }));
  return consentInEffect(rows);
}

/** The latest record of each channel and purpose among a customer's records (oldest first), ordered by channel then purpose. */
export function consentInEffect(rows: readonly ConsentRecordRow[]): ConsentRecord[] {
  const latest = new Map<string, ConsentRecordRow>();
  // Rows arrive oldest first, so the last one written for a pair is its latest.
  for (const row of rows) latest.set(`${row.channel}\u0000${row.purpose}`, row);
  return [...latest.values()]
    .sort((a, b) => (a.channel === b.channel ? compareText(a.purpose, b.purpose) : compareText(a.channel, b.channel)))
    .map(consentFromRow);
}

