import { instantOfWallClock } from '../../delivery/index.js';
import { SettingsReader } from '../engine/flow-settings.js';
import { inWindow } from '../engine/flow-time.js';

/**
 * Campaign (micro-moment 8): a newsletter or seasonal announcement, written once (the
 * template's data in the settings) and sent at `sendAt` to a segment's members, or to every
 * customer. With `localTime` each customer gets it at sendAt's wall time in their own zone.
 */
export interface CampaignSettings {
  readonly template: string;
  /** ISO instant, normalised to UTC. */
  readonly sendAt: string;
  /** A segment's id ('seg_...') or a built-in segment's key ('vip'); null: every customer. */
  readonly segment: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly localTime: boolean;
}

const TEMPLATE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

export function parseCampaignSettings(raw: Readonly<Record<string, unknown>>, where: string): CampaignSettings {
  const reader = new SettingsReader(raw, where);
  const template = reader.string(
    'template',
    'newsletter',
    TEMPLATE,
    "a template name (lower-case letters, digits and '-')",
  );
  const sendAtText = reader.string(
    'sendAt',
    '',
    INSTANT,
    "an ISO 8601 instant with an offset, such as '2026-03-01T09:00:00+01:00'",
  );
  if (sendAtText === '' || Number.isNaN(Date.parse(sendAtText)))
    throw reader.fail('sendAt', "is required: an ISO 8601 instant with an offset, such as '2026-03-01T09:00:00+01:00'");
  const segment = reader.nullableString(
    'segment',
    null,
    /^[A-Za-z0-9_-]{1,100}$/,
    "a segment's id or a built-in segment's key such as 'vip'",
  );
  const data = reader.json('data') ?? {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw reader.fail('data', "must be a JSON object: the template's variables");
  if (template === 'newsletter') checkNewsletterData(reader, data as Record<string, unknown>);
  const localTime = reader.boolean('localTime', false);
  reader.done();
  return {
    template,
    sendAt: new Date(Date.parse(sendAtText)).toISOString(),
    segment,
    data: data as Record<string, unknown>,
    localTime,
  };
}

/**
 * What the built-in newsletter renders, checked when the flow is read (a campaign is written by hand
 * and a mistake must not wait for the send): campaign.{subject, intro, sections[].{title, body,
 * url?, link_text?}}, link_text required with url (the template prints it next to the link).
 */
function checkNewsletterData(reader: SettingsReader, data: Record<string, unknown>): void {
  const fail = (field: string, message: string) => reader.fail(`data.campaign${field}`, message);
  const campaign = data.campaign;
  if (campaign === null || typeof campaign !== 'object' || Array.isArray(campaign))
    throw fail(
      '',
      'is required by the newsletter template: { subject, intro, sections: [{ title, body, url?, link_text? }] }',
    );
  const { subject, intro, sections, body, preheader } = campaign as Record<string, unknown>;
  const text = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  if (!text(subject)) throw fail('.subject', 'must be non-empty text (the email subject)');
  if (typeof subject === 'string' && /[\r\n]/.test(subject)) throw fail('.subject', 'must be one line');
  if (preheader !== undefined && preheader !== null && (typeof preheader !== 'string' || /[\r\n]/.test(preheader)))
    throw fail('.preheader', 'must be one line of text (the preview inbox lists show after the subject)');
  // A body written in the console (Markdown with Liquid, docs/console.md "Campaigns") stands in
  // for the intro and sections.
  if (body !== undefined && body !== null) {
    if (!text(body)) throw fail('.body', 'must be non-empty text (Markdown with Liquid)');
    return;
  }
  if (!text(intro)) throw fail('.intro', 'must be non-empty text');
  if (!Array.isArray(sections))
    throw fail('.sections', 'must be a list of { title, body, url?, link_text? } (may be empty)');
  sections.forEach((section: unknown, i) => {
    if (section === null || typeof section !== 'object' || Array.isArray(section))
      throw fail(`.sections[${i}]`, 'must be { title, body, url?, link_text? }');
    const { title, body, url, link_text: linkText } = section as Record<string, unknown>;
    if (!text(title)) throw fail(`.sections[${i}].title`, 'must be non-empty text');
    if (!text(body)) throw fail(`.sections[${i}].body`, 'must be non-empty text');
    if (url !== undefined && url !== null) {
      if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url))
        throw fail(`.sections[${i}].url`, 'must be an http(s) link');
      if (!text(linkText)) throw fail(`.sections[${i}].link_text`, 'must be non-empty text when the section has a url');
    }
  });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a zone, as the milliseconds of a UTC date with the same fields. */
export function wallClockMs(instant: string, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const ms = Date.parse(instant);
  const fields: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    ms % 1000 < 0 ? (ms % 1000) + 1000 : ms % 1000,
  );
}

/** Earth's zones run from UTC-12 to UTC+14: a local-time campaign spans these hours around its wall time. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;
const LATEST_OFFSET_MS = 12 * 3_600_000;

/**
 * When the campaign goes out, as a function of the customer's zone, and whether the window can
 * hold any of it (so a run that cannot plan anything reads no customers). Without localTime the
 * instant is sendAt for everyone; with it, sendAt's wall time in the store's zone, read in the
 * customer's zone (DST-safe, per zone once).
 */
export function campaignTiming(
  settings: Pick<CampaignSettings, 'sendAt' | 'localTime'>,
  storeZone: string,
  window: { readonly from: string; readonly to: string },
) {
  if (!settings.localTime) {
    const due = inWindow(settings.sendAt, window);
    return { possible: due, sendAtIn: (_zone: string): string | null => (due ? settings.sendAt : null) };
  }
  const wall = wallClockMs(settings.sendAt, storeZone);
  const possible =
    wall - EARLIEST_OFFSET_MS - 3_600_000 < Date.parse(window.to) &&
    wall + LATEST_OFFSET_MS + 3_600_000 >= Date.parse(window.from);
  const byZone = new Map<string, string | null>();
  return {
    possible,
    sendAtIn(zone: string): string | null {
      let at = byZone.get(zone);
      if (at === undefined) {
        const instant = new Date(instantOfWallClock(wall, zone)).toISOString();
        at = inWindow(instant, window) ? instant : null;
        byZone.set(zone, at);
      }
      return at;
    },
  };
}

/** "member of segment 'VIP' when the campaign went out on 2026-03-01" (the day in the store's zone). */
export function campaignReason(segmentName: string | null, sendAt: string, storeZone: string): string {
  const day = new Date(wallClockMs(sendAt, storeZone)).toISOString().slice(0, 10);
  return segmentName === null
    ? `a customer of the store when the campaign went out on ${day}`
    : `member of segment '${segmentName}' when the campaign went out on ${day}`;
}
