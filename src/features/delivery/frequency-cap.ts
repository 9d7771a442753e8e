/**
 * The frequency cap across all flows: marketing messages of one channel to one customer, whatever
 * flow plans them. Transactional messages are never capped (and do not count).
 */
export interface FrequencyCap {
  /** At most one marketing message per this many hours (default 16; 0 turns this rule off). */
  readonly minHoursBetween: number;
  /** At most this many marketing messages ... (default 3; 0 turns this rule off) */
  readonly maxPerWindow: number;
  /** ... in any rolling window of this many days (default 7). */
  readonly windowDays: number;
  /**
   * An over-cap message with at least this priority is postponed to the earliest time the cap
   * allows; one below it is dropped (skipped). 0 postpones everything, 101 drops everything.
   */
  readonly postponeMinPriority: number;
}

export const DEFAULT_FREQUENCY_CAP: FrequencyCap = Object.freeze({
  minHoursBetween: 16,
  maxPerWindow: 3,
  windowDays: 7,
  postponeMinPriority: 50,
});

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The earliest instant at or after `now` at which one more marketing message fits the cap, given
 * the instants the customer's earlier marketing messages on the channel were sent (or handed to the
 * channel), or null when one fits now. A message sent at s counts against the window at t while
 * t - s < window, so it stops counting at s + window exactly.
 */
export function earliestUncapped(sentAt: readonly string[], now: string, cap: FrequencyCap): string | null {
  const nowMs = Date.parse(now);
  const times = sentAt.map((s) => Date.parse(s)).sort((a, b) => b - a);
  let earliest = nowMs;
  if (times.length > 0 && cap.minHoursBetween > 0)
    earliest = Math.max(earliest, times[0] + cap.minHoursBetween * HOUR_MS);
  // With the newest first, the maxPerWindow-th newest must have left the window.
  if (cap.maxPerWindow > 0 && times.length >= cap.maxPerWindow) {
    earliest = Math.max(earliest, times[cap.maxPerWindow - 1] + cap.windowDays * DAY_MS);
  }
  return earliest > nowMs ? new Date(earliest).toISOString() : null;
}

/** How far back the sends that can matter for the cap go: the longer of the two rules. */
export function capLookbackMs(cap: FrequencyCap): number {
  return Math.max(cap.minHoursBetween * HOUR_MS, cap.windowDays * DAY_MS);
}
