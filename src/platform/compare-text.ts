/**
 * Code-unit order of two strings: the same on every machine (localeCompare depends on the locale),
 * and the order SQLite sorts text in. Ids, ISO timestamps and SKUs sort by it everywhere.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
