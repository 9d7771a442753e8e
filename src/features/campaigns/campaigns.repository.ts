import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { EvaluationContext, SegmentRule } from '../segments/index.js';
import { ruleContext, ruleSql, segmentBase } from '../segments/index.js';

/** A stored campaign flow's row, as the campaign list reads it. */
export interface CampaignRow {
  readonly name: string;
  readonly definition: string;
  readonly enabled: boolean;
  readonly enabledAt: string | null;
  readonly plannedUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export async function listCampaignRows(db: Kysely<Database>, storeId: string, name?: string): Promise<CampaignRow[]> {
  const rows = await db
    .selectFrom('flows')
    .select(['name', 'definition', 'enabled', 'enabled_at', 'planned_until', 'created_at', 'updated_at'])
    .where('store_id', '=', storeId)
    .where('kind', '=', 'campaign')
    .$if(name !== undefined, (qb) => qb.where('name', '=', name!))
    .orderBy('created_at', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    definition: r.definition,
    enabled: Number(r.enabled) === 1,
    enabledAt: r.enabled_at,
    plannedUntil: r.planned_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** Outbox messages per campaign and status (sent, held_out, skipped...), in one grouped read. */
export async function outboxCounts(
  db: Kysely<Database>,
  storeId: string,
  flows: readonly string[],
): Promise<Map<string, Record<string, number>>> {
  const byFlow = new Map<string, Record<string, number>>();
  if (flows.length === 0) return byFlow;
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['flow', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('store_id', '=', storeId)
    .where('flow', 'in', [...flows])
    .groupBy(['flow', 'status'])
    .execute();
  for (const row of rows) {
    const counts = byFlow.get(row.flow) ?? {};
    counts[row.status] = Number(row.n);
    byFlow.set(row.flow, counts);
  }
  return byFlow;
}

/**
 * Stores a new draft; false when the store already has a flow of that name (a campaign or not),
 * which is left as it was.
 */
export async function insertCampaignDraft(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  definition: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .insertInto('flows')
    .values({
      store_id: storeId,
      name,
      kind: 'campaign',
      definition,
      source: 'console',
      enabled: 0,
      enabled_at: null,
      planned_until: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['store_id', 'name']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Replaces a draft's definition, only while it is a draft (never scheduled): one conditional
 * statement, so an edit racing a schedule either lands before it or changes nothing.
 */
export async function updateCampaignDraft(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  definition: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('flows')
    .set({ definition, updated_at: now })
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .where('kind', '=', 'campaign')
    .where('enabled', '=', 0)
    .where('enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes a draft (never scheduled, so it has no messages). */
export async function deleteCampaignDraft(db: Kysely<Database>, storeId: string, name: string): Promise<boolean> {
  const result = await db
    .deleteFrom('flows')
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .where('kind', '=', 'campaign')
    .where('enabled', '=', 0)
    .where('enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Switches a scheduled campaign off and withdraws what its planner already put in the outbox and
 * has not gone (planned or postponed: a local-time campaign plans the earliest zones first), as
 * 'skipped' with the reason, so the Messages log says why. A message being sent at this moment is
 * left to finish. Returns how many were withdrawn, or null when the campaign was not on.
 */
export async function cancelCampaignRow(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  now: string,
): Promise<number | null> {
  const switched = await db
    .updateTable('flows')
    .set({ enabled: 0, updated_at: now })
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .where('kind', '=', 'campaign')
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (Number(switched.numUpdatedRows) === 0) return null;
  const withdrawn = await db
    .updateTable('outbox_messages')
    .set({ status: 'skipped', reason: 'campaign cancelled', updated_at: now })
    .where('store_id', '=', storeId)
    .where('flow', '=', name)
    .where('status', 'in', ['planned', 'postponed'])
    .executeTakeFirst();
  return Number(withdrawn.numUpdatedRows);
}

/** How many customers a rule holds for now (null: every customer), as the campaign planner would evaluate it. */
export async function countAudience(
  db: Kysely<Database>,
  storeId: string,
  rule: SegmentRule | null,
  at: EvaluationContext,
): Promise<number> {
  const row =
    rule === null
      ? await db
          .selectFrom('customers')
          .select(sql<string | number>`count(*)`.as('n'))
          .where('store_id', '=', storeId)
          .executeTakeFirstOrThrow()
      : await segmentBase(db, storeId)
          .select(sql<string | number>`count(*)`.as('n'))
          .where(ruleSql(rule, ruleContext(db, storeId, at)))
          .executeTakeFirstOrThrow();
  return Number(row.n);
}
