/**
 * Segment membership refreshes (docs/segments.md, "Membership"): a whole segment, every segment of
 * a store, or one customer against every segment (after an order). Entries and exits are written
 * with their segment_entered / segment_exited events in the same transaction.
 */
import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import type { EvaluationContext } from './explain.js';
import {
  applyMembershipChanges,
  currentMemberIds,
  customerMatches,
  ruleMemberIds,
  updateMemberCount,
} from './segment-members.query.js';
import { ensureBuiltInSegments, getSegment, listSegments, segmentIdsOfCustomer } from './segment.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

export interface SegmentRefreshResult {
  readonly segmentId: string;
  readonly name: string;
  readonly members: number;
  readonly entered: number;
  readonly exited: number;
}

/**
 * Recomputes one segment's members by SQL and writes the difference, in one transaction. Its first
 * statement updates the segment's row: on PostgreSQL that locks the row, on SQLite a transaction
 * that starts with a write holds the database's write lock, so two refreshes of one segment run one
 * after the other and each sees the other's members.
 */
export async function refreshSegment(
  db: Kysely<Database>,
  storeId: string,
  segmentId: string,
  at: EvaluationContext,
  now: string,
): Promise<SegmentRefreshResult> {
  return inTransaction(db, async (trx) => {
    const locked = await trx
      .updateTable('segments')
      .set({ refreshed_at: now })
      .where('store_id', '=', storeId)
      .where('id', '=', segmentId)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0)
      throw new RegularsError('SEGMENT_NOT_FOUND', `this store has no segment ${segmentId}`, { id: segmentId });
    const segment = await getSegment(trx, storeId, segmentId);
    const target = await ruleMemberIds(trx, storeId, segment.rule, at);
    const current = await currentMemberIds(trx, storeId, segmentId);
    const targetSet = new Set(target);
    const currentSet = new Set(current);
    const entries = target.filter((id) => !currentSet.has(id));
    const exits = current.filter((id) => !targetSet.has(id));
    const change = await applyMembershipChanges(trx, storeId, segment, entries, exits, now);
    const members = await updateMemberCount(trx, storeId, segmentId, now);
    return { segmentId, name: segment.name, members, ...change };
  });
}

/** Every segment of the store (the built-ins made present first), one transaction each. */
export async function refreshSegments(
  db: Kysely<Database>,
  storeId: string,
  at: EvaluationContext,
  now: string,
  onProgress?: (done: number, total: number) => void,
): Promise<SegmentRefreshResult[]> {
  await ensureBuiltInSegments(db, storeId, now);
  const segments = await listSegments(db, storeId);
  const results: SegmentRefreshResult[] = [];
  for (const s of segments) {
    results.push(await refreshSegment(db, storeId, s.id, at, now));
    onProgress?.(results.length, segments.length);
  }
  return results;
}

/**
 * One customer against every segment: one query evaluates all rules for the customer, then the
 * changed memberships are written with their events (a concurrent full refresh cannot double an
 * event: only the statement that changes a row records one). Returns the changes per segment.
 */
export async function refreshCustomerSegments(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  at: EvaluationContext,
  now: string,
): Promise<SegmentRefreshResult[]> {
  await ensureBuiltInSegments(db, storeId, now);
  const segments = await listSegments(db, storeId);
  const matches = await customerMatches(
    db,
    storeId,
    customerId,
    segments.map((s) => s.rule),
    at,
  );
  if (matches === null)
    throw new RegularsError('CUSTOMER_NOT_FOUND', `store ${storeId} has no customer ${customerId}`, {
      storeId,
      customerId,
    });
  const member = await segmentIdsOfCustomer(db, storeId, customerId);
  const changed = segments
    .filter((s, i) => matches[i] !== member.has(s.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (changed.length === 0) return [];
  return inTransaction(db, async (trx) => {
    // Lock the segments' rows first, in id order, as a whole-segment refresh does (its first
    // statement): on PostgreSQL both then take the segment lock before any member row, so the two
    // paths cannot deadlock, and concurrent per-customer updates queue in one order.
    for (const s of changed) {
      await trx
        .updateTable('segments')
        .set((eb) => ({ members: eb.ref('members') }))
        .where('store_id', '=', storeId)
        .where('id', '=', s.id)
        .execute();
    }
    const results: SegmentRefreshResult[] = [];
    for (const s of changed) {
      const entering = !member.has(s.id);
      const change = await applyMembershipChanges(
        trx,
        storeId,
        s,
        entering ? [customerId] : [],
        entering ? [] : [customerId],
        now,
      );
      const delta = change.entered - change.exited;
      if (delta !== 0) {
        await trx
          .updateTable('segments')
          .set((eb) => ({ members: eb('members', '+', delta) }))
          .where('store_id', '=', storeId)
          .where('id', '=', s.id)
          .execute();
      }
      results.push({ segmentId: s.id, name: s.name, members: s.members + delta, ...change });
    }
    return results;
  });
}
