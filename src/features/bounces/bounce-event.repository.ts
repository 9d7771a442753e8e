import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { BounceEventRow, NewBounceEventRow } from './bounce-event.table.js';

/**
 * Records an event unless its key is stored already: true when this call recorded it. ON CONFLICT
 * DO NOTHING lets the database arbitrate two copies of one webhook arriving together.
 */
export async function claimBounceEvent(db: Kysely<Database>, row: NewBounceEventRow): Promise<boolean> {
  const inserted = await db
    .insertInto('bounce_events')
    .values(row)
    .onConflict((oc) => oc.columns(['store_id', 'event_key']).doNothing())
    .returning('event_key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * The outbox message sent with this Message-ID (stored as the mailer returned it, in angle
 * brackets). The outbox belongs to delivery; this reads and marks only the columns a bounce is
 * about, so the report stays next to the message the owner looks up in the outbox log.
 */
export async function findOutboxMessageByMessageId(
  db: Kysely<Database>,
  storeId: string,
  messageId: string,
): Promise<{ readonly id: string; readonly customerId: string } | null> {
  const row = await db
    .selectFrom('outbox_messages')
    .select(['id', 'customer_id'])
    .where('store_id', '=', storeId)
    .where('provider_message_id', 'in', [messageId, messageId.replace(/^<|>$/g, '')])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, customerId: row.customer_id };
}

/**
 * Writes the bounce into the sent message's reason, when it has none: the status stays 'sent' (it
 * was sent, and the frequency cap and reports count it so), and the outbox log shows why it never
 * arrived.
 */
export async function markOutboxMessageBounced(
  db: Kysely<Database>,
  storeId: string,
  outboxMessageId: string,
  reason: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ reason, updated_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', outboxMessageId)
    .where('status', '=', 'sent')
    .where('reason', 'is', null)
    .execute();
}

/** The store's bounce events, newest first: what the CLI and the API list. */
export async function listBounceEvents(
  db: Kysely<Database>,
  storeId: string,
  options: { readonly limit: number; readonly address?: string },
): Promise<BounceEventRow[]> {
  let query = db.selectFrom('bounce_events').selectAll().where('store_id', '=', storeId);
  if (options.address !== undefined) query = query.where('address', '=', options.address);
  return query.orderBy('received_at', 'desc').orderBy('event_key').limit(options.limit).execute();
}
