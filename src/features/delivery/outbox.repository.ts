import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  PostgresAdapter,
  type QueryCreator,
  type SqlBool,
  sql,
} from 'kysely';
import type { ConsentChannel } from '../consent/index.js';
import type { OutboxMessage, OutboxStatus } from './outbox-message.js';
import {
  DEFAULT_PRIORITY,
  type DeliveryChannel,
  type MessagePurpose,
  type PlannedMessage,
  consentChannelOf,
  idempotencyKey,
} from './planned-message.js';
import { RegularsError } from '../../platform/errors.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import type { OutboxMessageRow } from './outbox-message.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { PreparedQuery } from '../../platform/database/prepared-query.js';
import { acrossStores } from '../../platform/database/citus.js';
import { emitWebhookEvents, messageSentEvents } from '../outgoing-webhooks/index.js';

export function outboxMessageFromRow(row: OutboxMessageRow): OutboxMessage {
  return {
    id: row.id,
    storeId: row.store_id,
    customerId: row.customer_id,
    flow: row.flow,
    triggerKey: row.trigger_key,
    idempotencyKey: row.idempotency_key,
    // Written only through planMessages, which admits the closed sets alone.
    channel: row.channel as DeliveryChannel,
    consentChannel: row.consent_channel as ConsentChannel,
    purpose: row.purpose as MessagePurpose,
    priority: Number(row.priority),
    template: row.template,
    data: JSON.parse(row.data) as Record<string, unknown>,
    plannedSendAt: row.planned_send_at,
    sendAt: row.send_at,
    status: row.status as OutboxStatus,
    reason: row.reason,
    attempts: Number(row.attempts),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastAttemptAt: row.last_attempt_at,
    sentAt: row.sent_at,
    providerMessageId: row.provider_message_id,
    stopOnOrderAfter: row.stop_on_order_after,
    topic: row.topic,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Rows per INSERT: 26 columns x 500 stays far below SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 500;

/**
 * A planned message as its outbox row, entering with `first` (initialStatus): sendAt and
 * stopOnOrderAfter are stored as UTC instants, `at` (a UTC instant) is its creation time.
 */
export function outboxMessageToRow(
  storeId: string,
  id: string,
  message: PlannedMessage,
  first: { readonly status: OutboxStatus; readonly reason: string | null },
  at: string,
): OutboxMessageRow {
  const sendAt = utcInstant(message.sendAt, 'sendAt');
  return {
    store_id: storeId,
    id,
    customer_id: message.customerId,
    flow: message.flow,
    trigger_key: message.triggerKey,
    idempotency_key: idempotencyKey(message.flow, message.customerId, message.triggerKey),
    channel: message.channel,
    consent_channel: consentChannelOf(message),
    purpose: message.purpose,
    priority: message.priority ?? DEFAULT_PRIORITY,
    template: message.template,
    data: JSON.stringify(message.data),
    planned_send_at: sendAt,
    send_at: sendAt,
    status: first.status,
    reason: first.reason,
    attempts: 0,
    lease_owner: null,
    lease_until: null,
    last_attempt_at: null,
    sent_at: null,
    provider_message_id: null,
    stop_on_order_after:
      message.stopOnOrderAfter === undefined ? null : utcInstant(message.stopOnOrderAfter, 'stopOnOrderAfter'),
    topic: message.topic ?? null,
    created_at: at,
    updated_at: at,
  };
}

/**
 * Inserts outbox rows, a chunk per statement; a row whose idempotency key (flow, customer,
 * trigger) is already there inserts nothing (ON CONFLICT DO NOTHING). Returns the statuses of the
 * rows inserted. Several statements: run it in a transaction, so all of them land or none.
 */
export async function insertOutboxMessages(
  db: Kysely<Database>,
  storeId: string,
  rows: readonly OutboxMessageRow[],
): Promise<OutboxStatus[]> {
  const statuses: OutboxStatus[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    let inserted: { status: string }[];
    try {
      inserted = await db
        .insertInto('outbox_messages')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflict((oc) => oc.columns(['store_id', 'idempotency_key']).doNothing())
        .returning('status')
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new RegularsError(
          'CUSTOMER_NOT_FOUND',
          `a planned message names a customer store ${storeId} does not have`,
          { storeId },
        );
      throw error;
    }
    for (const row of inserted) statuses.push(row.status as OutboxStatus);
  }
  return statuses;
}

/**
 * Due for a worker at `now`: planned or postponed with send_at reached and no live lease; or
 * 'sending' with its lease expired (its worker died after handing it to the channel and before the
 * acknowledgement: it is sent again, with the same Message-ID: docs/delivery.md).
 */
function isDue(now: string) {
  return (eb: ExpressionBuilder<Database, 'outbox_messages'>): Expression<SqlBool> =>
    eb.or([
      eb.and([
        eb('status', 'in', ['planned', 'postponed']),
        eb('send_at', '<=', now),
        eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]),
      ]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
    ]);
}

export interface ClaimInput {
  readonly storeId: string;
  readonly workerId: string;
  readonly now: string;
  /** The lease's end: until then no other worker takes the messages. */
  readonly leaseUntil: string;
  readonly limit: number;
}

/**
 * Leases up to `limit` due messages of a store to one worker: first those whose worker died while
 * sending them (their lease ended), then the planned and postponed ones, oldest send_at first and,
 * at one send_at, highest priority first. On PostgreSQL the candidates are selected FOR UPDATE SKIP
 * LOCKED: rows another worker's claim is locking are skipped rather than waited for, and a row
 * whose claim committed no longer looks due (its lease is live), so concurrent workers get disjoint
 * batches. On SQLite the UPDATE is a write, and SQLite has one writer at a time: claims are
 * serialised by the file lock. The planned ones are read in the order of the outbox_messages_queue
 * index, so a claim reads about its batch, however many messages are due.
 */
export async function claimDueMessages(db: Kysely<Database>, input: ClaimInput): Promise<OutboxMessage[]> {
  const resent = await claimWhere(db, input, input.limit, (eb) =>
    eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', input.now)]),
  );
  const due =
    resent.length >= input.limit
      ? []
      : await claimWhere(db, input, input.limit - resent.length, (eb) =>
          eb.and([
            // Written out, not a parameter: the planner uses a partial index only for a condition it can see.
            sql<SqlBool>`status in ('planned', 'postponed')`,
            eb('send_at', '<=', input.now),
            eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', input.now)]),
          ]),
        );
  return [...resent, ...due].map(outboxMessageFromRow).sort(claimOrder);
}

type OutboxCondition = (eb: ExpressionBuilder<Database, 'outbox_messages'>) => Expression<SqlBool>;

/** Leases up to `limit` of the store's messages that meet `condition`, in claim order (claimDueMessages). */
async function claimWhere(
  db: Kysely<Database>,
  input: ClaimInput,
  limit: number,
  condition: OutboxCondition,
): Promise<OutboxMessageRow[]> {
  const { storeId, workerId, now, leaseUntil } = input;
  const candidates = (qc: QueryCreator<Database>) =>
    qc
      .selectFrom('outbox_messages')
      .where('store_id', '=', storeId)
      .where(condition)
      .orderBy('send_at')
      .orderBy('priority', 'desc')
      .orderBy('id')
      .limit(limit);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // A CTE, so the locking SELECT with its LIMIT runs exactly once.
    return (
      db
        .with('due', (qc) => candidates(qc).select(['store_id', 'id']).forUpdate().skipLocked())
        .updateTable('outbox_messages')
        .from('due')
        .set({ lease_owner: workerId, lease_until: leaseUntil, updated_at: now })
        // Named again, not only through the join: on Citus the UPDATE then goes to the store's shard
        // alone (docs/scaling.md), instead of to every shard with the candidates sent along.
        .where('outbox_messages.store_id', '=', storeId)
        .whereRef('outbox_messages.store_id', '=', 'due.store_id')
        .whereRef('outbox_messages.id', '=', 'due.id')
        .returningAll('outbox_messages')
        .execute()
    );
  }
  return db
    .updateTable('outbox_messages')
    .set({ lease_owner: workerId, lease_until: leaseUntil, updated_at: now })
    .where('store_id', '=', storeId)
    .where('id', 'in', candidates(db).select('id'))
    .returningAll()
    .execute();
}

