import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { customerByReference } from './customer-lookup.service.js';
import { decodeTimelineCursor, type TimelineEntry, timelinePage } from './customer-timeline.js';
import { readTimelineCandidates } from './customer-timeline.repository.js';

/** The largest page of a timeline. */
export const MAX_TIMELINE_PAGE = 200;

export interface CustomerTimeline {
  /** The customer's Regulars id and the store's own id for them. */
  readonly customerId: string;
  readonly externalId: string;
  /** Newest first. */
  readonly entries: readonly TimelineEntry[];
  /** Pass as `before` for the next (older) page; null on the last. */
  readonly nextCursor: string | null;
}

/**
 * One page of the timeline of the store's customer `reference` (their external id or cus_...):
 * another store's customer, or none, is CUSTOMER_NOT_FOUND. Reads only: no transaction, each
 * source is read once (a row written between the reads may show on this page or the next).
 */
export async function customerTimeline(
  db: Kysely<Database>,
  storeId: string,
  reference: string,
  page: { readonly limit: number; readonly before?: string | null },
): Promise<CustomerTimeline> {
  const { limit } = page;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_TIMELINE_PAGE)
    throw new RegularsError(
      'VALIDATION_FAILED',
      `limit must be a whole number from 1 to ${MAX_TIMELINE_PAGE}, not ${limit}`,
      { path: '/limit' },
    );
  const before = page.before == null || page.before === '' ? null : decodeTimelineCursor(page.before);
  const customer = await customerByReference(db, storeId, reference);
  const candidates = await readTimelineCandidates(db, storeId, customer.id, before, limit + 1);
  const { entries, nextCursor } = timelinePage(candidates, limit, before);
  return { customerId: customer.id, externalId: customer.externalId, entries, nextCursor };
}
