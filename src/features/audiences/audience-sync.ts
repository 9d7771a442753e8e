/**
 * Scheduled audience files: a store's list of exports the jobs rewrite on a schedule, so an upload
 * tool (Google Ads' scheduled Customer Match uploads, a script for Meta) always finds a fresh file.
 * Stored as the store setting `audiences.sync`; parsed here, checked on the way in.
 */
import { AUDIENCE_PLATFORMS, type AudiencePlatform } from './audience-identifiers.js';

export const AUDIENCE_SYNC_SETTING = 'audiences.sync';

export interface AudienceSync {
  readonly platform: AudiencePlatform;
  /** The absolute path the job writes; one sync per path. */
  readonly out: string;
  readonly segment: string | null;
  readonly includeWithoutConsent: boolean;
  readonly defaultCallingCode: string | null;
  readonly everyHours: number;
  /** When the job last tried, and what came of it. */
  readonly lastRunAt: string | null;
  readonly lastResult: { readonly written: number } | { readonly error: string } | null;
}

function isSync(value: unknown): value is AudienceSync {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (AUDIENCE_PLATFORMS as readonly unknown[]).includes(v.platform) &&
    typeof v.out === 'string' &&
    (v.segment === null || typeof v.segment === 'string') &&
    typeof v.includeWithoutConsent === 'boolean' &&
    (v.defaultCallingCode === null || typeof v.defaultCallingCode === 'string') &&
    Number.isInteger(v.everyHours) &&
    (v.everyHours as number) > 0 &&
    (v.lastRunAt === null || typeof v.lastRunAt === 'string')
  );
}

/** The stored list; an entry this version cannot read is dropped from the schedule, never guessed at. */
export function parseSyncs(value: unknown): AudienceSync[] {
  return Array.isArray(value) ? value.filter(isSync) : [];
}

/** Due when never run, or when its interval has passed since the last try (a failure waits too). */
export function isDue(sync: AudienceSync, now: string): boolean {
  if (sync.lastRunAt === null) return true;
  return Date.parse(now) - Date.parse(sync.lastRunAt) >= sync.everyHours * 3_600_000;
}

/** The list with `sync` in place of the one writing the same file, or added at the end. */
export function withSync(syncs: readonly AudienceSync[], sync: AudienceSync): AudienceSync[] {
  const at = syncs.findIndex((s) => s.out === sync.out);
  return at < 0 ? [...syncs, sync] : syncs.map((s, i) => (i === at ? sync : s));
}
