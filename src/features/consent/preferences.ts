import { RegularsError } from '../../platform/errors.js';

/**
 * What a customer chooses to receive, within the marketing consent they gave (docs/shopper.md
 * "Preference center"): topics they turned off, how often at most, and a snooze. Every flow declares
 * its topic in its definition file (a campaign is 'newsletter'); the delivery worker checks these
 * at send time, so a choice applies to messages already planned.
 */
export const PREFERENCE_TOPICS = ['newsletter', 'replenishment', 'offers', 'loyalty', 'reviews'] as const;
export type PreferenceTopic = (typeof PREFERENCE_TOPICS)[number];

export const TOPIC_LABELS: Readonly<Record<PreferenceTopic, string>> = {
  newsletter: 'Newsletter',
  replenishment: 'Replenishment reminders',
  offers: 'Offers and win-back',
  loyalty: 'Loyalty updates',
  reviews: 'Review requests',
};

export const FREQUENCIES = ['as_sent', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  as_sent: 'As they are sent',
  weekly: 'At most one a week',
  monthly: 'At most one a month',
};

const FREQUENCY_DAYS: Readonly<Record<Frequency, number | null>> = { as_sent: null, weekly: 7, monthly: 30 };
export const SNOOZE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface Preferences {
  /** The topics the customer receives (every topic unless turned off). */
  readonly topics: Readonly<Record<PreferenceTopic, boolean>>;
  readonly frequency: Frequency;
  /** ISO instant; null when not snoozed (or the snooze has passed). */
  readonly snoozedUntil: string | null;
}

export const DEFAULT_PREFERENCES: Preferences = {
  topics: { newsletter: true, replenishment: true, offers: true, loyalty: true, reviews: true },
  frequency: 'as_sent',
  snoozedUntil: null,
};

export function isPreferenceTopic(value: unknown): value is PreferenceTopic {
  return typeof value === 'string' && (PREFERENCE_TOPICS as readonly string[]).includes(value);
}

/** The stored row's fields as Preferences; a snooze that has passed is no snooze. */
export function preferencesFromStored(
  stored: {
    readonly topicsOff: readonly string[];
    readonly frequency: string;
    readonly snoozedUntil: string | null;
  } | null,
  now: string,
): Preferences {
  if (stored === null) return DEFAULT_PREFERENCES;
  const topics = { ...DEFAULT_PREFERENCES.topics };
  for (const topic of stored.topicsOff) if (isPreferenceTopic(topic)) topics[topic] = false;
  const frequency = (FREQUENCIES as readonly string[]).includes(stored.frequency)
    ? (stored.frequency as Frequency)
    : 'as_sent';
  const snoozed = stored.snoozedUntil !== null && Date.parse(stored.snoozedUntil) > Date.parse(now);
  return { topics, frequency, snoozedUntil: snoozed ? stored.snoozedUntil : null };
}

/** A change as an API or form sends it: any of the fields; `snooze: true` snoozes 30 days from now, false ends it. */
export interface PreferenceChange {
  readonly topics?: Readonly<Record<string, unknown>>;
  readonly frequency?: unknown;
  readonly snooze?: unknown;
}

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

/** The preferences after a change (INVALID_ARGUMENT naming the field for an unknown topic or frequency). */
export function applyPreferenceChange(current: Preferences, change: PreferenceChange, now: string): Preferences {
  const topics = { ...current.topics };
  if (change.topics !== undefined) {
    for (const [topic, on] of Object.entries(change.topics)) {
      if (!isPreferenceTopic(topic))
        throw invalid(`topics.${topic}`, `unknown topic ${topic}; the topics are ${PREFERENCE_TOPICS.join(', ')}`);
      if (typeof on !== 'boolean') throw invalid(`topics.${topic}`, `topics.${topic} must be true or false`);
      topics[topic] = on;
    }
  }
  let frequency = current.frequency;
  if (change.frequency !== undefined) {
    if (typeof change.frequency !== 'string' || !(FREQUENCIES as readonly string[]).includes(change.frequency))
      throw invalid('frequency', `frequency must be one of ${FREQUENCIES.join(', ')}`);
    frequency = change.frequency as Frequency;
  }
  let snoozedUntil = current.snoozedUntil;
  if (change.snooze !== undefined) {
    if (typeof change.snooze !== 'boolean') throw invalid('snooze', 'snooze must be true (30 days from now) or false');
    snoozedUntil = change.snooze ? new Date(Date.parse(now) + SNOOZE_DAYS * DAY_MS).toISOString() : null;
  }
  return { topics, frequency, snoozedUntil };
}

/**
 * Whether the customer's preferences hold a marketing message of `topic` at `now`: a reason in the
 * worker's style ('preference: ...'), or null to let it through. `lastMarketingSentAt` is when the
 * customer's latest marketing message on the channel went out (for the frequency choice). A message
 * without a topic (a flow of an older definition) is held only by the snooze and the frequency.
 */
export function preferenceHold(
  preferences: Preferences,
  topic: string | null,
  lastMarketingSentAt: string | null,
  now: string,
): string | null {
  if (preferences.snoozedUntil !== null && Date.parse(preferences.snoozedUntil) > Date.parse(now))
    return `preference: the customer snoozed marketing messages until ${preferences.snoozedUntil}`;
  if (topic !== null && isPreferenceTopic(topic) && !preferences.topics[topic])
    return `preference: the customer turned off ${TOPIC_LABELS[topic].toLowerCase()} (topic ${topic})`;
  const days = FREQUENCY_DAYS[preferences.frequency];
  if (
    days !== null &&
    lastMarketingSentAt !== null &&
    Date.parse(now) - Date.parse(lastMarketingSentAt) < days * DAY_MS
  )
    return `preference: the customer wants at most one marketing message every ${days} days; the last went out at ${lastMarketingSentAt}`;
  return null;
}
