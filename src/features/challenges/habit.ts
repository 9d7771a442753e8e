/**
 * A customer's buying habit, measured from their visit days: the distinct store-calendar days with
 * at least one qualifying order. Days, not orders, so splitting one basket into two orders neither
 * raises the habit nor completes a challenge (docs/challenges.md, "Habit").
 */

/** The median interval is taken over at most this many latest intervals: the recent habit, not a decade-old one. */
export const RECENT_INTERVALS = 12;

export interface HabitSettings {
  readonly windowDays: number;
  readonly lookbackWindows: number;
  readonly minOrderDays: number;
}

export interface Habit {
  /** Visit days up to the as-of day. */
  readonly visitDays: number;
  readonly lastVisitDay: number;
  /** Median of the latest RECENT_INTERVALS intervals between consecutive visit days (a half day when the middle two differ by an odd number). */
  readonly medianIntervalDays: number;
  /** Windows among the last lookbackWindows with at least one visit. */
  readonly activeWindows: number;
  /**
   * k: the lower median of the visit counts of the active windows (the smaller middle value when
   * their number is even, so an even split is read conservatively); null without an active window.
   */
  readonly typicalVisits: number | null;
  /** frequent: median interval <= W days (frequency challenge); long: a longer cycle (interval challenge). */
  readonly cycle: 'frequent' | 'long';
}

/**
 * The habit of a customer from their visit days up to and including `asOfDay` (any order, repeats
 * allowed; later days are ignored), or null with fewer than minOrderDays visit days: too little history.
 *
 * Windows: window j (j = 0 .. N-1) is the W days [asOfDay - (j+1) W + 1, asOfDay - j W], so window
 * 0 ends on the as-of day. A window is active when it holds a visit; windows without one are left
 * out of k, because "usually orders k times in W days" describes the windows the customer shops in
 * (a holiday month does not make k = 0).
 */
export function measureHabit(days: readonly number[], asOfDay: number, settings: HabitSettings): Habit | null {
  const history: number[] = [];
  for (const day of [...days].sort((a, b) => a - b))
    if (day <= asOfDay && (history.length === 0 || day > history[history.length - 1])) history.push(day);
  if (history.length < settings.minOrderDays || history.length < 2) return null;

  const intervals: number[] = [];
  for (let i = Math.max(1, history.length - RECENT_INTERVALS); i < history.length; i++)
    intervals.push(history[i] - history[i - 1]);
  const medianIntervalDays = median(intervals);

  const W = settings.windowDays;
  const counts = new Array<number>(settings.lookbackWindows).fill(0);
  for (const day of history) {
    const j = Math.floor((asOfDay - day) / W);
    if (j < settings.lookbackWindows) counts[j]++;
  }
  const active = counts.filter((c) => c > 0).sort((a, b) => a - b);
  return {
    visitDays: history.length,
    lastVisitDay: history[history.length - 1],
    medianIntervalDays,
    activeWindows: active.length,
    typicalVisits: active.length === 0 ? null : active[Math.floor((active.length - 1) / 2)],
    cycle: medianIntervalDays <= W ? 'frequent' : 'long',
  };
}

/** The usual median: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('the median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The frequency target: max(k + 1, ceil(1.2 k)) in integers (ceil(6k / 5) = floor((6k + 4) / 5)),
 * because 1.2 x 5 is 6.000000000000001 in floating point and its ceiling would be 7.
 */
export function frequencyTarget(k: number): number {
  return Math.max(k + 1, Math.floor((6 * k + 4) / 5));
}

/**
 * The interval target in days: factor x median interval rounded to the nearest day (halves up), at
 * least 1. The epsilon keeps an exact half (0.9 x 45 = 40.5) from rounding down by float error.
 */
export function intervalTargetDays(medianIntervalDays: number, factor: number): number {
  return Math.max(1, Math.floor(factor * medianIntervalDays + 0.5 + 1e-9));
}

/** Day number of the Monday of a day's week (day 0, 1970-01-01, was a Thursday). */
export function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}