/** Oldest send_at first; of messages due at one instant, the highest priority first (then by id, for a stable order). */
function claimOrder(a: OutboxMessage, b: OutboxMessage): number {
  if (a.sendAt !== b.sendAt) return a.sendAt < b.sendAt ? -1 : 1;
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The statuses a leased message can be sent from: due, or 'sending' again after its worker died. */
const SENDABLE = ['planned', 'postponed', 'sending'] as const;

/**
 * Of the store's messages among `ids`, those this worker still holds the lease of and that are still
 * to be sent, by id: what a batch's send-time checks decide about (another worker may have taken
 * over a message whose lease ran out, or a person cancelled it).
 */
export async function leasedMessages(
  db: Kysely<Database>,
  storeId: string,
  ids: readonly string[],
  workerId: string,
): Promise<Map<string, OutboxMessage>> {
  const held = new Map<string, OutboxMessage>();
  if (ids.length === 0) return held;
  const rows = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .where('lease_owner', '=', workerId)
    .where('status', 'in', SENDABLE)
    .execute();
  for (const row of rows) held.set(row.id, outboxMessageFromRow(row));
  return held;
}

/** One of a customer's marketing messages as the frequency cap weighs it (marketingCapRows). */
export interface CapRow {
  readonly id: string;
  readonly customerId: string;
  readonly consentChannel: ConsentChannel;
  /** 'sent': handed to the channel since `since` (sent, or being sent: in flight counts); 'due': planned or postponed, due at `now`. */
  readonly kind: 'sent' | 'due';
  readonly priority: number;
  readonly sendAt: string;
  readonly lastAttemptAt: string | null;
}

/**
 * What the frequency cap weighs for the marketing messages of these customers, every consent
 * channel, in one statement: when their marketing messages were handed to a channel since
 * `since`, and which marketing messages are due at `now` (the rivals for the cap's slots). The
 * messages being decided are among the due rows; the caller leaves each out of its own rivals.
 */
export async function marketingCapRows(
  db: Kysely<Database>,
  input: {
    readonly storeId: string;
    readonly customerIds: readonly string[];
    readonly since: string;
    readonly now: string;
  },
): Promise<CapRow[]> {
  if (input.customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['id', 'customer_id', 'consent_channel', 'status', 'priority', 'send_at', 'last_attempt_at'])
    .where('store_id', '=', input.storeId)
    .where('customer_id', 'in', input.customerIds)
    .where('purpose', '=', 'marketing')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['sent', 'sending']), eb('last_attempt_at', '>=', input.since)]),
        eb.and([eb('status', 'in', ['planned', 'postponed']), eb('send_at', '<=', input.now)]),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    consentChannel: r.consent_channel as ConsentChannel,
    kind: r.status === 'sent' || r.status === 'sending' ? ('sent' as const) : ('due' as const),
    priority: Number(r.priority),
    sendAt: r.send_at,
    lastAttemptAt: r.last_attempt_at,
  }));
}

