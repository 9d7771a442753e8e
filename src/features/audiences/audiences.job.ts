import type { ScheduledJob } from '../orders/index.js';
import { runDueAudienceSyncs } from './audience-sync.service.js';

/**
 * Rewrites the scheduled audience files that are due. Checked every 10 minutes; each file's own
 * interval (whole hours) decides when it is written.
 */
export const audiencesSyncJob: ScheduledJob = {
  name: 'audiences-sync',
  everyMs: 10 * 60_000,
  run: (db, storeId, now) => runDueAudienceSyncs(db, storeId, now),
};
