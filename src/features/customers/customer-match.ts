/**
 * The keys one person is recognised by across sources: an export keyed by email and the shop's
 * webhooks keyed by its own customer id name the same person, who must stay one customer.
 */

export { normalizeEmail, normalizePhone } from '../../platform/contact-keys.js';

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
