import { type DecidedSend, decideSends } from './decide-sends.service.js';
import type { DeliverySettings } from './delivery-settings.js';
import type { DeliveryChannelPort, DeliveryDeps, DeliveryOutcome, OutgoingDelivery } from './delivery-ports.js';
import { type OutboxMessage, retryDelayMs } from './outbox-message.js';
import { TRANSPORT_REASON_PREFIX, markFinished, markPostponed, releaseClaim } from './outbox.repository.js';
import { sentRecorderFor } from './record-sent.service.js';
import { answeredByServer, classifySendFailure } from './send-failure.js';
import type { TransportBreaker } from './transport-breaker.js';
import { plusMs } from '../../platform/instants.js';

/** Without a breaker, a message whose transport failed waits this long. */
const TRANSPORT_RETRY_MS = 60_000;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs items through work with at most `limit` in flight. */
async function eachWithLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}

export interface DeliverOptions {
  /** Messages handed to their channels at once. */
  readonly concurrency: number;
  /** Stopping: the sends in flight finish, the rest of the batch goes back to the outbox. */
  readonly signal?: AbortSignal;
  /** Each message's outcome, as soon as it is known. */
  readonly onOutcome: (message: OutboxMessage, outcome: DeliveryOutcome) => void;
  /**
   * A message whose delivery threw (the database went away, say). It keeps its lease and is
   * delivered again when the lease ends. If the batch's checks threw, every message of it is reported.
   */
  readonly onError: (message: OutboxMessage, error: unknown) => void;
}

/**
 * Delivers a batch of a store's messages leased to this worker (docs/delivery.md "The worker"):
 * 1. The send-time checks of the whole batch, in one transaction (decideSends): the messages held
 *    back are written, the others marked 'sending' and committed before any channel sees them.
 * 2. Each of those is handed to its channel, `concurrency` at a time; on acceptance it is marked
 *    'sent' with the provider's id (the acknowledgements that arrive together in one write).
 * 3. On failure, by whose fault it is (send-failure.ts): the transport's puts the message back
 *    with its attempt taken back and tells the channel's breaker; otherwise retry after 1, 2, 4 ...
 *    minutes, until settings.maxAttempts, then 'failed'.
 * An open breaker (transport-breaker.ts) sends nothing: the message goes back with its attempt
 * taken back, due when the next probe may go.
 */
export async function deliverMessages(
  deps: DeliveryDeps,
  storeId: string,
  messages: readonly OutboxMessage[],
  settings: DeliverySettings,
  options: DeliverOptions,
): Promise<void> {
  if (options.signal?.aborted) {
    for (const message of messages) await releaseClaim(deps.db, storeId, message.id, deps.workerId);
    return;
  }
  let decisions: Awaited<ReturnType<typeof decideSends>>;
  try {
    decisions = await decideSends(deps, storeId, messages, settings);
  } catch (error) {
    for (const message of messages) options.onError(message, error);
    return;
  }
  for (const message of messages) {
    const outcome = decisions.settled.get(message.id);
    if (outcome !== undefined) options.onOutcome(message, outcome);
  }
  await eachWithLimit(decisions.sends, options.concurrency, async (send) => {
    const { message } = send.delivery;
    try {
      if (options.signal?.aborted) {
        await goBack(deps, send, deps.clock(), 'stopped: the worker stopped before handing it to the channel');
        options.onOutcome(message, 'deferred');
        return;
      }
      options.onOutcome(message, await handOver(deps, send, settings));
    } catch (error) {
      options.onError(message, error);
    }
  });
}

/** A message marked 'sending' goes back to the outbox unattempted: its attempt count and time restored, due at `until`. */
async function goBack(deps: DeliveryDeps, send: DecidedSend, until: string, reason: string): Promise<void> {
  const { message } = send.delivery;
  await markPostponed(deps.db, message.storeId, message.id, deps.workerId, until, reason, deps.clock(), {
    undoMark: send.undo,
  });
}

/** Hands one message its checks let through to its channel, and records what came of it. */
async function handOver(deps: DeliveryDeps, send: DecidedSend, settings: DeliverySettings): Promise<DeliveryOutcome> {
  const { delivery } = send;
  const { message } = delivery;
  const channel = deps.channels[message.channel];
  if (channel === undefined) throw new Error('unreachable: a message is only let through when its channel exists');
  const breaker = deps.breakers?.[message.channel];
  // Asked at the last moment: the transport may have gone down while the batch was being sent.
  const admission = breaker?.admit(deps.clock()) ?? { kind: 'send' as const };
  if (admission.kind === 'wait') {
    const last = breaker?.snapshot().lastError;
    await goBack(
      deps,
      send,
      admission.until,
      `${TRANSPORT_REASON_PREFIX} the ${message.channel} transport is paused${last ? ` (${last})` : ''}`,
    );
    return 'deferred';
  }
  try {
    return await sendAndRecord(deps, delivery, settings, channel, breaker);
  } finally {
    // Whatever came of it, the probe is over (a success or a transport failure has already moved the breaker).
    if (admission.kind === 'probe') breaker?.releaseProbe();
  }
}

async function sendAndRecord(
  deps: DeliveryDeps,
  delivery: OutgoingDelivery,
  settings: DeliverySettings,
  channel: DeliveryChannelPort,
  breaker: TransportBreaker | undefined,
): Promise<DeliveryOutcome> {
  const { db, workerId, clock } = deps;
  const { message } = delivery;
  const { storeId } = message;
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
    if (kind === 'permanent' || message.attempts >= settings.maxAttempts) {
      await markFinished(db, storeId, message.id, workerId, 'failed', `attempt ${message.attempts}: ${reason}`, now);
      return 'failed';
    }
    await markPostponed(
      db,
      storeId,
      message.id,
      workerId,
      plusMs(now, retryDelayMs(message.attempts)),
      `retry: attempt ${message.attempts} failed: ${reason}`,
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
