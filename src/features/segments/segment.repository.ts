import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BUILT_IN_SEGMENTS } from './built-ins.js';
import { parseSegmentRule } from './rule.js';
import { MAX_MEMBER_PAGE, type Segment } from './segment.js';
import type { SegmentRule } from './rule.js';
import { RegularsError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/database/cursor.js';
import { newId } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';
import type { SegmentRow } from './segment.table.js';

export function segmentFromRow(row: SegmentRow): Segment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    // Written only through this module, which parses every rule before storing it.
    rule: parseSegmentRule(JSON.parse(row.rules)),
    builtIn: Number(row.built_in) === 1,
    builtInKey: row.built_in_key,
    members: Number(row.members),
    refreshedAt: row.refreshed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A built-in's id in a store: derived from both, so every process names it alike without a lookup. */
export function builtInSegmentId(storeId: string, key: string): string {
  return `seg_${createHash('sha256').update(`${storeId}\nsegment:${key}`).digest('hex').slice(0, 26)}`;
}

function segmentNotFound(id: string): RegularsError {
  return new RegularsError('SEGMENT_NOT_FOUND', `this store has no segment ${id}`, { id });
}

/**
 * Makes the built-in segments present and current (their rules follow the code's definitions):
 * one read, and writes only for the missing or changed ones (insert or update by their fixed ids,
 * so concurrent callers converge).
 */
export async function ensureBuiltInSegments(db: Kysely<Database>, storeId: string, now: string): Promise<void> {
  const stored = await db
    .selectFrom('segments')
    .select(['id', 'name', 'description', 'rules'])
    .where('store_id', '=', storeId)
    .where('built_in', '=', 1)
    .execute();
  const byId = new Map(stored.map((r) => [r.id, r]));
  for (const b of BUILT_IN_SEGMENTS) {
    const id = builtInSegmentId(storeId, b.key);
    const rules = JSON.stringify(b.rule);
    const have = byId.get(id);
    if (have && have.rules === rules && have.name === b.name && have.description === b.description) continue;
    await db
      .insertInto('segments')
      .values({
        store_id: storeId,
        id,
        name: b.name,
        description: b.description,
        rules,
        built_in: 1,
        built_in_key: b.key,
        members: 0,
        refreshed_at: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['store_id', 'id'])
          .doUpdateSet({ name: b.name, description: b.description, rules, updated_at: now }),
      )
      .execute();
  }
}

/** The store's segments: built-ins first (in their fixed order), then the store's own by creation. */
export async function listSegments(db: Kysely<Database>, storeId: string): Promise<Segment[]> {
  const rows = await db
    .selectFrom('segments')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const order = new Map(BUILT_IN_SEGMENTS.map((b, i) => [b.key, i]));
  const builtIns = rows
    .filter((r) => r.built_in_key !== null)
    .sort((a, b) => (order.get(a.built_in_key!) ?? 0) - (order.get(b.built_in_key!) ?? 0));
  return [...builtIns, ...rows.filter((r) => r.built_in_key === null)].map(segmentFromRow);
}

export async function findSegment(db: Kysely<Database>, storeId: string, id: string): Promise<Segment | null> {
  const row = await db
    .selectFrom('segments')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? segmentFromRow(row) : null;
}

export async function getSegment(db: Kysely<Database>, storeId: string, id: string): Promise<Segment> {
  const segment = await findSegment(db, storeId, id);
  if (!segment) throw segmentNotFound(id);
  return segment;
}

/** A segment's own fields, checked: a trimmed name, the description, the parsed rule. */
export interface SegmentDefinition {
  readonly name: string;
  readonly description: string | null;
  readonly rule: SegmentRule;
}

/** Inserts a segment of the store's own, with no members until its first refresh. */
export async function insertSegment(
  db: Kysely<Database>,
  storeId: string,
  definition: SegmentDefinition,
  now: string,
): Promise<Segment> {
  const row: SegmentRow = {
    store_id: storeId,
    id: newId('seg'),
    name: definition.name,
    description: definition.description,
    rules: JSON.stringify(definition.rule),
    built_in: 0,
    built_in_key: null,
    members: 0,
    refreshed_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('segments').values(row).execute();
  return segmentFromRow(row);
}

/** Replaces the name, description and rule of a segment of the store's own (a built-in is left as it is). */
export async function updateSegmentDefinition(
  db: Kysely<Database>,
  storeId: string,
  id: string,
  definition: SegmentDefinition,
  now: string,
): Promise<void> {
  await db
    .updateTable('segments')
    .set({
      name: definition.name,
      description: definition.description,
      rules: JSON.stringify(definition.rule),
      updated_at: now,
    })
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .where('built_in', '=', 0)
    .execute();
}

/** Deletes a segment of the store's own (a built-in is left as it is) and its member rows. */
export async function deleteSegmentAndMembers(db: Kysely<Database>, storeId: string, id: string): Promise<void> {
  await db.deleteFrom('segment_members').where('store_id', '=', storeId).where('segment_id', '=', id).execute();
  await db
    .deleteFrom('segments')
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .where('built_in', '=', 0)
    .execute();
}

export interface SegmentMember {
  readonly customerId: string;
  readonly externalId: string;
  readonly enteredAt: string;
}

/** A page of a segment's members, by customer id (cursor: nextCursor of the previous page). */
export async function listSegmentMembers(
  db: Kysely<Database>,
  storeId: string,
  segmentId: string,
  options: { readonly limit: number; readonly cursor?: string },
): Promise<{ members: SegmentMember[]; nextCursor: string | null }> {
  if (!Number.isSafeInteger(options.limit) || options.limit < 1 || options.limit > MAX_MEMBER_PAGE) {
    throw new RegularsError('VALIDATION_FAILED', `limit must be a whole number from 1 to ${MAX_MEMBER_PAGE}`, {
      path: '/limit',
    });
  }
  const after = options.cursor === undefined ? '' : decodeCursor(options.cursor, 'cus');
  const rows = await db
    .selectFrom('segment_members as s')
    .innerJoin('customers as c', (j) => j.onRef('c.store_id', '=', 's.store_id').onRef('c.id', '=', 's.customer_id'))
    .select(['s.customer_id', 'c.external_id', 's.entered_at'])
    .where('s.store_id', '=', storeId)
    .where('s.segment_id', '=', segmentId)
    .where('s.customer_id', '>', after)
    .orderBy('s.customer_id')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  return {
    members: page.map((r) => ({ customerId: r.customer_id, externalId: r.external_id, enteredAt: r.entered_at })),
    nextCursor: rows.length > options.limit ? encodeCursor(page[page.length - 1].customer_id) : null,
  };
}

/** The ids of the segments the customer is a member of. */
export async function segmentIdsOfCustomer(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('segment_members')
    .select(['segment_id', 'entered_at'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .execute();
  return new Map(rows.map((r) => [r.segment_id, r.entered_at]));
}