/**
 * When the customer's latest marketing message on the channel (other than `exceptId`) was handed
 * to the channel, or null: the preference "at most one a week / a month" is measured from it.
 */
export async function lastMarketingSendAt(
  db: Kysely<Database>,
  input: {
    readonly storeId: string;
    readonly customerId: string;
    readonly consentChannel: string;
    readonly exceptId: string;
  },
): Promise<string | null> {
  const row = await db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.max('last_attempt_at').as('last'))
    .where('store_id', '=', input.storeId)
    .where('customer_id', '=', input.customerId)
    .where('consent_channel', '=', input.consentChannel)
    .where('purpose', '=', 'marketing')
    .where('status', 'in', ['sent', 'sending'])
    .where('id', '!=', input.exceptId)
    .executeTakeFirst();
  return row?.last ?? null;
}

/**
 * Gives back a claimed message this worker has not started sending (it is stopping): another worker
 * may take it at once instead of after the lease. A message already 'sending' keeps its lease.
 */
export async function releaseClaim(db: Kysely<Database>, storeId: string, id: string, workerId: string): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ lease_owner: null, lease_until: null })
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .where('lease_owner', '=', workerId)
    .where('status', '!=', 'sending')
    .execute();
}

/**
 * Records an attempt of each of the store's messages among `ids` before they are handed to the
 * channel, in one statement: status sending, attempts + 1, the lease extended to `leaseUntil`.
 * Only messages this worker still leases change.
 */
