import { instantOfWallClock } from '../../delivery/index.js';
import { plusMs } from '../../../platform/instants.js';

/**
 * Time for planners: days are calendar day numbers (analytics/day.ts), and a day-based message
 * (a birthday, a reminder due on day N) goes out at a local hour in the store's zone.
 */
const DAY_MS = 86_400_000;

/** The UTC calendar day number of an instant. */
export function dayOfInstant(instant: string): number {
  return Math.floor(Date.parse(instant) / DAY_MS);
}

/** The instant of local `hour`:`minute` on `day` in `timeZone` (DST-safe), as ISO UTC. */
export function sendAtOnDay(day: number, timeZone: string, hour: number, minute = 0): string {
  const wall = day * DAY_MS + hour * 3_600_000 + minute * 60_000;
  return new Date(instantOfWallClock(wall, timeZone)).toISOString();
}

/** ISO instant plus milliseconds (the planners' name for it). */
export { plusMs };

export function plusDays(instant: string, days: number): string {
  return plusMs(instant, days * DAY_MS);
}

/** Whether an instant falls in [from, to). Instants compare as numbers, so offsets other than Z are fine. */
export function inWindow(instant: string, window: { readonly from: string; readonly to: string }): boolean {
  const t = Date.parse(instant);
  return t >= Date.parse(window.from) && t < Date.parse(window.to);
}

/** The day numbers whose local `hour` send instant falls in the window (usually one day). */
export function daysSendingIn(
  window: { readonly from: string; readonly to: string },
  timeZone: string,
  hour: number,
): number[] {
  const first = dayOfInstant(window.from) - 1;
  const last = dayOfInstant(window.to) + 1;
  const days: number[] = [];
  for (let day = first; day <= last; day++) if (inWindow(sendAtOnDay(day, timeZone, hour), window)) days.push(day);
  return days;
}
