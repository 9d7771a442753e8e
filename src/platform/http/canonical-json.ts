/**
 * JSON text with object keys sorted recursively (by UTF-16 code units, as RFC 8785 does) and no
 * whitespace: two bodies that mean the same (keys reordered, spaces added) give the same text.
 * Numbers keep JSON.stringify's shortest form, so 1.0 and 1 are equal too. Callers bound the depth
 * (input-checks.ts) before this recursion runs.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