export async function markSendingMany(
  db: Kysely<Database>,
  input: {
    readonly storeId: string;
    readonly ids: readonly string[];
    readonly workerId: string;
    readonly now: string;
    readonly leaseUntil: string;
  },
): Promise<void> {
  if (input.ids.length === 0) return;
  await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      last_attempt_at: input.now,
      lease_until: input.leaseUntil,
      updated_at: input.now,
    }))
    .where('store_id', '=', input.storeId)
    .where('id', 'in', input.ids)
    .where('lease_owner', '=', input.workerId)
    .execute();
}

const MARK_SENT = new PreparedQuery<
  { id: string; customer_id: string; flow: string; channel: string; template: string },
  { storeId: string; id: string; providerMessageId: string | null; now: string }
>((db, param) =>
  db
    .updateTable('outbox_messages')
    .set({
      status: 'sent',
      sent_at: param('now'),
      provider_message_id: param('providerMessageId'),
      reason: null,
      lease_owner: null,
      lease_until: null,
      updated_at: param('now'),
    })
    .where('store_id', '=', param('storeId'))
    .where('id', '=', param('id'))
    .where('status', '=', 'sending')
    .returning(['id', 'customer_id', 'flow', 'channel', 'template']),
);

/**
 * The channel accepted the message. Conditional on 'sending' only, not on the lease: if this
 * worker's lease ran out and another worker is sending it again, the message was still delivered.
 * Returns whether the row changed.
 */
export async function markSent(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  providerMessageId: string | null,
  now: string,
): Promise<boolean> {
  const changed = await MARK_SENT.execute(db, { storeId, id, providerMessageId, now });
  await emitWebhookEvents(db, storeId, messageSentEvents(changed, now));
  return changed.length > 0;
}

/** Rows per UPDATE … FROM (VALUES …) at most (acknowledgements, held-back messages): 3-4 parameters each, far below either database's limit. */
const ROWS_PER_STATEMENT = 500;

/**
 * markSent for many of a store's messages in one statement per ROWS_PER_STATEMENT (an UPDATE from
 * a VALUES list, on both databases): each with its own provider id and instant, on the same
 * condition ('sending'). Returns the ids of the rows it changed.
 */
export async function markSentMany(
  db: Kysely<Database>,
  storeId: string,
  sent: readonly { readonly id: string; readonly providerMessageId: string | null; readonly at: string }[],
): Promise<Set<string>> {
  const changed = new Set<string>();
  for (let start = 0; start < sent.length; start += ROWS_PER_STATEMENT) {
    const chunk = sent.slice(start, start + ROWS_PER_STATEMENT);
    const values = sql.join(chunk.map((s) => sql`(${s.id}, ${s.providerMessageId}, ${s.at})`));
    const { rows } = await sql<{
      id: string;
      customer_id: string;
      flow: string;
      channel: string;
      template: string;
      sent_at: string;
    }>`
      with acknowledged (message_id, provider_id, at) as (values ${values})
      update outbox_messages
      set status = 'sent', sent_at = acknowledged.at, provider_message_id = acknowledged.provider_id,
        reason = null, lease_owner = null, lease_until = null, updated_at = acknowledged.at
      from acknowledged
      where outbox_messages.store_id = ${storeId} and outbox_messages.id = acknowledged.message_id
        and outbox_messages.status = 'sending'
      returning id, customer_id, flow, channel, template, sent_at`.execute(db);
    for (const r of rows) changed.add(r.id);
    await emitWebhookEvents(db, storeId, messageSentEvents(rows, null));
  }
  return changed;
}

