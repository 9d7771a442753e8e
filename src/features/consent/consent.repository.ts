import type { Kysely } from 'kysely';
import {
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  type ConsentChannel,
  type ConsentInput,
  type ConsentRecord,
  type ConsentStatus,
} from './consent.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import type { ConsentRecordRow } from './consent-record.table.js';
import type { Database } from '../../platform/database/database.table.js';
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
  if (typeof input.purpose !== 'string' || input.purpose.trim() === '')
    throw invalidField('purpose', "consent needs a purpose, such as 'marketing'");
  if (typeof input.source !== 'string' || input.source.trim() === '')
    throw invalidField('source', "consent needs its source, such as 'checkout'");
}

/**
 * The record in effect at `recordedAt` (a UTC instant) for the customer's channel and purpose: the
 * latest one recorded at or before it (by recorded_at, then by the order of recording), or null.
 */
export async function findConsentInEffect(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  at: { readonly channel: string; readonly purpose: string; readonly recordedAt: string },
): Promise<ConsentRecord | null> {
  const row = await db
    .selectFrom('consent_records')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .where('channel', '=', at.channel)
    .where('purpose', '=', at.purpose)
    .where('recorded_at', '<=', at.recordedAt)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? consentFromRow(row) : null;
}

/** Appends a consent record; records are never changed or deleted, as the history is the proof. */
export async function insertConsentRecord(db: Kysely<Database>, row: ConsentRecordRow): Promise<void> {
  await db.insertInto('consent_records').values(row).execute();
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
const CONSENT_HISTORY_AS_OF = new PreparedQuery<
  ConsentRecordRow,
  { storeId: string; customerId: string; asOf: string }
>((db, param) =>
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
  const rows = await (asOf === undefined
    ? CONSENT_HISTORY.execute(db, { storeId, customerId })
    : CONSENT_HISTORY_AS_OF.execute(db, { storeId, customerId, asOf }));
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
