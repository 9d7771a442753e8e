import type { Insertable, Selectable } from 'kysely';
import { allColumns } from '../../platform/database/all-columns.js';

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

/** Every column, in table order (checked against OutboxMessageRow): SQLite's JSON objects need them named. */
export const OUTBOX_MESSAGE_COLUMNS = allColumns<OutboxMessageRow>()(
  'store_id',
  'id',
  'customer_id',
  'flow',
  'trigger_key',
  'idempotency_key',
  'channel',
  'consent_channel',
  'purpose',
  'priority',
  'template',
  'data',
  'planned_send_at',
  'send_at',
  'status',
  'reason',
  'attempts',
  'lease_owner',
  'lease_until',
  'last_attempt_at',
  'sent_at',
  'provider_message_id',
  'stop_on_order_after',
  'topic',
  'created_at',
  'updated_at',
);
