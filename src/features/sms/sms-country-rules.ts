import type { QuietHours } from '../delivery/index.js';
import { isIanaTimeZone } from '../../platform/time-zone.js';

/**
 * When a marketing SMS may reach a phone, by the country its number belongs to (E.164 country
 * calling code, ITU-T E.164 assignments). The law is about the recipient's local time, and a phone
 * carries its country with it, so the rule follows the number, not the store.
 *
 * `zone` times a customer whose own time zone is unknown; `countryWide` is then the window that is
 * lawful across every zone of a country with several (US and Canada: 08:00 Pacific is 11:00
 * Eastern, 21:00 Eastern is 18:00 Pacific, so 11:00-21:00 New York time is inside 08:00-21:00
 * everywhere in the contiguous states). A customer with a known zone gets `quietHours` in it.
 *
 * Sources (docs/integrations.md "SMS" has the table):
 * - US: TCPA, 47 CFR 64.1200(c)(1): no telephone solicitation before 08:00 or after 21:00 local time.
 * - Canada: CRTC Unsolicited Telecommunications Rules (Part III, 9:00-21:30 weekdays for
 *   telemarketing); the stricter US window is used for the whole +1 plan.
 * - France: Fédération Française des Télécoms code of practice for SMS marketing (CNIL): 08:00-20:00,
 *   never on Sundays or public holidays (Sundays and holidays are NOT modelled: see the docs).
 * - Elsewhere in the table: no statutory hours; 21:00-08:00, the project's default, in the
 *   country's zone.
 */
export interface SmsCountryRule {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** The calling code, digits after '+'. */
  readonly callingCode: string;
  /** The IANA zone a customer of unknown zone is timed in. */
  readonly zone: string;
  /** No marketing SMS between these local hours. */
  readonly quietHours: QuietHours;
  /** For a country of several zones: the quiet hours in `zone` that hold in all of them. */
  readonly countryWide?: QuietHours;
}

const EVENING: QuietHours = Object.freeze({ start: '21:00', end: '08:00' });

export const SMS_COUNTRY_RULES: readonly SmsCountryRule[] = Object.freeze([
  {
    country: 'US/CA',
    callingCode: '1',
    zone: 'America/New_York',
    quietHours: EVENING,
    countryWide: { start: '21:00', end: '11:00' },
  },
  { country: 'FR', callingCode: '33', zone: 'Europe/Paris', quietHours: { start: '20:00', end: '08:00' } },
  { country: 'GB', callingCode: '44', zone: 'Europe/London', quietHours: EVENING },
  { country: 'IE', callingCode: '353', zone: 'Europe/Dublin', quietHours: EVENING },
  { country: 'DE', callingCode: '49', zone: 'Europe/Berlin', quietHours: EVENING },
  { country: 'NL', callingCode: '31', zone: 'Europe/Amsterdam', quietHours: EVENING },
  { country: 'BE', callingCode: '32', zone: 'Europe/Brussels', quietHours: EVENING },
  { country: 'ES', callingCode: '34', zone: 'Europe/Madrid', quietHours: EVENING },
  { country: 'IT', callingCode: '39', zone: 'Europe/Rome', quietHours: EVENING },
  { country: 'PT', callingCode: '351', zone: 'Europe/Lisbon', quietHours: EVENING },
  { country: 'CH', callingCode: '41', zone: 'Europe/Zurich', quietHours: EVENING },
]);

/** The rule of the number's country, or null (no '+', or a country not in the table). */
export function countryRuleOf(phone: string): SmsCountryRule | null {
  const digits = /^\+(\d{6,15})$/.exec(phone.replace(/[\s().-]/g, ''))?.[1];
  if (digits === undefined) return null;
  // E.164 codes are prefix-free, so at most one rule matches.
  return SMS_COUNTRY_RULES.find((rule) => digits.startsWith(rule.callingCode)) ?? null;
}

/**
 * The zone and quiet hours a marketing SMS to `phone` is timed by, or null to keep the store's
 * (a number without its country, or a country not in the table). A customer's own valid zone is
 * the most precise; without one, the country's zone with its country-wide window.
 */
export function smsSendWindow(
  phone: string,
  customerZone: string | null,
): { readonly timeZone: string; readonly quietHours: QuietHours } | null {
  const rule = countryRuleOf(phone);
  if (rule === null) return null;
  if (customerZone !== null && isIanaTimeZone(customerZone))
    return { timeZone: customerZone, quietHours: rule.quietHours };
  return { timeZone: rule.zone, quietHours: rule.countryWide ?? rule.quietHours };
}
