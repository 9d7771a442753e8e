import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { normalizeAddress } from '../consent/index.js';
import { listBounceEvents } from './bounce-event.repository.js';

/** The most events one list returns. */
export const MAX_BOUNCE_PAGE = 1000;

export interface BounceEventView {
  readonly provider: string;
  readonly kind: string;
  readonly address: string;
  readonly outboxMessageId: string | null;
  readonly messageId: string | null;
  readonly detail: string | null;
  readonly occurredAt: string;
  readonly receivedAt: string;
}

/** The store's latest bounce events, optionally for one address. */
export async function listBounces(
  db: Kysely<Database>,
  storeId: string,
  options: { readonly limit: number; readonly address?: string },
): Promise<BounceEventView[]> {
  if (!Number.isSafeInteger(options.limit) || options.limit < 1 || options.limit > MAX_BOUNCE_PAGE)
    throw new RegularsError('INVALID_ARGUMENT', `limit must be a whole number from 1 to ${MAX_BOUNCE_PAGE}`, {
      field: 'limit',
    });
  await getStore(db, storeId);
  const rows = await listBounceEvents(db, storeId, {
    limit: options.limit,
    address: options.address === undefined ? undefined : normalizeAddress('email', options.address),
  });
  return rows.map((row) => ({
    provider: row.provider,
    kind: row.kind,
    address: row.address,
    outboxMessageId: row.outbox_message_id,
    messageId: row.message_id,
    detail: row.detail,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
  }));
}
