/**
 * A customer's identifiers as each ad platform wants them for a customer-list upload: normalised by
 * the platform's published rules, then SHA-256 hashed (hex, lower case), in the platform's own
 * upload columns. Nothing here reads a file or a clock: the export service feeds it rows.
 *
 * - Meta (Custom Audiences from a customer list, "Hashing and normalization" in Meta's Marketing API
 *   documentation): email trimmed and lower-cased; phone as digits only with the country code, no
 *   '+' and no leading zeros; first and last name lower-cased with punctuation removed (letters in
 *   any script are kept, UTF-8). Columns `email`, `phone`, `fn`, `ln`.
 * - Google Ads Customer Match ("Format customer data" / "Normalize and hash"): email trimmed and
 *   lower-cased, and for gmail.com and googlemail.com addresses every '.' of the local part removed;
 *   phone in E.164 ('+' and digits). Columns `Email`, `Phone`. Names are left out: Google matches a
 *   name only together with the country and postal code, which Regulars does not keep.
 */
import { createHash } from 'node:crypto';

export const AUDIENCE_PLATFORMS = ['meta', 'google'] as const;
export type AudiencePlatform = (typeof AUDIENCE_PLATFORMS)[number];

/** What the export reads of one customer. */
export interface AudienceContact {
  readonly email: string | null;
  readonly phone: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
}

/** How a phone written without its country code is completed: the store's calling code, e.g. '44'. */
export interface PhoneRule {
  readonly defaultCallingCode: string | null;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A plausible address after trimming and lower-casing, or null (nothing to match on). */
export function metaEmail(email: string | null): string | null {
  const value = email?.trim().toLowerCase() ?? '';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

export function googleEmail(email: string | null): string | null {
  const value = metaEmail(email);
  if (value === null) return null;
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1);
  if (domain !== 'gmail.com' && domain !== 'googlemail.com') return value;
  return `${value.slice(0, at).replaceAll('.', '')}@${domain}`;
}

/**
 * The number in E.164 ('+' and 8 to 15 digits), or null. '+' or '00' starts an international
 * number; otherwise the store's calling code is put in front, dropping a national trunk '0'
 * ('07700 900123' with 44 -> '+447700900123'). Without a calling code a national number is left
 * out rather than guessed.
 */
export function e164(phone: string | null, rule: PhoneRule): string | null {
  const text = phone?.trim() ?? '';
  if (text === '') return null;
  const digits = text.replace(/\D/g, '');
  let international: string;
  if (text.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (rule.defaultCallingCode !== null) international = rule.defaultCallingCode + digits.replace(/^0+/, '');
  else return null;
  return /^[1-9]\d{7,14}$/.test(international) ? `+${international}` : null;
}

/** Meta's phone: the E.164 digits without '+'. */
export function metaPhone(phone: string | null, rule: PhoneRule): string | null {
  return e164(phone, rule)?.slice(1) ?? null;
}

/** Meta's name rule: lower case, no punctuation or spaces, letters of any script kept. */
export function metaName(name: string | null): string | null {
  const value = (name ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}]/gu, '');
  return value === '' ? null : value;
}

export interface AudienceFormat {
  readonly header: readonly string[];
  /** The hashed cells of one customer, in header order ('' where unknown), or null when none is known. */
  row(contact: AudienceContact, rule: PhoneRule): string[] | null;
}

const hashed = (value: string | null): string => (value === null ? '' : sha256Hex(value));

export const AUDIENCE_FORMATS: Record<AudiencePlatform, AudienceFormat> = {
  meta: {
    header: ['email', 'phone', 'fn', 'ln'],
    row(contact, rule) {
      const email = metaEmail(contact.email);
      const phone = metaPhone(contact.phone, rule);
      // A name alone matches nobody: it goes out only beside an email or a phone.
      if (email === null && phone === null) return null;
      return [email, phone, metaName(contact.firstName), metaName(contact.lastName)].map(hashed);
    },
  },
  google: {
    header: ['Email', 'Phone'],
    row(contact, rule) {
      const email = googleEmail(contact.email);
      const phone = e164(contact.phone, rule);
      if (email === null && phone === null) return null;
      return [email, phone].map(hashed);
    },
  },
};

/** One CSV line; hex digests and fixed headers need no quoting. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\n`;
}
