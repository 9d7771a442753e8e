import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/database.table.js';
import { mergeSettingsPatch } from './flow-settings-patch.js';
import {
  chooseDefinition,
  type FlowListing,
  type FlowSources,
  listFlows,
  loadFlows,
  plannerOf,
} from './manage-flows.service.js';

/** Where a definition changed in the console says it came from (FlowListing.source). */
export const CONSOLE_SOURCE = 'console';

/**
 * Changes some of a flow's settings (the console's settings form): merged into the settings as
 * written, checked by the kind's own parser (INVALID_FLOW naming `settings.<field>`, nothing
 * stored), then stored as `regulars flows load` stores a file (a campaign's copy passes the content
 * lint again). An enabled flow stays enabled and plans with the new settings from its next run;
 * what it already planned is not replanned.
 */
export async function changeFlowSettings(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  patch: Readonly<Record<string, unknown>>,
  sources: FlowSources,
  now: string,
): Promise<FlowListing> {
  const chosen = await chooseDefinition(db, storeId, name, { ...sources, files: undefined });
  const definition = { ...chosen.definition, settings: mergeSettingsPatch(chosen.definition.settings, patch) };
  // Checked before anything is stored; loadFlows checks again (and a campaign's copy) in its own order.
  plannerOf(sources, definition).parseSettings(definition.settings, `flow ${name}`);
  await loadFlows(db, storeId, [{ definition, source: CONSOLE_SOURCE }], sources, now);
  const listed = (await listFlows(db, storeId, sources)).find((f) => f.name === name);
  if (listed === undefined) throw new Error(`flow ${name} vanished after it was stored`);
  return listed;
}
