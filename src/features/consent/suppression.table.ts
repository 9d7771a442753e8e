import type { Insertable, Selectable } from 'kysely';

/** An address not to send to on a channel, and why (suppression.repository.ts). */
export interface SuppressionTable {
  store_id: string;
  /** 'email', 'sms', ... */
  channel: string;
  /** Normalised: email trimmed and lower-cased. */
  address: string;
  /** 'unsubscribed' | 'bounced' | 'complained' */
  reason: string;
  customer_id: string | null;
  /** 'unsubscribe_link', 'preferences_page', 'api', ... */
  source: string;
  detail: string | null;
  occurred_at: string;
  created_at: string;
}

export type SuppressionRow = Selectable<SuppressionTable>;
export type NewSuppressionRow = Insertable<SuppressionTable>;
