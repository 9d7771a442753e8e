import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';

/** The backfill's place, kept in store_settings so a stopped run resumes (architecture.md: no state in memory). */
export const BACKFILL_CHECKPOINT_SETTING = 'woocommerce.backfill';

export interface BackfillCheckpoint {
  /** The shop's address the pages came from: another shop's checkpoint is not resumed. */
  readonly url: string;
  /** The last page whose orders are all recorded (0: none yet). */
  readonly page: number;
  readonly totalPages: number;
  readonly perPage: number;
  readonly complete: boolean;
  readonly updatedAt: string;
}

export async function readBackfillCheckpoint(
  db: Kysely<Database>,
  storeId: string,
): Promise<BackfillCheckpoint | null> {
  const value = (await readSetting(db, storeId, BACKFILL_CHECKPOINT_SETTING)) as Partial<BackfillCheckpoint> | null;
  if (
    value === null ||
    typeof value.url !== 'string' ||
    typeof value.page !== 'number' ||
    typeof value.perPage !== 'number'
  )
    return null;
  return {
    url: value.url,
    page: value.page,
    totalPages: typeof value.totalPages === 'number' ? value.totalPages : 0,
    perPage: value.perPage,
    complete: value.complete === true,
    updatedAt: typeof value.updatedAt === 'string' ? value.updatedAt : '',
  };
}

export function writeBackfillCheckpoint(
  db: Kysely<Database>,
  storeId: string,
  checkpoint: BackfillCheckpoint,
): Promise<void> {
  return writeSetting(db, storeId, BACKFILL_CHECKPOINT_SETTING, checkpoint, checkpoint.updatedAt);
}
