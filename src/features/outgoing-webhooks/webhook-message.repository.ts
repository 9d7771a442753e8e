import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type {
  WebhookAttemptRow,
  WebhookAttemptTable,
  WebhookMessageRow,
  WebhookMessageTable,
} from './webhook-endpoint.table.js';

export async function insertWebhookMessages(db: Kysely<Database>, rows: readonly WebhookMessageTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('webhook_messages')
      .values([...rows])
      .execute();
}

/**
 * Leases up to `limit` due messages of a store to `owner` until `leaseUntil`. Each row is taken by
 * a compare-and-set on its lease, so two job processes that read the same candidates never both
 * get one: the loser's UPDATE finds the lease live and changes nothing. A process that dies
 * holding a lease leaves its messages to the next claim after the lease ends.
 */
export async function claimDueWebhookMessages(
  db: Kysely<Database>,
  input: { storeId: string; owner: string; now: string; leaseUntil: string; limit: number },
): Promise<WebhookMessageRow[]> {
  const { storeId, owner, now, leaseUntil, limit } = input;
  const candidates = await db
    .selectFrom('webhook_messages')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: WebhookMessageRow[] = [];
  for (const { id } of candidates) {
    const row = await db
      .updateTable('webhook_messages')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) claimed.push(row);
  }
  return claimed;
}

export async function insertWebhookAttempt(db: Kysely<Database>, row: WebhookAttemptTable): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

/** When the message was first attempted (`fallback` when its log was removed). */
export async function firstAttemptAt(
  db: Kysely<Database>,
  storeId: string,
  messageId: string,
  fallback: string,
): Promise<string> {
  const row = await db
    .selectFrom('webhook_attempts')
    .select('attempted_at')
    .where('store_id', '=', storeId)
    .where('message_id', '=', messageId)
    .where('attempt', '=', 1)
    .executeTakeFirst();
  return row?.attempted_at ?? fallback;
}

/** The message's state after an attempt; only while `owner` still holds it (a lease lost to another process is left alone). */
export async function finishWebhookAttempt(
  db: Kysely<Database>,
  input: {
    storeId: string;
    id: string;
    owner: string;
    attempts: number;
    status: 'pending' | 'delivered' | 'failed';
    nextAttemptAt?: string;
    error: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .updateTable('webhook_messages')
    .set({
      status: input.status,
      attempts: input.attempts,
      last_error: input.error,
      lease_owner: null,
      lease_until: null,
      ...(input.nextAttemptAt === undefined ? {} : { next_attempt_at: input.nextAttemptAt }),
      ...(input.status === 'pending' ? {} : { finished_at: input.now }),
    })
    .where('store_id', '=', input.storeId)
    .where('id', '=', input.id)
    .where('lease_owner', '=', input.owner)
    .execute();
}

/** An endpoint was disabled: what it still had queued will not be sent. */
export async function failPendingWebhookMessages(
  db: Kysely<Database>,
  storeId: string,
  endpointId: string,
  reason: string,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('webhook_messages')
    .set({ status: 'failed', last_error: reason, finished_at: now, lease_owner: null, lease_until: null })
    .where('store_id', '=', storeId)
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** An endpoint's newest messages, newest first (the delivery log's first level). */
export async function listWebhookMessages(
  db: Kysely<Database>,
  storeId: string,
  endpointId: string,
  limit: number,
): Promise<WebhookMessageRow[]> {
  return db
    .selectFrom('webhook_messages')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** An endpoint's newest attempts, newest first. */
export async function listWebhookAttempts(
  db: Kysely<Database>,
  storeId: string,
  endpointId: string,
  limit: number,
): Promise<WebhookAttemptRow[]> {
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('endpoint_id', '=', endpointId)
    .orderBy('attempted_at', 'desc')
    .orderBy('message_id', 'desc')
    .orderBy('attempt', 'desc')
    .limit(limit)
    .execute();
}
