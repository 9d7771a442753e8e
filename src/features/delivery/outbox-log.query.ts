/**
 * The store's outbox as a log, newest first, narrowed by the log's filters (outbox-log.ts). Every
 * statement names the store (the primary key's first column), so on Citus it runs on the one
 * worker holding the store; the customer join is on (store_id, id), co-located.
 */
import { type ExpressionBuilder, type Kysely, sql, type SqlBool, type Expression } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { outboxMessageFromRow } from './outbox.repository.js';
import type { OutboxMessage, OutboxStatus } from './outbox-message.js';
import { claimedPrefixes, dayAfter, LOG_STATUS_CLAUSES, type OutboxLogFilter } from './outbox-log.js';
import type { OutboxMessageRow } from './outbox-message.table.js';

type Eb = ExpressionBuilder<Database & { o: Database['outbox_messages'] }, 'o'>;

/** `reason` starts with `prefix`: substr, not LIKE, because the prefixes hold `_`, LIKE's wildcard. */
function startsWith(eb: Eb, prefix: string): Expression<SqlBool> {
  return eb(sql`substr(o.reason, 1, ${prefix.length})`, '=', prefix);
}

function clauseSql(eb: Eb, clause: (typeof LOG_STATUS_CLAUSES)[keyof typeof LOG_STATUS_CLAUSES][number]) {
  const status = eb('o.status', '=', clause.status);
  if (clause.prefixes) return eb.and([status, eb.or(clause.prefixes.map((p) => startsWith(eb, p)))]);
  if (clause.otherwise) {
    const claimed = claimedPrefixes(clause.status as OutboxStatus);
    return eb.and([status, eb.or([eb('o.reason', 'is', null), eb.not(eb.or(claimed.map((p) => startsWith(eb, p))))])]);
  }
  return status;
}

export interface OutboxLogRow {
  readonly message: OutboxMessage;
  /** The store's own id of the customer (as the API names customers). */
  readonly customerExternalId: string | null;
}

export async function listOutboxLog(
  db: Kysely<Database>,
  storeId: string,
  filter: OutboxLogFilter,
): Promise<OutboxLogRow[]> {
  let query = db
    .selectFrom('outbox_messages as o')
    .leftJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 'o.store_id').onRef('c.id', '=', 'o.customer_id'),
    )
    .selectAll('o')
    .select('c.external_id as customer_external_id')
    .where('o.store_id', '=', storeId);
  if (filter.status !== undefined) {
    const clauses = LOG_STATUS_CLAUSES[filter.status];
    query = query.where((eb) => eb.or(clauses.map((c) => clauseSql(eb as unknown as Eb, c))));
  }
  if (filter.flow !== undefined) query = query.where('o.flow', '=', filter.flow);
  if (filter.channel !== undefined) query = query.where('o.channel', '=', filter.channel);
  if (filter.customerId !== undefined) query = query.where('o.customer_id', '=', filter.customerId);
  if (filter.from !== undefined) query = query.where('o.send_at', '>=', `${filter.from}T00:00:00.000Z`);
  if (filter.to !== undefined) query = query.where('o.send_at', '<', dayAfter(filter.to));
  if (filter.cursor !== undefined) query = query.where('o.id', '<', filter.cursor);
  const rows = await query.orderBy('o.id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => {
    const { customer_external_id, ...message } = row;
    return {
      message: outboxMessageFromRow(message as OutboxMessageRow),
      customerExternalId: customer_external_id ?? null,
    };
  });
}

/** One message of the store's outbox with its customer's own id, or null. */
export async function findOutboxLogEntry(
  db: Kysely<Database>,
  storeId: string,
  id: string,
): Promise<OutboxLogRow | null> {
  const row = await db
    .selectFrom('outbox_messages as o')
    .leftJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 'o.store_id').onRef('c.id', '=', 'o.customer_id'),
    )
    .selectAll('o')
    .select('c.external_id as customer_external_id')
    .where('o.store_id', '=', storeId)
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return null;
  const { customer_external_id, ...message } = row;
  return {
    message: outboxMessageFromRow(message as OutboxMessageRow),
    customerExternalId: customer_external_id ?? null,
  };
}
