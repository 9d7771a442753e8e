import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { normalizeAddress, recordSuppression } from '../consent/index.js';
import { type BounceEvent, invalidReport, suppressionReasonFor } from './bounce-event.js';
import { claimBounceEvent, findOutboxMessageByMessageId, markOutboxMessageBounced } from './bounce-event.repository.js';

export interface RecordBouncesResult {
  /** Events recorded now. */
  readonly recorded: number;
  /** Events recorded before (a redelivery): nothing changed for them. */
  readonly duplicates: number;
  /** Of the recorded, how many suppressed their address (hard bounces and complaints). */
  readonly suppressed: number;
  /** Of the recorded, how many named a message found in the outbox. */
  readonly matched: number;
}

/**
 * Records a feed's events for the store in one transaction: each event once (its provider's id and
 * address), a hard bounce or complaint as a suppression of the address, the outbox message it names
 * marked. Every address is checked before anything is written, so a report with a malformed one is
 * refused whole (VALIDATION_FAILED) and the provider's retry finds nothing half done.
 */
export async function recordBounceEvents(
  db: Kysely<Database>,
  storeId: string,
  events: readonly BounceEvent[],
  receivedAt: string,
): Promise<RecordBouncesResult> {
  const checked = events.map((event, index) => {
    const address = normalizeAddress('email', event.address);
    if (!/^[^@\s]+@[^@\s]+$/.test(address) || address.length > 320)
      throw invalidReport(event.provider, `event ${index}`, `${JSON.stringify(event.address)} is not an email address`);
    return { ...event, address };
  });
  return inTransaction(db, async (trx) => {
    let recorded = 0;
    let duplicates = 0;
    let suppressed = 0;
    let matched = 0;
    for (const event of checked) {
      const message =
        event.messageId === null ? null : await findOutboxMessageByMessageId(trx, storeId, event.messageId);
      const claimed = await claimBounceEvent(trx, {
        store_id: storeId,
        event_key: `${event.provider}:${event.eventId}:${event.address}`,
        provider: event.provider,
        kind: event.kind,
        address: event.address,
        customer_id: message?.customerId ?? null,
        outbox_message_id: message?.id ?? null,
        message_id: event.messageId,
        detail: event.detail,
        occurred_at: event.occurredAt,
        received_at: receivedAt,
      });
      if (!claimed) {
        duplicates += 1;
        continue;
      }
      recorded += 1;
      if (message !== null) {
        matched += 1;
        const reason = `${event.kind.replace('_', ' ')} (${event.provider})${event.detail ? `: ${event.detail}` : ''}`;
        await markOutboxMessageBounced(trx, storeId, message.id, reason, receivedAt);
      }
      const reasonToSuppress = suppressionReasonFor(event.kind);
      if (reasonToSuppress !== null) {
        await recordSuppression(
          trx,
          storeId,
          {
            channel: 'email',
            address: event.address,
            reason: reasonToSuppress,
            customerId: message?.customerId ?? null,
            source: event.provider,
            detail: event.detail,
            occurredAt: event.occurredAt,
          },
          receivedAt,
        );
        suppressed += 1;
      }
    }
    return { recorded, duplicates, suppressed, matched };
  });
}
