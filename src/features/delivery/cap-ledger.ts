import type { OutboxMessage } from './outbox-message.js';
import type { CapRow } from './outbox.repository.js';

type Rival = Pick<OutboxMessage, 'id' | 'priority' | 'sendAt'>;

/**
 * Of two messages due for one cap slot, the one that goes first: higher priority, then the one due
 * earlier, then the smaller id, so every worker ranks them the same, in any batch or order.
 */
export function outranks(rival: Rival, message: Rival): boolean {
  if (rival.priority !== message.priority) return rival.priority > message.priority;
  if (rival.sendAt !== message.sendAt) return rival.sendAt < message.sendAt;
  return rival.id < message.id;
}

/**
 * The frequency cap's view of a batch of messages decided one after another in one transaction:
 * for each message, what its checks would have read had every earlier decision of the batch been
 * committed before them. A message decided leaves the due rivals (sent, postponed to later or
 * skipped, it is no longer due now); one sent counts among its customer's recent sends.
 */
export interface CapLedger {
  /** When the customer's marketing messages on the message's channel were handed on lately, and how many due ones outrank it. */
  weigh(message: OutboxMessage): { readonly recent: readonly string[]; readonly dueAhead: number };
  /** When a message of the batch on this customer's channel was decided 'send', or null. */
  sentInBatch(message: Pick<OutboxMessage, 'customerId' | 'consentChannel'>): string | null;
  /** Records a marketing message's decision: `sentAt` for one handed on, null for one held back. */
  decided(message: OutboxMessage, sentAt: string | null): void;
}

const key = (m: { readonly customerId: string; readonly consentChannel: string }) =>
  `${m.customerId}\u0000${m.consentChannel}`;

export function capLedger(rows: readonly CapRow[]): CapLedger {
  // With their ids: a message being sent again (its worker died) is among the rows, and not its own rival.
  const recent = new Map<string, Map<string, string>>();
  const due = new Map<string, Map<string, Rival>>();
  const batchSends = new Map<string, string>();
  for (const row of rows) {
    const k = key(row);
    if (row.kind === 'sent') recent.set(k, (recent.get(k) ?? new Map()).set(row.id, row.lastAttemptAt as string));
    else due.set(k, (due.get(k) ?? new Map()).set(row.id, { id: row.id, priority: row.priority, sendAt: row.sendAt }));
  }
  return {
    weigh(message) {
      const rivals = [...(due.get(key(message))?.values() ?? [])];
      return {
        recent: [...(recent.get(key(message)) ?? [])].filter(([id]) => id !== message.id).map(([, at]) => at),
        dueAhead: rivals.filter((rival) => rival.id !== message.id && outranks(rival, message)).length,
      };
    },
    sentInBatch: (message) => batchSends.get(key(message)) ?? null,
    decided(message, sentAt) {
      // Transactional messages are neither capped nor counted.
      if (message.purpose !== 'marketing') return;
      const k = key(message);
      due.get(k)?.delete(message.id);
      // One being sent again and now held back no longer counts either.
      recent.get(k)?.delete(message.id);
      if (sentAt === null) return;
      recent.set(k, (recent.get(k) ?? new Map()).set(message.id, sentAt));
      batchSends.set(k, sentAt);
    },
  };
}
