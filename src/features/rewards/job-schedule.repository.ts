import type { Kysely } from 'kysely';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import type { ScheduledJob } from '../orders/index.js';

/** The store setting that holds when each scheduled job last ran for the store. */
export const JOB_SCHEDULE_SETTING = 'jobs.last-run';

/**
 * The store's jobs that are due at `now`, marked as run at `now` before they run (a job that fails
 * waits for its next interval, as one that succeeds does). The schedule lives in the database
 * (architecture.md habit 10), so a restart neither repeats a job early nor skips one: a job runs
 * `everyMs` after its last run, whichever process ran it. A job the store has never had starts its
 * schedule now and first runs one interval later: a new server does not open with every heavy job
 * at once (a full metrics refresh), and `regulars rewards run` runs them all on demand.
 */
export async function dueJobs(
  db: Kysely<Database>,
  storeId: string,
  jobs: readonly ScheduledJob[],
  now: string,
): Promise<ScheduledJob[]> {
  const stored = await readSetting(db, storeId, JOB_SCHEDULE_SETTING);
  const lastRun: Record<string, string> =
    stored !== null && typeof stored === 'object' ? { ...(stored as Record<string, string>) } : {};
  const at = Date.parse(now);
  const due: ScheduledJob[] = [];
  let changed = false;
  for (const job of jobs) {
    const last = lastRun[job.name];
    if (last === undefined || Number.isNaN(Date.parse(last))) {
      lastRun[job.name] = now;
      changed = true;
    } else if (at - Date.parse(last) >= job.everyMs) {
      due.push(job);
      lastRun[job.name] = now;
      changed = true;
    }
  }
  if (changed) await writeSetting(db, storeId, JOB_SCHEDULE_SETTING, lastRun, now);
  return due;
}
