/**
 * The keys one person is recognised by across sources: an export keyed by email and the shop's
 * webhooks keyed by its own customer id name the same person, who must stay one customer.
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

/** How an incoming customer's source id was attached to a stored customer. */
export type MatchedBy = 'email' | 'phone' | 'merge';

/** A stored customer an incoming one may be. */
export interface MatchCandidate {
  readonly id: string;
  readonly externalId: string;
  readonly emailKey: string | null;
}

/**
 * The stored customer an incoming one (whose source id no customer has yet) is, if any: the one
 * with its email, else the one with its phone, unless that one has another email (a household
 * sharing a phone is two people).
 */
export function chooseMatch(
  emailKey: string | null,
  byEmail: MatchCandidate | undefined,
  byPhone: MatchCandidate | undefined,
): { candidate: MatchCandidate; matchedBy: MatchedBy } | null {
  if (byEmail) return { candidate: byEmail, matchedBy: 'email' };
  if (byPhone && (byPhone.emailKey === null || byPhone.emailKey === emailKey))
    return { candidate: byPhone, matchedBy: 'phone' };
  return null;
}
