/**
 * A change to a flow's settings as the console sends it: only the fields the person changed.
 * Merged into the settings as written (not the completed ones, which a kind's parser may not read
 * back: replenishment completes `skus: []` as null), objects field by field, anything else
 * replaced; null is a value (a nullable setting's "none"), not a removal.
 */
export function mergeSettingsPatch(
  written: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...written };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] = isPlainObject(value) && isPlainObject(current) ? mergeSettingsPatch(current, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
