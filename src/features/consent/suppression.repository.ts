import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import {
  MAX_SUPPRESSION_PAGE,
  normalizeAddress,
  SUPPRESSION_CHANNELS,
  SUPPRESSION_REASONS,
  type Suppression,
  type SuppressionChannel,
  type SuppressionInput,
  type SuppressionReason,
} from './suppression.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import type { SuppressionRow } from './suppression.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';

export function suppressionFromRow(row: SuppressionRow): Suppression {
  return {
    storeId: row.store_id,
    // Written only through suppressionToRow, which admits the listed channels and reasons alone.
    channel: row.channel as SuppressionChannel,
    address: row.address,
    reason: row.reason as SuppressionReason,
    customerId: row.customer_id,
    source: row.source,
    detail: row.detail,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
  };
}

export function suppressionToRow(storeId: string, input: SuppressionInput, now: string): SuppressionRow {
  if (!(SUPPRESSION_CHANNELS as readonly string[]).includes(input.channel)) {
    throw invalidField('channel', `channel must be one of ${SUPPRESSION_CHANNELS.join(', ')}, not ${input.channel}`);
  }
  if (!(SUPPRESSION_REASONS as readonly string[]).includes(input.reason)) {
    throw invalidField('reason', `reason must be one of ${SUPPRESSION_REASONS.join(', ')}, not ${input.reason}`);
  }
  const address = normalizeAddress(input.channel, input.address);
  if (address === '' || address.length > 320) throw invalidField('address', 'the address must be 1 to 320 characters');
  if (input.channel === 'email' && !/^[^@\s]+@[^@\s]+$/.test(address))
    throw invalidField('address', `${input.address} is not an email address`);
  if (typeof input.source !== 'string' || input.source.trim() === '')
    throw invalidField('source', "a suppression needs its source, such as 'api'");
  return {
    store_id: storeId,
    channel: input.channel,
    address,
    reason: input.reason,
    customer_id: input.customerId,
    source: input.source,
    detail: input.detail,
    occurred_at: utcInstant(input.occurredAt, 'occurredAt'),
    created_at: now,
  };
}

/**
 * Records a suppression once: the same store, channel, address and reason reported again (an ESP
 * webhook redelivered, a second click on an unsubscribe link) keeps the first record and answers
 * `created: false`. ON CONFLICT DO NOTHING makes concurrent reports safe on both dialects. Runs on
 * `db` as given, so an unsubscribe records it in the same transaction as the consent change.
 */
export async function recordSuppression(
  db: Kysely<Database>,
  storeId: string,
  input: SuppressionInput,
  now: string,
): Promise<{ readonly suppression: Suppression; readonly created: boolean }> {
  const row = suppressionToRow(storeId, input, now);
  let inserted;
  try {
    inserted = await db
      .insertInto('suppressions')
      .values(row)
      .onConflict((oc) => oc.columns(['store_id', 'channel', 'address', 'reason']).doNothing())
      .executeTakeFirst();
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0)
    return { suppression: suppressionFromRow(row), created: true };
  const existing = await db
    .selectFrom('suppressions')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('channel', '=', row.channel)
    .where('address', '=', row.address)
    .where('reason', '=', row.reason)
    .executeTakeFirstOrThrow();
  return { suppression: suppressionFromRow(existing), created: false };
}

/** Deletes the suppression of an address (normalised as stored) for one reason, if there is one. */
export async function deleteSuppression(
  db: Kysely<Database>,
  storeId: string,
  key: { readonly channel: string; readonly address: string; readonly reason: SuppressionReason },
): Promise<void> {
  await db
    .deleteFrom('suppressions')
    .where('store_id', '=', storeId)
    .where('channel', '=', key.channel)
    .where('address', '=', key.address)
    .where('reason', '=', key.reason)
    .execute();
}

/** Whether anything suppresses the address on the channel: the send pipeline's check before every send. */
export async function isSuppressed(
  db: Kysely<Database>,
  storeId: string,
  channel: string,
  address: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('suppressions')
    .select('reason')
    .where('store_id', '=', storeId)
    .where('channel', '=', channel)
    .where('address', '=', normalizeAddress(channel, address))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface SuppressionQuery {
  readonly channel?: string;
  readonly address?: string;
  readonly limit: number;
  /** nextCursor of the previous page. */
  readonly cursor?: string;
}

export interface SuppressionPage {
  readonly suppressions: readonly Suppression[];
  readonly nextCursor: string | null;
}

function encodeSuppressionCursor(row: SuppressionRow): string {
  return Buffer.from(JSON.stringify([row.channel, row.address, row.reason]), 'utf8').toString('base64url');
}

function decodeSuppressionCursor(cursor: string): [string, string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string'))
      return value as [string, string, string];
  } catch {
    // Reported below.
  }
  throw new RegularsError('VALIDATION_FAILED', 'the cursor is not one this list returned; start again without it', {
    path: '/cursor',
  });
}

/**
 * The store's suppressions in (channel, address, reason) order, optionally for one channel or one
 * address (normalised as stored), a page at a time: keyset pagination on the primary key.
 */
export async function listSuppressions(
  db: Kysely<Database>,
  storeId: string,
  options: SuppressionQuery,
): Promise<SuppressionPage> {
  if (!Number.isSafeInteger(options.limit) || options.limit < 1 || options.limit > MAX_SUPPRESSION_PAGE) {
    throw new RegularsError(
      'VALIDATION_FAILED',
      `limit must be a whole number from 1 to ${MAX_SUPPRESSION_PAGE}, not ${options.limit}`,
      { path: '/limit' },
    );
  }
  let query = db.selectFrom('suppressions').selectAll().where('store_id', '=', storeId);
  if (options.channel !== undefined) query = query.where('channel', '=', options.channel);
  if (options.address !== undefined)
    query = query.where('address', '=', normalizeAddress(options.channel ?? 'email', options.address));
  if (options.cursor !== undefined) {
    const [channel, address, reason] = decodeSuppressionCursor(options.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('channel', '>', channel),
        eb.and([eb('channel', '=', channel), eb('address', '>', address)]),
        eb.and([eb('channel', '=', channel), eb('address', '=', address), eb('reason', '>', reason)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('channel')
    .orderBy('address')
    .orderBy('reason')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  return {
    suppressions: page.map(suppressionFromRow),
    nextCursor: rows.length > options.limit ? encodeSuppressionCursor(page[page.length - 1]!) : null,
  };
}