/**
 * Moves a leased message to a later send_at (a check postponed it, or an attempt failed and is
 * retried), releasing the lease. With `undoAttempt`, the attempt markSending recorded is taken
 * back: a message put back because its transport was down (the mail server refused the
 * connection, say) has cost nothing.
 */
export async function markPostponed(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  workerId: string,
  until: string,
  reason: string,
  now: string,
  options: { readonly undoAttempt?: boolean; readonly undoMark?: MarkUndo } = {},
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      status: 'postponed',
      send_at: until,
      reason,
      lease_owner: null,
      lease_until: null,
      updated_at: now,
      ...(options.undoAttempt ? { attempts: eb('attempts', '-', 1) } : {}),
      ...undoneMark(options.undoMark),
    }))
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .where('lease_owner', '=', workerId)
    .execute();
}

/**
 * The attempt count and time a message had before its batch's checks marked it 'sending'
 * (markSendingMany), put back when it goes back to the outbox without being handed to the channel
 * (the worker is stopping, or the channel's transport went down meanwhile): it was not attempted.
 */
export interface MarkUndo {
  readonly attempts: number;
  readonly lastAttemptAt: string | null;
}

function undoneMark(undo: MarkUndo | undefined) {
  return undo === undefined ? {} : { attempts: undo.attempts, last_attempt_at: undo.lastAttemptAt };
}

/** Ends a leased message without sending it: 'skipped' (a check refused it) or 'failed' (out of attempts, or a permanent error). */
export async function markFinished(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  workerId: string,
  status: 'skipped' | 'failed',
  reason: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ status, reason, lease_owner: null, lease_until: null, updated_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .where('lease_owner', '=', workerId)
    .execute();
}

/** A leased message its send-time checks hold back: postponed to `until`, or skipped. */
export type HeldBack =
  | { readonly id: string; readonly status: 'postponed'; readonly until: string; readonly reason: string }
  | { readonly id: string; readonly status: 'skipped'; readonly reason: string };

/**
 * markPostponed and markFinished('skipped') for many of a store's leased messages, in one
 * statement per ROWS_PER_STATEMENT (an UPDATE from a VALUES list, as markSentMany): the lease is
 * released; a postponed message is due again at its `until`.
 */
export async function holdBackMany(
  db: Kysely<Database>,
  input: {
    readonly storeId: string;
    readonly workerId: string;
    readonly now: string;
    readonly messages: readonly HeldBack[];
  },
): Promise<void> {
  for (let start = 0; start < input.messages.length; start += ROWS_PER_STATEMENT) {
    const chunk = input.messages.slice(start, start + ROWS_PER_STATEMENT);
    const values = sql.join(
      chunk.map((m) => sql`(${m.id}, ${m.status}, ${m.status === 'postponed' ? m.until : null}, ${m.reason})`),
    );
    await sql`
      with held (message_id, status, until, reason) as (values ${values})
      update outbox_messages
      set status = held.status, send_at = coalesce(held.until, outbox_messages.send_at), reason = held.reason,
        lease_owner = null, lease_until = null, updated_at = ${input.now}
      from held
      where outbox_messages.store_id = ${input.storeId} and outbox_messages.id = held.message_id
        and outbox_messages.lease_owner = ${input.workerId}`.execute(db);
  }
}

export async function findOutboxMessage(
  db: Kysely<Database>,
  storeId: string,
  id: string,
): Promise<OutboxMessage | null> {
  const row = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? null : outboxMessageFromRow(row);
}

/** A store's messages, oldest first; with `status`, only those. */
export async function listOutboxMessages(
  db: Kysely<Database>,
  storeId: string,
  options: { readonly status?: OutboxStatus; readonly customerId?: string } = {},
): Promise<OutboxMessage[]> {
  let query = db.selectFrom('outbox_messages').selectAll().where('store_id', '=', storeId);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  if (options.customerId !== undefined) query = query.where('customer_id', '=', options.customerId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(outboxMessageFromRow);
}

export interface OutboxCount {
  readonly flow: string;
  readonly status: OutboxStatus;
  readonly count: number;
}

/** How many messages of a store are in each status, per flow (regulars outbox status). */
export async function countOutbox(db: Kysely<Database>, storeId: string): Promise<OutboxCount[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['flow', 'status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('store_id', '=', storeId)
    .groupBy(['flow', 'status'])
    .orderBy('flow')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ flow: r.flow, status: r.status as OutboxStatus, count: Number(r.count) }));
}

