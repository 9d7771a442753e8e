import { RegularsError } from '../../platform/errors.js';

/**
 * Changes to a store's delivery settings, as the CLI and `PUT /v1/settings/delivery` take them: a
 * partial document. The fields it names replace the stored ones, the others keep their values, so
 * a store owner changes the time zone without restating the frequency cap. `frequencyCap` is merged
 * field by field too; `flowHoldoutShares` is replaced whole. A field set to null returns to its
 * default, except `quietHours: null`, which turns quiet hours off (as in the stored document).
 */
export function mergeDeliveryChanges(stored: unknown, changes: unknown): Record<string, unknown> {
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes))
    throw new RegularsError('INVALID_ARGUMENT', 'the delivery settings to change must be a JSON object', {
      field: 'delivery',
    });
  const merged: Record<string, unknown> = isPlainObject(stored) ? { ...stored } : {};
  for (const [key, value] of Object.entries(changes as Record<string, unknown>)) {
    if (value === null && key !== 'quietHours') delete merged[key];
    else if (key === 'frequencyCap' && isPlainObject(value) && isPlainObject(merged.frequencyCap))
      merged.frequencyCap = { ...merged.frequencyCap, ...value };
    else merged[key] = value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The CLI's explicit flags (`regulars stores settings`), before they become a change document. */
export interface DeliverySettingsFlags {
  readonly set?: string;
  readonly timeZone?: string;
  readonly quietHours?: string;
  readonly frequencyCap?: string;
  readonly holdoutShare?: string;
  readonly maxAttempts?: string;
  /** An address, or `none` for no Reply-To. */
  readonly replyTo?: string;
}

function badFlag(flag: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', `${flag}: ${message}`, { field: flag });
}

function numberFlag(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw badFlag(flag, `${JSON.stringify(text)} is not a number`);
  return value;
}

const CAP_FIELDS = ['minHoursBetween', 'maxPerWindow', 'windowDays', 'postponeMinPriority'] as const;

/**
 * The change document the flags say: `--set` JSON first, then each explicit flag over it. Ranges,
 * zones and unknown keys are checked later by parseDeliverySettings, which names the field.
 */
export function deliveryChangesFromFlags(flags: DeliverySettingsFlags): Record<string, unknown> {
  let changes: Record<string, unknown> = {};
  if (flags.set !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(flags.set);
    } catch (error) {
      throw badFlag('--set', `not JSON (${(error as Error).message})`);
    }
    if (!isPlainObject(parsed)) throw badFlag('--set', 'must be a JSON object, e.g. {"timeZone":"Europe/Berlin"}');
    changes = { ...parsed };
  }
  if (flags.timeZone !== undefined) changes.timeZone = flags.timeZone;
  if (flags.quietHours !== undefined) {
    const text = flags.quietHours.trim();
    if (text === 'off') changes.quietHours = null;
    else {
      const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(text);
      if (!match)
        throw badFlag('--quiet-hours', `${JSON.stringify(text)} is not HH:MM-HH:MM (e.g. 21:00-08:00) or off`);
      changes.quietHours = { start: match[1].padStart(5, '0'), end: match[2].padStart(5, '0') };
    }
  }
  if (flags.frequencyCap !== undefined) {
    const cap: Record<string, number> = {};
    for (const part of flags.frequencyCap.split(',')) {
      const [name, value, extra] = part.split('=').map((s) => s.trim());
      if (!CAP_FIELDS.includes(name as (typeof CAP_FIELDS)[number]) || value === undefined || extra !== undefined)
        throw badFlag(
          '--frequency-cap',
          `${JSON.stringify(part)} is not NAME=VALUE with NAME one of ${CAP_FIELDS.join(', ')} (e.g. maxPerWindow=3,windowDays=7)`,
        );
      cap[name] = numberFlag('--frequency-cap', value);
    }
    changes.frequencyCap = cap;
  }
  if (flags.holdoutShare !== undefined) changes.holdoutShare = numberFlag('--holdout-share', flags.holdoutShare);
  if (flags.maxAttempts !== undefined) changes.maxAttempts = numberFlag('--max-attempts', flags.maxAttempts);
  if (flags.replyTo !== undefined) changes.replyTo = flags.replyTo.trim() === 'none' ? null : flags.replyTo;
  return changes;
}
