import type { Kysely } from 'kysely';
import { loadConfig } from '../../../platform/config.js';
import type { Database } from '../../../platform/database/database.table.js';
import type { ScheduledJob } from '../../orders/index.js';
import { type FlowFile, readBuiltInFlows } from './flow-files.reader.js';
import { FLOW_PLANNERS } from './flow-planners.registry.js';
import { runFlows } from './plan-flows.service.js';

/** How often `regulars serve` plans each store's enabled flows: an order confirmation waits at most this long. */
export const FLOWS_PLAN_EVERY_MS = 60_000;

let builtIns: Promise<FlowFile[]> | null = null;

/**
 * Plans every enabled flow of a store from where its last run ended up to now (docs/flows.md).
 * A store without enabled flows costs one read. Returns the messages planned.
 */
export const flowsPlanJob: ScheduledJob = {
  name: 'flows-plan',
  everyMs: FLOWS_PLAN_EVERY_MS,
  async run(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
    // A failed read is not kept: the next run reads the files again.
    builtIns ??= readBuiltInFlows().catch((error: unknown) => {
      builtIns = null;
      throw error;
    });
    const outcome = await runFlows(
      db,
      storeId,
      { now, dryRun: false, publicUrl: loadConfig().messaging.publicUrl },
      FLOW_PLANNERS,
      await builtIns,
    );
    return outcome.results.reduce((n, r) => n + r.planned + r.heldOut, 0);
  },
};
