import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { AUDIENCE_SYNC_SETTING, type AudienceSync, isDue, parseSyncs, withSync } from './audience-sync.js';
import { exportAudience } from './export-audience.service.js';

export async function listAudienceSyncs(db: Kysely<Database>, storeId: string): Promise<AudienceSync[]> {
  return parseSyncs(await readSetting(db, storeId, AUDIENCE_SYNC_SETTING));
}

/** Adds a scheduled file, or replaces the one writing the same path (its next run is then due). */
export async function addAudienceSync(
  db: Kysely<Database>,
  storeId: string,
  sync: Omit<AudienceSync, 'lastRunAt' | 'lastResult'>,
  now: string,
): Promise<AudienceSync[]> {
  const syncs = withSync(await listAudienceSyncs(db, storeId), { ...sync, lastRunAt: null, lastResult: null });
  await writeSetting(db, storeId, AUDIENCE_SYNC_SETTING, syncs, now);
  return syncs;
}

export async function removeAudienceSync(
  db: Kysely<Database>,
  storeId: string,
  out: string,
  now: string,
): Promise<AudienceSync[]> {
  const syncs = await listAudienceSyncs(db, storeId);
  const kept = syncs.filter((s) => s.out !== out);
  if (kept.length === syncs.length)
    throw new RegularsError('INVALID_ARGUMENT', `no scheduled audience file writes ${out}`, { option: '--out' });
  await writeSetting(db, storeId, AUDIENCE_SYNC_SETTING, kept, now);
  return kept;
}

/**
 * Rewrites the store's due audience files, one after the other, and records each outcome on its
 * entry: a file that cannot be written (a folder gone, a segment deleted) is reported in
 * `audiences sync list` and tried again at its next interval, and does not stop the others.
 * Returns how many files were written.
 */
export async function runDueAudienceSyncs(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  let syncs = await listAudienceSyncs(db, storeId);
  let written = 0;
  for (const sync of syncs.filter((s) => isDue(s, now))) {
    let lastResult: AudienceSync['lastResult'];
    try {
      const report = await exportAudience(db, storeId, sync);
      lastResult = { written: report.written };
      written += 1;
    } catch (error) {
      lastResult = { error: error instanceof Error ? error.message : String(error) };
    }
    // Read again: a sync added or removed meanwhile is kept as it is now.
    syncs = await listAudienceSyncs(db, storeId);
    const current = syncs.find((s) => s.out === sync.out);
    if (current !== undefined) {
      syncs = withSync(syncs, { ...current, lastRunAt: now, lastResult });
      await writeSetting(db, storeId, AUDIENCE_SYNC_SETTING, syncs, now);
    }
  }
  return written;
}
