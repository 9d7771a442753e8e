import {
  FREQUENCIES,
  FREQUENCY_LABELS,
  PREFERENCE_TOPICS,
  type PreferenceChange,
  type Preferences,
  TOPIC_LABELS,
} from './preferences.js';

/** As the person pages escape text (platform/http/person-pages.ts); kept here so this file stays pure. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The preference center's fields (topics, frequency, snooze, unsubscribe from all) as HTML, for the
 * preference page of an email link and the account page; and the fields read back from the form.
 * Pure: the pages put it in their own <form>.
 */
export function preferenceFieldsHtml(preferences: Preferences): string {
  const topics = PREFERENCE_TOPICS.map(
    (topic) =>
      `<label><input type="checkbox" name="topic" value="${topic}"${preferences.topics[topic] ? ' checked' : ''}> ${escapeHtml(TOPIC_LABELS[topic])}</label>`,
  ).join('\n');
  const frequency = FREQUENCIES.map(
    (f) =>
      `<label><input type="radio" name="frequency" value="${f}"${preferences.frequency === f ? ' checked' : ''}> ${escapeHtml(FREQUENCY_LABELS[f])}</label>`,
  ).join('\n');
  const snoozed =
    preferences.snoozedUntil === null
      ? `<label><input type="checkbox" name="snooze" value="1"> Pause all of these for 30 days</label>`
      : `<p>Paused until ${escapeHtml(preferences.snoozedUntil.slice(0, 10))}.</p>\n<label><input type="checkbox" name="unsnooze" value="1"> Start again now</label>`;
  return `<fieldset><legend>What would you like to hear about?</legend>
${topics}
</fieldset>
<fieldset><legend>How often?</legend>
${frequency}
</fieldset>
<fieldset><legend>Take a break</legend>
${snoozed}
</fieldset>`;
}

type Fields = Readonly<Record<string, unknown>>;

function values(fields: Fields, name: string): string[] {
  const value = fields[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** The change a submitted preference form asks for: every topic shown is on when ticked, off when not. */
export function preferenceChangeFromForm(fields: Fields): PreferenceChange {
  const ticked = new Set(values(fields, 'topic'));
  const frequency = values(fields, 'frequency')[0];
  const snooze = values(fields, 'snooze').length > 0 ? true : values(fields, 'unsnooze').length > 0 ? false : undefined;
  return {
    topics: Object.fromEntries(PREFERENCE_TOPICS.map((t) => [t, ticked.has(t)])),
    ...(frequency === undefined ? {} : { frequency }),
    ...(snooze === undefined ? {} : { snooze }),
  };
}
