import type { Insertable, Selectable } from 'kysely';

/** outbox_messages: every planned message and what became of it (docs/delivery.md). */
export interface OutboxMessageTable {
  store_id: string;
  /** 'msg_...' */
  id: string;
  customer_id: string;
  flow: string;
  trigger_key: string;
  /** 'flow:customer:trigger', unique per store. */
  idempotency_key: string;
  /** 'email' | 'webhook' */
  channel: string;
  /** The consent channel that governs it: 'email', 'sms', ... */
  consent_channel: string;
  /** 'transactional' | 'marketing' */
  purpose: string;
  priority: number;
  template: string;
  /** JSON object: the template's data. */
  data: string;
  planned_send_at: string;
  send_at: string;
  /** planned | held_out | sending | sent | postponed | skipped | failed */
  status: string;
  reason: string | null;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_attempt_at: string | null;
  sent_at: string | null;
  provider_message_id: string | null;
  /** The worker skips the message if the customer ordered after this instant (null: never). */
  stop_on_order_after: string | null;
  /** The flow's topic ('newsletter', 'replenishment', ...), checked against the customer's preferences; null: none. */
  topic: string | null;
  created_at: string;
  updated_at: string;
}

export type OutboxMessageRow = Selectable<OutboxMessageTable>;
export type NewOutboxMessageRow = Insertable<OutboxMessageTable>;
