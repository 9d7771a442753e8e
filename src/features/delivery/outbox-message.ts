import type { ConsentChannel } from '../consent/index.js';
import { type DeliverySettings, holdoutShareFor } from './delivery-settings.js';
import { isHeldOut } from './holdout.js';
import type { DeliveryChannel, MessagePurpose, PlannedMessage } from './planned-message.js';

/**
 * Where a message is (docs/delivery.md has the diagram):
 * planned -> sending -> sent; planned -> postponed (a check or a failed attempt moved send_at) ->
 * sending ...; planned/postponed -> skipped (no consent, suppressed, dropped by the cap);
 * sending -> failed after the last attempt; held_out from the start (the holdout: never sent).
 */
export const OUTBOX_STATUSES = ['planned', 'held_out', 'sending', 'sent', 'postponed', 'skipped', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A message in the outbox. */
export interface OutboxMessage {
  /** 'msg_...' */
  readonly id: string;
  readonly storeId: string;
  readonly customerId: string;
  readonly flow: string;
  readonly triggerKey: string;
  readonly idempotencyKey: string;
  readonly channel: DeliveryChannel;
  readonly consentChannel: ConsentChannel;
  readonly purpose: MessagePurpose;
  readonly priority: number;
  readonly template: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** When the flow planned it to go out. */
  readonly plannedSendAt: string;
  /** When it is next due (moved by postponements and retries). */
  readonly sendAt: string;
  readonly status: OutboxStatus;
  /** Why it was postponed, skipped or failed, or why the last attempt failed. */
  readonly reason: string | null;
  readonly attempts: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  /** When it was last handed to the channel. */
  readonly lastAttemptAt: string | null;
  readonly sentAt: string | null;
  readonly providerMessageId: string | null;
  /** The worker skips it if the customer ordered after this instant (PlannedMessage.stopOnOrderAfter). */
  readonly stopOnOrderAfter: string | null;
  /** The flow's topic (PlannedMessage.topic), or null. */
  readonly topic: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Retry delay after a failed attempt: 1, 2, 4, ... minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * The status a planned message enters the outbox with: 'held_out' when its customer is in the
 * flow's holdout ("would have received": never sent, and measured beside those who were), with
 * the reason; 'planned' otherwise. The share comes from the message, else the store's settings.
 */
export function initialStatus(
  storeId: string,
  message: Pick<PlannedMessage, 'flow' | 'customerId' | 'purpose' | 'holdoutShare'>,
  settings: DeliverySettings,
): { readonly status: 'planned' | 'held_out'; readonly reason: string | null } {
  const share = holdoutShareFor(settings, message.flow, message.purpose, message.holdoutShare);
  if (!isHeldOut(storeId, message.flow, message.customerId, share)) return { status: 'planned', reason: null };
  return {
    status: 'held_out',
    reason: `holdout: ${share * 100}% of the ${message.flow} flow's customers are held out`,
  };
}
