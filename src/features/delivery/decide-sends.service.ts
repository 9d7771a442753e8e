import { capLedger } from './cap-ledger.js';
import { type DeliverySettings, replyToFor } from './delivery-settings.js';
import { type DeliveryDeps, type OutgoingDelivery, addressOf } from './delivery-ports.js';
import { capLookbackMs } from './frequency-cap.js';
import type { OutboxMessage } from './outbox-message.js';
import {
  type HeldBack,
  type MarkUndo,
  holdBackMany,
  lastMarketingSendAt,
  markSendingMany,
} from './outbox.repository.js';
import { resolveTimeZone } from './quiet-hours.js';
import { readSendChecks } from './send-checks.query.js';
import { decideSend } from './send-decision.js';
import { preferenceHold } from '../consent/index.js';
import { purchasesAfter } from '../orders/index.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { plusMs } from '../../platform/instants.js';

/** A message its checks let through, marked 'sending' (attempts + 1) in the same transaction. */
export interface DecidedSend {
  readonly delivery: OutgoingDelivery;
  /** What the mark replaced: put back if the message returns to the outbox without being handed on. */
  readonly undo: MarkUndo;
}

/** A batch's decisions: the messages to hand to their channels, and how each of the others ended. */
export interface BatchDecisions {
  readonly sends: readonly DecidedSend[];
  /** Each claimed message not to be sent now, by id: postponed, skipped, or no longer this worker's (lost_lease). */
  readonly settled: ReadonlyMap<string, 'postponed' | 'skipped' | 'lost_lease'>;
}

/** A message whose channel this worker lacks is looked at again after this long. */
const NO_CHANNEL_DELAY_MS = 3_600_000;

const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/**
 * The send-time checks of a batch of a store's claimed messages, in one transaction (docs/delivery.md
 * "The worker"): under the lock of the batch's customers, with fresh reads (readSendChecks: the
 * lease, the customer, consent, suppression, the customers' recent marketing sends and the
 * marketing messages due with them, the preferences), each message is decided send, postpone or
 * skip (decideSend), one after another as though each decision were committed before the next
 * (capLedger: two messages of one customer cannot both take the cap's last slot). The messages
 * held back are written, those let through marked 'sending', and all of it committed before any
 * channel sees a message: a worker that dies after the commit leaves them 'sending' with a lease,
 * and when it ends they are sent again with the same idempotency key, hence the same Message-ID.
 */
export async function decideSends(
  deps: DeliveryDeps,
  storeId: string,
  claimed: readonly OutboxMessage[],
  settings: DeliverySettings,
): Promise<BatchDecisions> {
  const { workerId, clock } = deps;
  return inTransaction(deps.db, async (trx) => {
    const now = clock();
    const checks = await readSendChecks(trx, {
      storeId,
      claimed,
      workerId,
      since: plusMs(now, -capLookbackMs(settings.frequencyCap)),
      now,
      addressOf,
    });
    const settled = new Map<string, 'postponed' | 'skipped' | 'lost_lease'>();
    const held: OutboxMessage[] = [];
    for (const message of claimed) {
      const current = checks.held.get(message.id);
      if (current === undefined) settled.set(message.id, 'lost_lease');
      else held.push(current);
    }
    const stops = held.filter((m) => m.stopOnOrderAfter !== null);
    const orders = await purchasesAfter(
      trx,
      storeId,
      stops.map((m) => ({ customerId: m.customerId, after: m.stopOnOrderAfter as string })),
    );
    const orderedSince = new Map(stops.map((m, i) => [m.id, orders[i]]));
    const ledger = capLedger(checks.capRows);
    const heldBack: HeldBack[] = [];
    const sends: DecidedSend[] = [];

    for (const message of held) {
      const customer = checks.customers.get(message.customerId);
      // The outbox's foreign key names the store's customer, and its row is locked above.
      if (customer === undefined) throw new Error(`customer ${message.customerId} of store ${storeId} vanished`);
      const channel = deps.channels[message.channel];
      if (channel === undefined) {
        heldBack.push({
          id: message.id,
          status: 'postponed',
          until: plusMs(now, NO_CHANNEL_DELAY_MS),
          reason: `no_channel: this worker has no ${message.channel} channel configured`,
        });
        settled.set(message.id, 'postponed');
        ledger.decided(message, null);
        continue;
      }
      const address = addressOf(customer, message);
      const suppression =
        address === null
          ? null
          : deps.suppression === undefined
            ? checks.suppressionOf(message.consentChannel, address, message.purpose)
            : await deps.suppression(trx, storeId, message.consentChannel, address, message.purpose);
      const marketing = message.purpose === 'marketing';
      const cap = marketing ? ledger.weigh(message) : { recent: [], dueAhead: 0 };
      // The customer's own choices (topic, snooze, at most weekly/monthly), read now: a choice made
      // after the message was planned still holds it.
      const preferences = marketing ? checks.preferencesOf(message.customerId) : null;
      const preference =
        preferences === null
          ? null
          : preferenceHold(
              preferences,
              message.topic,
              // Only a frequency choice needs the last send: most customers never make one.
              preferences.frequency === 'as_sent'
                ? null
                : later(
                    await lastMarketingSendAt(trx, {
                      storeId,
                      customerId: message.customerId,
                      consentChannel: message.consentChannel,
                      exceptId: message.id,
                    }),
                    ledger.sentInBatch(message),
                  ),
              now,
            );
      const window = address === null ? null : (channel.sendWindow?.(address, customer.timeZone) ?? null);
      const decision = decideSend({
        purpose: message.purpose,
        consentChannel: message.consentChannel,
        priority: message.priority,
        address,
        consent: checks.consentOf(message.customerId),
        suppression,
        recentMarketingSends: cap.recent,
        dueAhead: cap.dueAhead,
        now,
        timeZone: window?.timeZone ?? resolveTimeZone(customer.timeZone, settings.timeZone),
        quietHours: window?.quietHours ?? settings.quietHours,
        frequencyCap: settings.frequencyCap,
        orderedSince: orderedSince.get(message.id) ?? null,
        preferenceHold: preference,
      });
      if (decision.action === 'send') {
        sends.push({
          delivery: {
            message: { ...message, status: 'sending', attempts: message.attempts + 1, lastAttemptAt: now },
            customer,
            address: address as string,
            unsubscribeSecret: checks.unsubscribeSecret,
            replyTo: replyToFor(settings, message.flow),
          },
          undo: { attempts: message.attempts, lastAttemptAt: message.lastAttemptAt },
        });
        ledger.decided(message, now);
        continue;
      }
      ledger.decided(message, null);
      if (decision.action === 'postpone') {
        heldBack.push({ id: message.id, status: 'postponed', until: decision.until, reason: decision.reason });
        settled.set(message.id, 'postponed');
      } else {
        // A 'sending' message here is one whose worker died after handing it over: it may have arrived.
        const reason =
          message.status === 'sending'
            ? `${decision.reason} (an earlier attempt was not acknowledged and may have been delivered)`
            : decision.reason;
        heldBack.push({ id: message.id, status: 'skipped', reason });
        settled.set(message.id, 'skipped');
      }
    }
    await holdBackMany(trx, { storeId, workerId, now, messages: heldBack });
    await markSendingMany(trx, {
      storeId,
      ids: sends.map((s) => s.delivery.message.id),
      workerId,
      now,
      leaseUntil: plusMs(now, deps.leaseMs),
    });
    return { sends, settled };
  });
}
