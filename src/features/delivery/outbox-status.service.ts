import type { Kysely } from 'kysely';
import { countBacklog, countOutbox, type OutboxCount, transportWait, type TransportWait } from './outbox.repository.js';
import { getStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';

/** How many of the store's outbox messages are in each status, per flow; STORE_NOT_FOUND for an unknown store. */
export async function outboxStatus(db: Kysely<Database>, storeId: string): Promise<OutboxCount[]> {
  await getStore(db, storeId);
  return countOutbox(db, storeId);
}

/** The store's messages held back by a transport outage (the mail server down): how many, when next, why. */
export async function outboxTransportWait(db: Kysely<Database>, storeId: string): Promise<TransportWait> {
  return transportWait(db, storeId);
}

/** Every store's undelivered messages by status: the outbox gauge of GET /metrics counts with it. */
export async function outboxBacklog(db: Kysely<Database>): Promise<Record<string, number>> {
  return countBacklog(db);
}
