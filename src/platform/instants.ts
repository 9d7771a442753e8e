/** The ISO instant `ms` milliseconds after `instant` (before it for a negative `ms`). */
export function plusMs(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}
