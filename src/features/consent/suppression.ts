/**
 * A suppression: an address Regulars must not send to on a channel, whatever flow or campaign asks.
 * 'unsubscribed' comes from an unsubscribe link; 'bounced' (a hard bounce: the address does not
 * exist) and 'complained' (the recipient marked a message as spam) come from the ESP.
 */
export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced', 'complained'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** The consent channels: a suppression is the per-address counterpart of a withdrawn consent. */
export const SUPPRESSION_CHANNELS = ['email', 'sms', 'push', 'whatsapp'] as const;
export type SuppressionChannel = (typeof SUPPRESSION_CHANNELS)[number];

/** The largest page of suppressions a list returns. */
export const MAX_SUPPRESSION_PAGE = 1000;

export interface SuppressionInput {
  readonly channel: SuppressionChannel;
  readonly address: string;
  readonly reason: SuppressionReason;
  readonly customerId: string | null;
  /** Where it was learnt: 'unsubscribe_link', 'preferences_page', 'api', ... */
  readonly source: string;
  readonly detail: string | null;
  /** ISO 8601 with offset. */
  readonly occurredAt: string;
}

export interface Suppression extends SuppressionInput {
  readonly storeId: string;
  readonly createdAt: string;
}

/**
 * The form addresses are stored and looked up in: emails trimmed and in lower case (the local part
 * is case-sensitive in theory, never in practice, and a suppression must not miss by case); phone
 * numbers without spaces, dashes, dots or brackets.
 */
export function normalizeAddress(channel: string, address: string): string {
  const trimmed = address.trim();
  if (channel === 'email') return trimmed.toLowerCase();
  if (channel === 'sms' || channel === 'whatsapp') return trimmed.replace(/[\s().-]/g, '');
  return trimmed;
}
