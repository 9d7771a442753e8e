import type { Kysely } from 'kysely';
import { type DeliverySettings, replyToFor } from './delivery-settings.js';
import { capLookbackMs } from './frequency-cap.js';
import { type OutboxMessage, retryDelayMs } from './outbox-message.js';
import type { DeliveryChannel } from './planned-message.js';
import { type QuietHours, resolveTimeZone } from './quiet-hours.js';
import { decideSend } from './send-decision.js';
import type { Customer } from '../customers/index.js';
import { preferenceHold } from '../consent/index.js';
import { lockAndFindCustomer } from '../customers/index.js';
import { purchaseAfter } from '../orders/index.js';
import { answeredByServer, classifySendFailure } from './send-failure.js';
import type { TransportBreaker } from './transport-breaker.js';
import {
  TRANSPORT_REASON_PREFIX,
  markFinished,
  markPostponed,
  markSending,
  lastMarketingSendAt,
} from './outbox.repository.js';
import { readSendChecks } from './send-checks.query.js';
import { sentRecorderFor } from './record-sent.service.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

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
   * the other send checks, in the same statement (send-checks.query.ts).
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

/** 'deferred': back in the outbox, attempts unchanged, because the channel's transport is down. */
export type DeliveryOutcome = 'sent' | 'postponed' | 'skipped' | 'retried' | 'failed' | 'deferred' | 'lost_lease';

/** Without a breaker, a message whose transport failed waits this long. */
const TRANSPORT_RETRY_MS = 60_000;

const NO_CHANNEL_DELAY_MS = 3_600_000;

