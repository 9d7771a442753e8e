import type { Kysely } from 'kysely';
import type { OutboxMessage } from './outbox-message.js';
import type { DeliveryChannel } from './planned-message.js';
import type { QuietHours } from './quiet-hours.js';
import type { TransportBreaker } from './transport-breaker.js';
import type { Customer } from '../customers/index.js';
import type { Database } from '../../platform/database/database.table.js';

/** One message handed to a channel: the outbox row (its idempotencyKey gives the Message-ID), the customer, the address. */
export interface OutgoingDelivery {
  readonly message: OutboxMessage;
  readonly customer: Customer;
  readonly address: string;
  /**
   * The store's unsubscribe signing secret, read with the send checks (null: the store has none
   * yet, and the channel makes it); left out, the channel reads it itself.
   */
  readonly unsubscribeSecret?: Buffer | null;
  /** The Reply-To the store's delivery settings give this message's flow (replyToFor), or null. */
  readonly replyTo?: string | null;
}

/**
 * A channel, as the delivery worker needs it (architecture.md habit 4): send one message, resolve
 * once the receiver accepted it. What it throws is classified (send-failure.ts): a transport
 * failure (the server refused or dropped the connection, an SMTP 4xx, a webhook 5xx or 429) puts
 * the message back without costing it an attempt; an error whose `permanent` is true (or an SMTP
 * 5xx for the recipient or the content, or a template that cannot render) fails it at once; any
 * other error is retried with backoff.
 */
export interface DeliveryChannelPort {
  send(delivery: OutgoingDelivery): Promise<{ readonly providerMessageId: string | null }>;
  /**
   * The zone and quiet hours a marketing message to this address is timed by, in place of the
   * store's, or null to keep them: an SMS follows the rules of its number's country.
   */
  sendWindow?(address: string, customerTimeZone: string | null): { timeZone: string; quietHours: QuietHours } | null;
}

/** Why the address is suppressed for a message of this purpose, or null (src/features/consent/suppression.repository.ts). */
export type SuppressionCheck = (
  db: Kysely<Database>,
  storeId: string,
  channel: string,
  address: string,
  purpose: string,
) => Promise<string | null>;

export interface DeliveryDeps {
  readonly db: Kysely<Database>;
  readonly channels: Partial<Record<DeliveryChannel, DeliveryChannelPort>>;
  /**
   * A suppression check in place of the store's suppression list; left out, the list is read with
   * the other send checks, for the whole batch (send-checks.query.ts).
   */
  readonly suppression?: SuppressionCheck;
  /** The worker's lease owner id. */
  readonly workerId: string;
  /** Now, as an ISO instant (tests pass a fake clock). */
  readonly clock: () => string;
  /** How long a message handed to a channel stays leased: longer than any send can take. */
  readonly leaseMs: number;
  /** Each channel's circuit breaker (transport-breaker.ts); a channel without one is never paused. */
  readonly breakers?: Partial<Record<DeliveryChannel, TransportBreaker>>;
}

/** 'deferred': back in the outbox, attempts unchanged, because the channel's transport is down (or the worker is stopping). */
export type DeliveryOutcome = 'sent' | 'postponed' | 'skipped' | 'retried' | 'failed' | 'deferred' | 'lost_lease';

/** Where a message goes: the email address, the phone for SMS and WhatsApp, else the store's external id. */
export function addressOf(customer: Customer, message: Pick<OutboxMessage, 'consentChannel'>): string | null {
  if (message.consentChannel === 'email') return customer.email;
  if (message.consentChannel === 'sms' || message.consentChannel === 'whatsapp') return customer.phone;
  return customer.externalId;
}
