/** The outbox log the console's Messages page reads: a page of messages, and one message. */
import type { Kysely } from 'kysely';
import { customerByReference } from '../customers/index.js';
import { RegularsError } from '../../platform/errors.js';
import type { Database } from '../../platform/database/database.table.js';
import { logStatusOf, type OutboxLogFilter, type OutboxLogStatus } from './outbox-log.js';
import { findOutboxLogEntry, listOutboxLog, type OutboxLogRow } from './outbox-log.query.js';

export interface OutboxLogEntry {
  readonly id: string;
  /** The store's own id of the customer. */
  readonly customerId: string | null;
  readonly flow: string;
  readonly channel: string;
  readonly purpose: string;
  readonly template: string;
  readonly status: OutboxLogStatus;
  /** The outbox's own status (planned, postponed, skipped, ...). */
  readonly outboxStatus: string;
  readonly reason: string | null;
  readonly plannedSendAt: string;
  readonly sendAt: string;
  readonly sentAt: string | null;
  readonly attempts: number;
  readonly providerMessageId: string | null;
  readonly createdAt: string;
}

export interface OutboxLogDetail extends OutboxLogEntry {
  readonly triggerKey: string;
  readonly consentChannel: string;
  readonly priority: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly lastAttemptAt: string | null;
  readonly stopOnOrderAfter: string | null;
  readonly updatedAt: string;
}

function entry({ message: m, customerExternalId }: OutboxLogRow): OutboxLogEntry {
  return {
    id: m.id,
    customerId: customerExternalId,
    flow: m.flow,
    channel: m.channel,
    purpose: m.purpose,
    template: m.template,
    status: logStatusOf(m.status, m.reason),
    outboxStatus: m.status,
    reason: m.reason,
    plannedSendAt: m.plannedSendAt,
    sendAt: m.sendAt,
    sentAt: m.sentAt,
    attempts: m.attempts,
    providerMessageId: m.providerMessageId,
    createdAt: m.createdAt,
  };
}

/**
 * A page of the store's messages, newest first. `customer` is the store's id of the customer or
 * Regulars' `cus_...` (CUSTOMER_NOT_FOUND when the store has neither, rather than an empty page
 * that would look like "never messaged").
 */
export async function outboxLog(
  db: Kysely<Database>,
  storeId: string,
  filter: Omit<OutboxLogFilter, 'customerId'> & { readonly customer?: string },
): Promise<{ messages: OutboxLogEntry[]; nextCursor: string | null }> {
  const { customer, ...rest } = filter;
  const customerId = customer === undefined ? undefined : (await customerByReference(db, storeId, customer)).id;
  // One more than the page tells whether another page follows.
  const rows = await listOutboxLog(db, storeId, { ...rest, customerId, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit).map(entry);
  return { messages: page, nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null };
}

/** One of the store's messages with the template's data; another store's id is NOT_FOUND. */
export async function outboxLogMessage(db: Kysely<Database>, storeId: string, id: string): Promise<OutboxLogDetail> {
  const row = await findOutboxLogEntry(db, storeId, id);
  if (row === null) throw new RegularsError('NOT_FOUND', `no message ${id} in this store's outbox`, { id });
  const m = row.message;
  return {
    ...entry(row),
    triggerKey: m.triggerKey,
    consentChannel: m.consentChannel,
    priority: m.priority,
    data: m.data,
    lastAttemptAt: m.lastAttemptAt,
    stopOnOrderAfter: m.stopOnOrderAfter,
    updatedAt: m.updatedAt,
  };
}
