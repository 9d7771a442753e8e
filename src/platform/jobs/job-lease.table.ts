import type { Selectable } from 'kysely';

/**
 * Which process runs a store's job now. A row outlives its holder: a holder that stops cleanly
 * deletes it, one that dies leaves it to expire, and the next process takes it over then.
 */
export interface JobLeaseTable {
  store_id: string;
  job: string;
  /** host:pid:random of the process holding it: unique per process run, readable in an operator's query. */
  holder: string;
  /** Until then no other process runs the job for the store; the holder moves it forward while it works. */
  expires_at: string;
  /** When this holder took it (kept across renewals). */
  taken_at: string;
}

export type JobLeaseRow = Selectable<JobLeaseTable>;
