import type { Insertable, Selectable } from 'kysely';

/** bounce_events: every bounce and complaint a feed reported, once per event and recipient (bounce-event.repository.ts). */
export interface BounceEventTable {
  store_id: string;
  /** 'provider:event id:address': the same on a redelivery, so it is recorded once. */
  event_key: string;
  /** 'ses' | 'postmark' | 'sendgrid' | 'mailgun' | 'smtp' */
  provider: string;
  /** 'hard_bounce' | 'soft_bounce' | 'complaint' */
  kind: string;
  /** Normalised as suppressions store it: trimmed, lower case. */
  address: string;
  /** The customer of the outbox message it matched, when it matched one. */
  customer_id: string | null;
  /** The outbox message ('msg_...') whose Message-ID the report carried. */
  outbox_message_id: string | null;
  /** The Message-ID the report named, in angle brackets. */
  message_id: string | null;
  detail: string | null;
  occurred_at: string;
  received_at: string;
}

export type BounceEventRow = Selectable<BounceEventTable>;
export type NewBounceEventRow = Insertable<BounceEventTable>;
