import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { storeCurrency } from '../orders/index.js';
import { readShopProfile } from '../stores/index.js';
import { buildOverview, type Overview } from './overview.js';
import {
  customersWithoutConsent,
  overviewVersion,
  readPredictedClv,
  readStoreOrderLog,
} from './overview-orders.query.js';
import { findOverviewSnapshot, saveOverviewSnapshot } from './overview-snapshot.repository.js';

export interface StoreOverview extends Overview {
  readonly currency: string | null;
  /** The shop profile's language tag (en-GB), for number and date formats; null when not set. */
  readonly locale: string | null;
  /** The version of the data the figures were computed at (orders, metrics run, consent). */
  readonly version: string;
  /** How long computing them took, in ms (when they were computed, also when served from the snapshot). */
  readonly computeMs: number;
  readonly cached: boolean;
  /** The data changed since: these are the last figures, and newer ones are being computed. */
  readonly stale: boolean;
  /** When the figures were computed (ISO 8601). */
  readonly computedAt: string;
}

/** What a snapshot row holds: everything but the live parts (locale) and the serving flags. */
type Computed = Overview & { readonly currency: string | null };

/** Overviews at an explicit as-of day kept per process, one per store and day: they are rarely asked for. */
const MAX_ENTRIES = 64;

/** Computes a store's Overview from its orders (every order read: seconds at a million). */
async function computeOverview(db: Kysely<Database>, storeId: string, asOfDay: number | null): Promise<Computed> {
  const [log, clv, currency, withoutConsent] = await Promise.all([
    readStoreOrderLog(db, storeId),
    readPredictedClv(db, storeId),
    storeCurrency(db, storeId),
    customersWithoutConsent(db, storeId, asOfDay),
  ]);
  return { ...buildOverview(log, asOfDay, clv, withoutConsent), currency };
}

/**
 * Recomputes a store's snapshot when its data moved since (or it has none); returns whether it did.
 * The version is read before the data, so a snapshot is never labelled newer than what it was built from.
 */
export async function refreshOverviewSnapshot(
  db: Kysely<Database>,
  storeId: string,
  now: () => number = Date.now,
  options: { readonly onlyIfPresent?: boolean } = {},
): Promise<boolean> {
  const [version, snapshot] = await Promise.all([overviewVersion(db, storeId), findOverviewSnapshot(db, storeId)]);
  if (snapshot?.version === version) return false;
  if (snapshot === undefined && options.onlyIfPresent) return false;
  await computeAndSave(db, storeId, version, now);
  return true;
}

async function computeAndSave(
  db: Kysely<Database>,
  storeId: string,
  version: string,
  now: () => number,
): Promise<{ computed: Computed; computeMs: number; computedAt: string }> {
  // Another request or process may have stored this version meanwhile: then it is not computed again.
  const stored = await findOverviewSnapshot(db, storeId);
  if (stored?.version === version)
    return {
      computed: JSON.parse(stored.body) as Computed,
      computeMs: stored.compute_ms,
      computedAt: stored.computed_at,
    };
  const started = now();
  const computed = await computeOverview(db, storeId, null);
  const computeMs = Math.round(now() - started);
  const computedAt = new Date(now()).toISOString();
  await saveOverviewSnapshot(db, {
    store_id: storeId,
    version,
    body: JSON.stringify(computed),
    compute_ms: computeMs,
    computed_at: computedAt,
  });
  return { computed, computeMs, computedAt };
}

/**
 * The Overview of a store. At the latest purchase (what the console opens on) it is served from
 * the store's snapshot in the database (table overview_snapshots), so opening it reads one row
 * whatever the number of orders: when the data moved since, the last figures are answered at
 * once, marked stale, while this process computes new ones in the background (once per store,
 * however many requests arrive); the scheduled job keeps snapshots current between visits. A store
 * without a snapshot yet (its first visit) waits for the first computation. An explicit as-of day
 * is computed on request and kept in this process until the data changes.
 */
export function createOverviewService(db: Kysely<Database>, now: () => number = Date.now) {
  const refreshing = new Map<string, Promise<unknown>>();
  const cache = new Map<
    string,
    { version: string; overview: Promise<Computed & { computeMs: number; computedAt: string }> }
  >();

  /**
   * One computation per store and version at a time in this process; callers share it. A caller
   * that read a newer version does not take an older computation's figures.
   */
  function refreshOnce(storeId: string, version: string) {
    const key = `${storeId}|${version}`;
    const running = refreshing.get(key);
    if (running) return running as Promise<Awaited<ReturnType<typeof computeAndSave>>>;
    const work = computeAndSave(db, storeId, version, now).finally(() => refreshing.delete(key));
    refreshing.set(key, work);
    return work;
  }

  async function latest(storeId: string, locale: string | null): Promise<StoreOverview> {
    const [version, snapshot] = await Promise.all([overviewVersion(db, storeId), findOverviewSnapshot(db, storeId)]);
    if (snapshot !== undefined) {
      const stale = snapshot.version !== version;
      // A failed background run is retried by the next request or the job; the stale figures stand meanwhile.
      if (stale) refreshOnce(storeId, version).catch(() => undefined);
      const body = JSON.parse(snapshot.body) as Computed;
      return {
        ...body,
        locale,
        version: snapshot.version,
        computeMs: snapshot.compute_ms,
        cached: true,
        stale,
        computedAt: snapshot.computed_at,
      };
    }
    const { computed, computeMs, computedAt } = await refreshOnce(storeId, version);
    return { ...computed, locale, version, computeMs, cached: false, stale: false, computedAt };
  }

  async function atDay(storeId: string, asOfDay: number, locale: string | null): Promise<StoreOverview> {
    const key = `${storeId}|${asOfDay}`;
    const version = await overviewVersion(db, storeId);
    const hit = cache.get(key);
    if (hit && hit.version === version) {
      const overview = await hit.overview;
      return { ...overview, locale, version, cached: true, stale: false };
    }
    const started = now();
    const overview = computeOverview(db, storeId, asOfDay).then((c) => ({
      ...c,
      computeMs: Math.round(now() - started),
      computedAt: new Date(now()).toISOString(),
    }));
    if (cache.size >= MAX_ENTRIES && !cache.has(key)) cache.delete(cache.keys().next().value as string);
    cache.set(key, { version, overview });
    try {
      const computed = await overview;
      return { ...computed, locale, version, cached: false, stale: false };
    } catch (error) {
      if (cache.get(key)?.overview === overview) cache.delete(key);
      throw error;
    }
  }

  return async function overviewOf(storeId: string, asOfDay: number | null): Promise<StoreOverview> {
    const { locale } = await readShopProfile(db, storeId);
    return asOfDay === null ? latest(storeId, locale) : atDay(storeId, asOfDay, locale);
  };
}

export type OverviewOf = ReturnType<typeof createOverviewService>;