function plusMs(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

/** Where a message goes: the email address, the phone for SMS and WhatsApp, else the store's external id. */
export function addressOf(customer: Customer, message: Pick<OutboxMessage, 'consentChannel'>): string | null {
  if (message.consentChannel === 'email') return customer.email;
  if (message.consentChannel === 'sms' || message.consentChannel === 'whatsapp') return customer.phone;
  return customer.externalId;
}

/**
 * Of two messages due for one cap slot, the one that goes first: higher priority, then the one due
 * earlier, then the smaller id, so every worker ranks them the same, in any batch or order.
 */
function outranks(
  rival: { readonly id: string; readonly priority: number; readonly sendAt: string },
  message: OutboxMessage,
): boolean {
  if (rival.priority !== message.priority) return rival.priority > message.priority;
  if (rival.sendAt !== message.sendAt) return rival.sendAt < message.sendAt;
  return rival.id < message.id;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Delivers one leased message (docs/delivery.md "The worker"):
 * 1. Under the customer's lock, with fresh reads (the lease, the customer, consent, suppression,
 *    the customer's recent marketing sends, and the marketing messages due at the same time that
 *    outrank this one: they take the cap's slot first), decide send, postpone or skip; for send, record the
 *    attempt (status 'sending') and commit before the channel sees the message.
 * 2. Hand it to the channel; on acceptance mark it 'sent' with the provider's id.
 * 3. On failure, by whose fault it is (send-failure.ts): the transport's puts the message back
 *    with its attempt taken back and tells the channel's breaker; otherwise retry after 1, 2, 4 ...
 *    minutes, until settings.maxAttempts, then 'failed'.
 * An open breaker (transport-breaker.ts) sends nothing: the message goes back untouched.
 * A crash between 1 and 2's acknowledgement leaves it 'sending' with a lease; when the lease ends a
 * worker sends it again with the same idempotency key, hence the same Message-ID.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  message: OutboxMessage,
  settings: DeliverySettings,
): Promise<DeliveryOutcome> {
  const { db, workerId, clock } = deps;
  const { storeId } = message;
  const channel = deps.channels[message.channel];
  const breaker = deps.breakers?.[message.channel];

  // An open breaker: the transport is down, so the message goes back untouched, due when the next probe may go.
  const admission = breaker?.admit(clock()) ?? { kind: 'send' as const };
  if (admission.kind === 'wait') {
    const last = breaker?.snapshot().lastError;
    await markPostponed(
      db,
      storeId,
      message.id,
      workerId,
      admission.until,
      `${TRANSPORT_REASON_PREFIX} the ${message.channel} transport is paused${last ? ` (${last})` : ''}`,
      clock(),
    );
    return 'deferred';
  }
  try {
    return await sendLeased(deps, message, settings, channel, breaker);
  } finally {
    // A probe that a check postponed or skipped proved nothing: the next message probes instead.
    if (admission.kind === 'probe') breaker?.releaseProbe();
  }
}

async function sendLeased(
  deps: DeliveryDeps,
  message: OutboxMessage,
  settings: DeliverySettings,
  channel: DeliveryChannelPort | undefined,
  breaker: TransportBreaker | undefined,
): Promise<DeliveryOutcome> {
  const { db, workerId, clock } = deps;
  const { storeId, customerId } = message;

  // The customer's lock makes the send-time checks of one customer's messages run one at a time
  // across workers: two messages of a customer cannot both pass the frequency cap.
  const step = await inTransaction(db, async (trx) => {
    const locked = await lockAndFindCustomer(trx, storeId, customerId);
    const now = clock();
    // The lease, the consent, the suppressions, the cap's rows and the preferences in one read
    // (send-checks.query.ts).
    const checks = await readSendChecks(trx, message, {
      workerId,
      since: plusMs(now, -capLookbackMs(settings.frequencyCap)),
      now,
      addressFor: (consentChannel) => (locked === null ? null : addressOf(locked, { consentChannel })),
      // Marked 'sending' in the checks' statement where it can be (PostgreSQL): one round trip
      // fewer for each message sent; the writes below that hold it back undo the mark.
      markSendingUntil: plusMs(now, deps.leaseMs),
    });
    const held = checks.held;
    // Both read the lease this worker took in its committed claim: they cannot disagree, and the
    // transaction is rolled back if they ever did rather than leave a mark on a message not held.
    if (held === null && checks.marked) throw new Error(`message ${message.id} was marked but not read`);
    if (held === null) return { outcome: 'lost_lease' as const };
    const undoMark = checks.marked ? { attempts: held.attempts, lastAttemptAt: held.lastAttemptAt } : undefined;
    if (channel === undefined) {
      await markPostponed(
        trx,
        storeId,
        held.id,
        workerId,
        plusMs(now, NO_CHANNEL_DELAY_MS),
        `no_channel: this worker has no ${held.channel} channel configured`,
        now,
        { undoMark },
      );
      return { outcome: 'postponed' as const };
    }
    // Read under its lock above; it exists: the outbox's foreign key names the store's customer.
    const customer = locked;
    if (customer === null) throw new Error(`customer ${customerId} of store ${storeId} vanished`);
    const address = addressOf(customer, held);
    const { consent, cap } = checks;
    const suppression =
      address === null || deps.suppression === undefined
        ? checks.suppression
        : await deps.suppression(trx, storeId, held.consentChannel, address, held.purpose);
    const dueAhead = cap.due.filter((rival) => outranks(rival, held)).length;
    // The customer's own choices (topic, snooze, at most weekly/monthly), read now: a choice made
    // after the message was planned still holds it.
    const preferences = checks.preferences;
    const preference =
      preferences === null
        ? null
        : preferenceHold(
            preferences,
            held.topic,
            // Only a frequency choice needs the last send: most customers never make one.
            preferences.frequency === 'as_sent'
              ? null
              : await lastMarketingSendAt(trx, {
                  storeId,
                  customerId,
                  consentChannel: held.consentChannel,
                  exceptId: held.id,
                }),
            now,
          );
    const window = address === null ? null : (channel.sendWindow?.(address, customer.timeZone) ?? null);
    const orderedSince =
      held.stopOnOrderAfter === null ? null : await purchaseAfter(trx, storeId, customerId, held.stopOnOrderAfter);
    const decision = decideSend({
      purpose: held.purpose,
      consentChannel: held.consentChannel,
      priority: held.priority,
      address,
      consent,
      suppression,
      recentMarketingSends: cap.recent,
      dueAhead,
      now,
      timeZone: window?.timeZone ?? resolveTimeZone(customer.timeZone, settings.timeZone),
      quietHours: window?.quietHours ?? settings.quietHours,
      frequencyCap: settings.frequencyCap,
      orderedSince,
      preferenceHold: preference,
    });
    if (decision.action === 'postpone') {
      await markPostponed(trx, storeId, held.id, workerId, decision.until, decision.reason, now, { undoMark });
      return { outcome: 'postponed' as const };
    }
    if (decision.action === 'skip') {
      // A 'sending' message here is one whose worker died after handing it over: it may have arrived.
      const reason =
        held.status === 'sending'
          ? `${decision.reason} (an earlier attempt was not acknowledged and may have been delivered)`
          : decision.reason;
      await markFinished(trx, storeId, held.id, workerId, 'skipped', reason, now, { undoMark });
      return { outcome: 'skipped' as const };
    }
    if (!checks.marked) await markSending(trx, storeId, held.id, workerId, now, plusMs(now, deps.leaseMs));
    return {
      outcome: 'send' as const,
      delivery: {
        message: { ...held, status: 'sending' as const, attempts: held.attempts + 1 },
        customer,
        address: address as string,
        unsubscribeSecret: checks.unsubscribeSecret,
        replyTo: replyToFor(settings, held.flow),
      },
    };
  });
  if (step.outcome !== 'send') return step.outcome;

  const { delivery } = step;
  if (channel === undefined) throw new Error('unreachable: a message is only sent when its channel exists');
  let accepted: { readonly providerMessageId: string | null };
  try {
    accepted = await channel.send(delivery);
  } catch (error) {
    const now = clock();
    const reason = describe(error);
    const kind = classifySendFailure(error);
    if (kind === 'transport') {
      breaker?.recordTransportFailure(now, reason);
      await markPostponed(
        db,
        storeId,
        message.id,
        workerId,
        breaker?.snapshot().retryAt ?? plusMs(now, breaker === undefined ? TRANSPORT_RETRY_MS : 1_000),
        `${TRANSPORT_REASON_PREFIX} ${reason}`,
        now,
        { undoAttempt: true },
      );
      return 'deferred';
    }
    // The server answered about this message: the transport itself works.
    if (answeredByServer(error)) breaker?.recordSuccess(now);
    else breaker?.releaseProbe();
    if (kind === 'permanent' || delivery.message.attempts >= settings.maxAttempts) {
      await markFinished(
        db,
        storeId,
        message.id,
        workerId,
        'failed',
        `attempt ${delivery.message.attempts}: ${reason}`,
        now,
      );
      return 'failed';
    }
    await markPostponed(
      db,
      storeId,
      message.id,
      workerId,
      plusMs(now, retryDelayMs(delivery.message.attempts)),
      `retry: attempt ${delivery.message.attempts} failed: ${reason}`,
      now,
    );
    return 'retried';
  }
  // Outside the try: if this write fails the message was still accepted; it stays 'sending' and is
  // sent again (the same Message-ID) when its lease ends, as after a crash, never retried as failed.
  breaker?.recordSuccess(clock());
  // Written together with the other sends' acknowledgements that arrive meanwhile (record-sent.service.ts).
  await sentRecorderFor(db).record(storeId, message.id, accepted.providerMessageId, clock());
  return 'sent';
}
