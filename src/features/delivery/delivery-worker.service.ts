import type { Kysely } from 'kysely';
import { deliverMessages } from './deliver-message.service.js';
import type { DeliveryDeps, DeliveryOutcome } from './delivery-ports.js';
import { DELIVERY_SETTING, type DeliverySettings, parseDeliverySettings } from './delivery-settings.js';
import { claimDueMessages, storesWithDueMessages } from './outbox.repository.js';
import type { DeliveryChannel } from './planned-message.js';
import {
  type BreakerOptions,
  type BreakerSnapshot,
  type BreakerState,
  type TransportBreaker,
  createTransportBreaker,
} from './transport-breaker.js';
import { countDelivery } from '../../platform/metrics/metrics.js';
import { readSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';

export interface DeliveryWorkerOptions {
  /** Only this store's messages; every store's when left out. */
  readonly storeId?: string;
  /** Messages leased per claim (default 100). */
  readonly batchSize?: number;
  /** Messages of a batch in flight at once (default 8). */
  readonly concurrency?: number;
  /** Drain what is due now, then return; otherwise poll until the signal aborts. */
  readonly once?: boolean;
  /** Wait between polls when nothing is due (default 1 s). */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Called when delivering a message threw (the database went away, say). The message keeps its
   * lease and is delivered again when the lease ends, so the worker goes on with the others.
   */
  readonly onError?: (error: unknown, messageId: string) => void;
  /**
   * Called when a whole round failed (finding or claiming due messages threw: the database is
   * restarting, say). A polling worker waits `retryInMs`, longer after each failure in a row, and
   * tries again; with `once` the error is thrown instead.
   */
  readonly onRoundError?: (error: unknown, retryInMs: number) => void;
  /** Called (and awaited) after every batch, with the running totals. */
  readonly onProgress?: (totals: Readonly<DeliveryTotals>) => void | Promise<void>;
  /** How each channel's breaker opens and backs off (transport-breaker.ts). */
  readonly breaker?: BreakerOptions;
  /** Called when a channel's breaker opens, half-opens or closes (the worker logs it). */
  readonly onBreakerChange?: (channel: DeliveryChannel, snapshot: BreakerSnapshot, previous: BreakerState) => void;
}

/** What the worker did, by outcome; `errors` counts messages whose delivery threw (a database error). */
export type DeliveryTotals = Record<DeliveryOutcome | 'errors', number>;

function emptyTotals(): DeliveryTotals {
  return { sent: 0, postponed: 0, skipped: 0, retried: 0, failed: 0, deferred: 0, lost_lease: 0, errors: 0 };
}

async function settingsOf(db: Kysely<Database>, storeId: string): Promise<DeliverySettings> {
  return parseDeliverySettings(await readSetting(db, storeId, DELIVERY_SETTING));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A breaker per channel the worker has, unless the caller gave its own. */
function breakersFor(deps: DeliveryDeps, options: DeliveryWorkerOptions): Map<DeliveryChannel, TransportBreaker> {
  const breakers = new Map<DeliveryChannel, TransportBreaker>();
  for (const channel of Object.keys(deps.channels) as DeliveryChannel[]) {
    breakers.set(
      channel,
      deps.breakers?.[channel] ??
        createTransportBreaker(options.breaker, (snapshot, previous) =>
          options.onBreakerChange?.(channel, snapshot, previous),
        ),
    );
  }
  return breakers;
}

/**
 * When every channel's transport is down: the earliest instant one may be probed (the worker
 * claims nothing until then); null when some channel can send.
 */
function pausedUntil(breakers: ReadonlyMap<DeliveryChannel, TransportBreaker>): string | null {
  let earliest: string | null = null;
  for (const breaker of breakers.values()) {
    const { state, retryAt } = breaker.snapshot();
    if (state === 'closed' || retryAt === null) return null;
    if (earliest === null || retryAt < earliest) earliest = retryAt;
  }
  return earliest;
}

/** Whether every channel is down or being probed: then one message at a time is claimed. */
function probing(breakers: ReadonlyMap<DeliveryChannel, TransportBreaker>): boolean {
  return breakers.size > 0 && [...breakers.values()].every((b) => b.snapshot().state !== 'closed');
}

/**
 * The delivery loop (architecture.md: "lease, run due triggers, drain the outbox; all state in the
 * database"). Each round claims a batch of due messages per store under a lease and delivers them,
 * `concurrency` at a time; nothing is remembered between rounds but the database, so any number of
 * workers can run, stop or die (PostgreSQL shares the outbox among them with SKIP LOCKED; on
 * SQLite one writer at a time). Returns what it did.
 *
 * Each channel has a circuit breaker (transport-breaker.ts, docs/delivery.md "When the mail server
 * is down"): while every channel's transport is down the worker claims nothing until the next probe
 * is due, then claims one message at a time as the probe; messages caught in the outage go back to
 * the outbox with their attempts unchanged and are sent once the transport is back.
 */
export async function runDeliveryWorker(
  deps: DeliveryDeps,
  options: DeliveryWorkerOptions = {},
): Promise<DeliveryTotals> {
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 8;
  const totals = emptyTotals();
  const breakers = breakersFor(deps, options);
  const withBreakers: DeliveryDeps = { ...deps, breakers: Object.fromEntries(breakers) };
  let failuresInARow = 0;
  while (!options.signal?.aborted) {
    const now = deps.clock();
    const paused = pausedUntil(breakers);
    if (paused !== null && paused > now) {
      if (options.once) break;
      // At most a poll's wait at a time: the breaker's clock and the timer's need not agree.
      await sleep(Math.min(Date.parse(paused) - Date.parse(now), options.pollMs ?? 1000), options.signal);
      continue;
    }
    let claimed: number;
    try {
      const limit = probing(breakers) ? 1 : batchSize;
      claimed = await deliverRound(withBreakers, options, limit, concurrency, totals);
      failuresInARow = 0;
    } catch (error) {
      if (options.once) throw error;
      failuresInARow++;
      const retryInMs = roundRetryDelayMs(failuresInARow, options.pollMs ?? 1000);
      options.onRoundError?.(error, retryInMs);
      await sleep(retryInMs, options.signal);
      continue;
    }
    if (claimed === 0) {
      if (options.once) break;
      await sleep(options.pollMs ?? 1000, options.signal);
    }
  }
  return totals;
}

/** The poll interval, doubled for each failed round in a row, at most 5 s: back soon after the database is. */
function roundRetryDelayMs(failuresInARow: number, pollMs: number): number {
  return Math.min(pollMs * 2 ** (failuresInARow - 1), Math.max(pollMs, MAX_ROUND_RETRY_MS));
}

const MAX_ROUND_RETRY_MS = 5_000;

/** One round: claims and delivers each store's due messages; returns how many it claimed. */
async function deliverRound(
  deps: DeliveryDeps,
  options: DeliveryWorkerOptions,
  batchSize: number,
  concurrency: number,
  totals: DeliveryTotals,
): Promise<number> {
  const now = deps.clock();
  const stores = options.storeId === undefined ? await storesWithDueMessages(deps.db, now) : [options.storeId];
  let claimed = 0;
  for (const storeId of stores) {
    if (options.signal?.aborted) break;
    const settings = await settingsOf(deps.db, storeId);
    const batch = await claimDueMessages(deps.db, {
      storeId,
      workerId: deps.workerId,
      now: deps.clock(),
      leaseUntil: new Date(Date.parse(deps.clock()) + deps.leaseMs).toISOString(),
      limit: batchSize,
    });
    claimed += batch.length;
    await deliverMessages(deps, storeId, batch, settings, {
      concurrency,
      signal: options.signal,
      onOutcome: (message, outcome) => {
        totals[outcome]++;
        countDelivery(message.channel, outcome);
      },
      onError: (message, error) => {
        totals.errors++;
        countDelivery(message.channel, 'error');
        options.onError?.(error, message.id);
      },
    });
    if (batch.length > 0) await options.onProgress?.(totals);
  }
  return claimed;
}
