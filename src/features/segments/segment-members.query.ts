/**
 * Segment membership by SQL: who matches a rule now (the whole store, a preview, or one customer
 * against every segment in one query), and the writes of entries and exits with their events.
 */
import { type Kysely, sql } from 'kysely';
import type { SegmentRule } from './rule.js';
import { recordDerivedEvents } from '../events/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { isPostgres, ruleSql, type RuleSqlContext, segmentBase } from './segment-rule.query.js';
import type { EvaluationContext } from './explain.js';

/** Rows per multi-row INSERT of members (4 columns). */
const MEMBERS_PER_STATEMENT = 500;
/** Ids per `IN (...)` list of a DELETE (PostgreSQL probes the index per id below about 100; see order-batch.repository.ts). */
const IDS_PER_DELETE = 50;

export function ruleContext(db: Kysely<Database>, storeId: string, at: EvaluationContext): RuleSqlContext {
  return { ...at, postgres: isPostgres(db), storeId };
}

/** Ids ('cus_...') of the store's customers the rule holds for, ascending. */
export async function ruleMemberIds(
  db: Kysely<Database>,
  storeId: string,
  rule: SegmentRule,
  at: EvaluationContext,
): Promise<string[]> {
  const rows = await segmentBase(db, storeId)
    .select('c.id')
    .where(ruleSql(rule, ruleContext(db, storeId, at)))
    .orderBy('c.id')
    .execute();
  return rows.map((r) => r.id);
}

/** How many customers the rule holds for, and the first `limit` of them (by id) with their external ids. */
export async function previewRule(
  db: Kysely<Database>,
  storeId: string,
  rule: SegmentRule,
  at: EvaluationContext,
  limit: number,
): Promise<{ count: number; customers: { customerId: string; externalId: string }[] }> {
  const where = ruleSql(rule, ruleContext(db, storeId, at));
  const [count, first] = await Promise.all([
    segmentBase(db, storeId)
      .select((eb) => eb.fn.countAll().as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
    segmentBase(db, storeId).select(['c.id', 'c.external_id']).where(where).orderBy('c.id').limit(limit).execute(),
  ]);
  return { count: Number(count.n), customers: first.map((r) => ({ customerId: r.id, externalId: r.external_id })) };
}

/** For one customer, whether each rule holds: one query, a CASE column per rule. Empty when the store has no such customer. */
export async function customerMatches(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  rules: readonly SegmentRule[],
  at: EvaluationContext,
): Promise<boolean[] | null> {
  if (rules.length === 0) return [];
  const ctx = ruleContext(db, storeId, at);
  const columns = rules.map((rule, i) => sql<number>`case when ${ruleSql(rule, ctx)} then 1 else 0 end`.as(`r${i}`));
  const row = (await segmentBase(db, storeId).select(columns).where('c.id', '=', customerId).executeTakeFirst()) as
    Record<string, unknown> | undefined;
  if (!row) return null;
  return rules.map((_, i) => Number(row[`r${i}`]) === 1);
}

export interface MembershipChange {
  readonly entered: number;
  readonly exited: number;
}

/**
 * Adds and removes members and records a segment_entered / segment_exited event for each row this
 * call actually changed (INSERT ... ON CONFLICT DO NOTHING RETURNING and DELETE ... RETURNING), so
 * a concurrent refresh of the same customers never records an entry or exit twice. Source keys:
 * `segment:<id>:entered:<customer>:<entered_at>` and `segment:<id>:exited:<customer>:<entered_at of the
 * membership that ended>`, so each entry and exit is one event however often it is retried.
 * Call inside the caller's transaction.
 */
export async function applyMembershipChanges(
  trx: Kysely<Database>,
  storeId: string,
  segment: { readonly id: string; readonly name: string },
  entries: readonly string[],
  exits: readonly string[],
  now: string,
): Promise<MembershipChange> {
  let entered = 0;
  let exited = 0;
  const payload = { segmentId: segment.id, segmentName: segment.name };
  for (let i = 0; i < entries.length; i += MEMBERS_PER_STATEMENT) {
    const chunk = entries.slice(i, i + MEMBERS_PER_STATEMENT);
    const inserted = await trx
      .insertInto('segment_members')
      .values(
        chunk.map((customerId) => ({
          store_id: storeId,
          segment_id: segment.id,
          customer_id: customerId,
          entered_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['store_id', 'segment_id', 'customer_id']).doNothing())
      .returning(['customer_id', 'entered_at'])
      .execute();
    await recordDerivedEvents(
      trx,
      storeId,
      inserted.map((row) => ({
        customerId: row.customer_id,
        sourceKey: `segment:${segment.id}:entered:${row.customer_id}:${row.entered_at}`,
        input: { kind: 'segment_entered', occurredAt: now, payload },
      })),
    );
    entered += inserted.length;
  }
  for (let i = 0; i < exits.length; i += IDS_PER_DELETE) {
    const chunk = exits.slice(i, i + IDS_PER_DELETE);
    const deleted = await trx
      .deleteFrom('segment_members')
      .where('store_id', '=', storeId)
      .where('segment_id', '=', segment.id)
      .where('customer_id', 'in', chunk)
      .returning(['customer_id', 'entered_at'])
      .execute();
    await recordDerivedEvents(
      trx,
      storeId,
      deleted.map((row) => ({
        customerId: row.customer_id,
        sourceKey: `segment:${segment.id}:exited:${row.customer_id}:${row.entered_at}`,
        input: { kind: 'segment_exited', occurredAt: now, payload },
      })),
    );
    exited += deleted.length;
  }
  return { entered, exited };
}

/** The segment's member ids, ascending. */
export async function currentMemberIds(db: Kysely<Database>, storeId: string, segmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('segment_members')
    .select('customer_id')
    .where('store_id', '=', storeId)
    .where('segment_id', '=', segmentId)
    .orderBy('customer_id')
    .execute();
  return rows.map((r) => r.customer_id);
}

/** Sets the segment's member count from its rows. */
export async function updateMemberCount(
  trx: Kysely<Database>,
  storeId: string,
  segmentId: string,
  now: string,
): Promise<number> {
  const { n } = await trx
    .selectFrom('segment_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('store_id', '=', storeId)
    .where('segment_id', '=', segmentId)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('segments')
    .set({ members: Number(n), refreshed_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', segmentId)
    .execute();
  return Number(n);
}