/** The statuses of messages not yet delivered: the outbox's backlog. */
export const BACKLOG_STATUSES = ['planned', 'postponed', 'sending'] as const satisfies readonly OutboxStatus[];

/**
 * Every store's backlog by status, for the outbox gauge of GET /metrics. Driven from the stores, so
 * each store is a range of the (store_id, status, send_at) index and the cost follows the backlog,
 * not the years of sent messages beside it. A status with no message is 0, so the series stays.
 */
export async function countBacklog(db: Kysely<Database>): Promise<Record<string, number>> {
  // On Citus a deliberate pass over every shard (docs/scaling.md): one statement per scrape.
  const rows = await acrossStores(db, (trx) =>
    trx
      .selectFrom('stores')
      .innerJoin('outbox_messages', 'outbox_messages.store_id', 'stores.id')
      .select(['outbox_messages.status', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('outbox_messages.status', 'in', BACKLOG_STATUSES)
      .groupBy('outbox_messages.status')
      .execute(),
  );
  const depth: Record<string, number> = Object.fromEntries(BACKLOG_STATUSES.map((status) => [status, 0]));
  for (const row of rows) depth[row.status] = Number(row.count);
  return depth;
}

/** The ids of the stores that have messages due at `now` (a worker without --store drains them all). */
export async function storesWithDueMessages(db: Kysely<Database>, now: string): Promise<string[]> {
  const stores = await db.selectFrom('stores').select('id').orderBy('id').execute();
  const due: string[] = [];
  for (const { id } of stores) {
    const row = await db
      .selectFrom('outbox_messages')
      .select('id')
      .where('store_id', '=', id)
      .where(isDue(now))
      .limit(1)
      .executeTakeFirst();
    if (row !== undefined) due.push(id);
  }
  return due;
}

/** The reason prefix of a message put back because its transport was down (markPostponed). */
export const TRANSPORT_REASON_PREFIX = 'transport_unavailable:';

export interface TransportWait {
  /** Messages waiting because a transport was down when they were last tried. */
  readonly count: number;
  /** When the earliest of them is due again. */
  readonly nextAt: string | null;
  /** The reason recorded most recently, as the server or the socket said it. */
  readonly lastReason: string | null;
}

/** What `regulars outbox status` says about messages held back by a transport outage. */
export async function transportWait(db: Kysely<Database>, storeId: string): Promise<TransportWait> {
  const waiting = () =>
    db
      .selectFrom('outbox_messages')
      .where('store_id', '=', storeId)
      .where('status', '=', 'postponed')
      .where('reason', 'like', `${TRANSPORT_REASON_PREFIX}%`);
  const summary = await waiting()
    .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('send_at').as('next_at')])
    .executeTakeFirstOrThrow();
  const last = await waiting().select('reason').orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
  return {
    count: Number(summary.count),
    nextAt: (summary.next_at as string | null) ?? null,
    lastReason: last?.reason ?? null,
  };
}

/**
 * When a customer's marketing messages on a consent channel were handed to the channel within
 * [since, until): the sends the frequency cap would have weighed at `until`. A backtest reads it
 * for an instant in the past, so later sends must not count (marketingCapRivals reads up to now).
 */
export async function marketingSendsBetween(
  db: Kysely<Database>,
  input: { storeId: string; customerId: string; consentChannel: string; since: string; until: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select('last_attempt_at')
    .where('store_id', '=', input.storeId)
    .where('customer_id', '=', input.customerId)
    .where('consent_channel', '=', input.consentChannel)
    .where('purpose', '=', 'marketing')
    .where('status', 'in', ['sent', 'sending'])
    .where('last_attempt_at', '>=', input.since)
    .where('last_attempt_at', '<', input.until)
    .execute();
  return rows.map((r) => r.last_attempt_at as string);
}
