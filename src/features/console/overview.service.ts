import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { storeCurrency } from '../orders/index.js';
import { readShopProfile } from '../stores/index.js';
import { buildOverview, type Overview } from './overview.js';
import { ordersVersion, readPredictedClv, readStoreOrderLog } from './overview-orders.query.js';

export interface StoreOverview extends Overview {
  readonly currency: string | null;
  /** The shop profile's language tag (en-GB), for number and date formats; null when not set. */
  readonly locale: string | null;
  /** The orders' version the figures were computed at (count and latest change). */
  readonly version: string;
  /** How long computing them took, in ms (0 when served from the cache). */
  readonly computeMs: number;
  readonly cached: boolean;
}

/** Overviews kept, one per store and as-of: a server serves a handful of stores' staff. */
const MAX_ENTRIES = 64;

/**
 * The Overview of a store, computed from its stored orders and kept until they change: reading a
 * million orders and building the report takes seconds, checking their version milliseconds. The
 * version is read before the orders, so a figure is never labelled newer than what it was built
 * from; requests that arrive while one is computed wait for it instead of computing again.
 */
export function createOverviewService(db: Kysely<Database>, now: () => number = Date.now) {
  const cache = new Map<string, { version: string; overview: Promise<StoreOverview> }>();

  async function compute(storeId: string, asOfDay: number | null, version: string): Promise<StoreOverview> {
    const started = now();
    const [log, clv, currency, profile] = await Promise.all([
      readStoreOrderLog(db, storeId),
      readPredictedClv(db, storeId),
      storeCurrency(db, storeId),
      readShopProfile(db, storeId),
    ]);
    const overview = buildOverview(log, asOfDay, clv);
    return { ...overview, currency, locale: profile.locale, version, computeMs: now() - started, cached: false };
  }

  return async function overviewOf(storeId: string, asOfDay: number | null): Promise<StoreOverview> {
    const key = `${storeId}|${asOfDay ?? ''}`;
    const version = await ordersVersion(db, storeId);
    const hit = cache.get(key);
    if (hit && hit.version === version) {
      const overview = await hit.overview;
      return { ...overview, computeMs: 0, cached: true };
    }
    const overview = compute(storeId, asOfDay, version);
    if (cache.size >= MAX_ENTRIES && !cache.has(key)) cache.delete(cache.keys().next().value as string);
    cache.set(key, { version, overview });
    try {
      return await overview;
    } catch (error) {
      if (cache.get(key)?.overview === overview) cache.delete(key);
      throw error;
    }
  };
}

export type OverviewOf = ReturnType<typeof createOverviewService>;
