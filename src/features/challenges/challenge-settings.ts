import { RegularsError } from '../../platform/errors.js';
import { CHALLENGE_KINDS, type ChallengeKind } from './challenge.js';

/** The store setting (store_settings.name) that holds a store's challenge rules. */
export const CHALLENGE_SETTINGS_NAME = 'challenges';

/** A store's challenge rules (docs/challenges.md, "Settings"). */
export interface ChallengeSettings {
  /** Which kinds are issued. */
  readonly kinds: readonly ChallengeKind[];
  /** W: the window habits are counted in, and the length of a frequency or new_category challenge. */
  readonly windowDays: number;
  /** N: how many W-day windows before the as-of day the typical visits k are measured over. */
  readonly lookbackWindows: number;
  /** Visit days (days with a qualifying order) a customer needs before any challenge (3 = 2 intervals). */
  readonly minOrderDays: number;
  /** interval: the next visit is asked for within round(factor x median interval) days of the last one. */
  readonly intervalFactor: number;
  /** The shortest time a challenge gives, in days from its first day (an overdue customer's interval challenge). */
  readonly minWindowDays: number;
  /** new_category: how many most similar customers vote for a category. */
  readonly neighbours: number;
  /** new_category: how many of those neighbours must have bought the category. */
  readonly minNeighbourSupport: number;
  /** Points posted once when a challenge of each kind is completed. */
  readonly bonusPoints: Readonly<Record<ChallengeKind, number>>;
}

export const DEFAULT_CHALLENGE_SETTINGS: ChallengeSettings = {
  kinds: CHALLENGE_KINDS,
  windowDays: 28,
  lookbackWindows: 6,
  minOrderDays: 3,
  intervalFactor: 0.8,
  minWindowDays: 7,
  neighbours: 20,
  minNeighbourSupport: 2,
  bonusPoints: { frequency: 100, interval: 100, new_category: 50 },
};

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', `challenges setting ${field}: ${message}`, { field });
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return value;
}

const FIELDS = Object.keys(DEFAULT_CHALLENGE_SETTINGS) as (keyof ChallengeSettings)[];

/**
 * A store's settings from the stored JSON (null: the store never set them, so the defaults). Any
 * field may be left out and takes its default; an unknown field or a value out of range is
 * INVALID_ARGUMENT naming the field (`bonusPoints.frequency`), so a typo is never silently ignored.
 */
export function parseChallengeSettings(value: unknown): ChallengeSettings {
  if (value === null || value === undefined) return DEFAULT_CHALLENGE_SETTINGS;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('(root)', 'must be a JSON object');
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(FIELDS as string[]).includes(key)) throw invalid(key, `unknown field; the fields are ${FIELDS.join(', ')}`);
  }
  const d = DEFAULT_CHALLENGE_SETTINGS;
  const windowDays =
    input.windowDays === undefined ? d.windowDays : wholeNumber(input.windowDays, 'windowDays', 7, 366);

  let kinds = d.kinds;
  if (input.kinds !== undefined) {
    if (!Array.isArray(input.kinds)) throw invalid('kinds', `must be a list of ${CHALLENGE_KINDS.join(', ')}`);
    input.kinds.forEach((kind, i) => {
      if (!(CHALLENGE_KINDS as readonly unknown[]).includes(kind))
        throw invalid(`kinds[${i}]`, `must be one of ${CHALLENGE_KINDS.join(', ')}, not ${JSON.stringify(kind)}`);
    });
    // In the canonical order whatever order the store wrote them, without repeats.
    kinds = CHALLENGE_KINDS.filter((kind) => (input.kinds as unknown[]).includes(kind));
  }

  let intervalFactor = d.intervalFactor;
  if (input.intervalFactor !== undefined) {
    // Below 1, so the window asked for is shorter than the usual interval (the point of the challenge).
    if (typeof input.intervalFactor !== 'number' || !(input.intervalFactor >= 0.1 && input.intervalFactor < 1)) {
      throw invalid(
        'intervalFactor',
        `must be a number from 0.1 up to (not including) 1, not ${JSON.stringify(input.intervalFactor)}`,
      );
    }
    intervalFactor = input.intervalFactor;
  }

  let bonusPoints = d.bonusPoints;
  if (input.bonusPoints !== undefined) {
    if (input.bonusPoints === null || typeof input.bonusPoints !== 'object' || Array.isArray(input.bonusPoints)) {
      throw invalid('bonusPoints', 'must be an object of points per kind, e.g. {"frequency": 100}');
    }
    const given = input.bonusPoints as Record<string, unknown>;
    for (const key of Object.keys(given)) {
      if (!(CHALLENGE_KINDS as readonly string[]).includes(key))
        throw invalid(`bonusPoints.${key}`, `unknown kind; the kinds are ${CHALLENGE_KINDS.join(', ')}`);
    }
    const points = (kind: ChallengeKind) =>
      given[kind] === undefined
        ? d.bonusPoints[kind]
        : wholeNumber(given[kind], `bonusPoints.${kind}`, 1, 1_000_000_000);
    bonusPoints = {
      frequency: points('frequency'),
      interval: points('interval'),
      new_category: points('new_category'),
    };
  }

  const neighbours =
    input.neighbours === undefined ? d.neighbours : wholeNumber(input.neighbours, 'neighbours', 1, 1000);
  const minNeighbourSupport =
    input.minNeighbourSupport === undefined
      ? d.minNeighbourSupport
      : wholeNumber(input.minNeighbourSupport, 'minNeighbourSupport', 1, 1000);
  if (minNeighbourSupport > neighbours)
    throw invalid('minNeighbourSupport', `must not exceed neighbours (${neighbours}), not ${minNeighbourSupport}`);

  return {
    kinds,
    windowDays,
    lookbackWindows:
      input.lookbackWindows === undefined
        ? d.lookbackWindows
        : wholeNumber(input.lookbackWindows, 'lookbackWindows', 1, 52),
    minOrderDays:
      input.minOrderDays === undefined ? d.minOrderDays : wholeNumber(input.minOrderDays, 'minOrderDays', 2, 1000),
    intervalFactor,
    // At most the window: a long-cycle customer is never given more time than a frequent one.
    minWindowDays:
      input.minWindowDays === undefined
        ? Math.min(d.minWindowDays, windowDays)
        : wholeNumber(input.minWindowDays, 'minWindowDays', 1, windowDays),
    neighbours,
    minNeighbourSupport,
    bonusPoints,
  };
}
