import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { ScheduledJob } from '../orders/index.js';
import { refreshOverviewSnapshot } from './overview.service.js';

/** How often `regulars serve` and `regulars jobs` bring the console's Overview up to date. */
export const OVERVIEW_REFRESH_EVERY_MS = 60_000;

/**
 * Recomputes the Overview snapshot of a store whose orders, metrics or consent moved since, so
 * staff open current figures without waiting. Only stores whose console has been opened have a
 * snapshot: computing every store's on the chance that someone looks would spend seconds of CPU per
 * million orders on each change for nobody.
 */
export const overviewRefreshJob: ScheduledJob = {
  name: 'console-overview-refresh',
  everyMs: OVERVIEW_REFRESH_EVERY_MS,
  async run(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
    const at = Date.parse(now);
    const started = Date.now();
    // The job's clock says when it runs; the computation's own length is measured on the wall clock.
    const clock = () => at + (Date.now() - started);
    return (await refreshOverviewSnapshot(db, storeId, clock, { onlyIfPresent: true })) ? 1 : 0;
  },
};
