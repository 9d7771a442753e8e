import type { Kysely } from 'kysely';
import { type FlowDefinition, parseFlowDefinition } from './flow-definition.js';
import type { Database } from '../../../platform/database/database.table.js';
import type { FlowRow } from './flow.table.js';

/** A store's flow: its definition and its state. */
export interface StoredFlow {
  readonly definition: FlowDefinition;
  /** 'built-in' or the file it was loaded from. */
  readonly source: string;
  readonly enabled: boolean;
  readonly enabledAt: string | null;
  /** The end of the last planning window (null: never planned). */
  readonly plannedUntil: string | null;
  readonly updatedAt: string;
}

function storedFlowFromRow(row: FlowRow): StoredFlow {
  return {
    // Written by saveFlow from a parsed definition: parsing again only restores the type.
    definition: parseFlowDefinition(JSON.parse(row.definition), `flow ${row.name}`),
    source: row.source,
    enabled: Number(row.enabled) === 1,
    enabledAt: row.enabled_at,
    plannedUntil: row.planned_until,
    updatedAt: row.updated_at,
  };
}

export async function listStoredFlows(db: Kysely<Database>, storeId: string): Promise<StoredFlow[]> {
  const rows = await db.selectFrom('flows').selectAll().where('store_id', '=', storeId).orderBy('name').execute();
  return rows.map(storedFlowFromRow);
}

export async function findStoredFlow(db: Kysely<Database>, storeId: string, name: string): Promise<StoredFlow | null> {
  const row = await db
    .selectFrom('flows')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? null : storedFlowFromRow(row);
}

/**
 * Records a flow's definition (from a file or the built-ins), keeping whether it is enabled and
 * where its planning stands: loading a new version of a flow changes what it does from the next
 * run on, and never replans what was planned.
 */
export async function saveFlowDefinition(
  db: Kysely<Database>,
  storeId: string,
  definition: FlowDefinition,
  source: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('flows')
    .values({
      store_id: storeId,
      name: definition.name,
      kind: definition.kind,
      definition: JSON.stringify(definition),
      source,
      enabled: 0,
      enabled_at: null,
      planned_until: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'name'])
        .doUpdateSet({ kind: definition.kind, definition: JSON.stringify(definition), source, updated_at: now }),
    )
    .execute();
}

/**
 * Turns a flow on or off. Enabling starts its planning at `now`: a flow acts on what happens from
 * the moment it is enabled, so switching on win-back does not mail every customer who lapsed in
 * the past years at once (a campaign is the tool for that).
 */
export async function setFlowEnabled(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  enabled: boolean,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('flows')
    .set(
      enabled ? { enabled: 1, enabled_at: now, planned_until: now, updated_at: now } : { enabled: 0, updated_at: now },
    )
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .$if(enabled, (qb) => qb.where('enabled', '=', 0))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Moves a flow's planning mark forward, only forward (two planners racing cannot move it back). */
export async function advanceFlowPlanning(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  plannedUntil: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('flows')
    .set({ planned_until: plannedUntil, updated_at: now })
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .where((eb) => eb.or([eb('planned_until', 'is', null), eb('planned_until', '<', plannedUntil)]))
    .execute();
}
