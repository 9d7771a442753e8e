/**
 * The keys one person is recognised by across sources, shared by the import's parsers (a phone-only
 * order is keyed by its phone) and the customers feature (an incoming customer is matched by them).
 */

/** An email as compared: trimmed and lower-cased (mailbox providers treat the local part so); null when blank. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const key = email?.trim().toLowerCase() ?? '';
  return key === '' ? null : key;
}

/**
 * A phone as compared, E.164-like: '+' and digits only ('+1 (613) 555-0100' -> '+16135550100'),
 * a leading international '00' read as '+'. A number written without a country code keeps its
 * digits as they are (the country is unknown). Null when fewer than 6 digits remain: too short to
 * tell two people apart.
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  const text = phone?.trim() ?? '';
  const digits = text.replace(/\D/g, '');
  if (digits.length < 6) return null;
  if (text.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits;
}
