import { plusMs } from '../../platform/instants.js';

/**
 * A circuit breaker for one channel's transport (the SMTP server, the webhook endpoint), held in
 * the worker's memory (docs/delivery.md "When the mail server is down"):
 * - closed: messages are sent; `openAfter` transport failures in a row open it.
 * - open: nothing is sent until `retryAt`; the worker leaves the outbox alone meanwhile.
 * - half-open: from retryAt one message is sent as a probe. Its success closes the breaker; a
 *   transport failure opens it again with the wait doubled (from `baseDelayMs`, at most
 *   `maxDelayMs`).
 * Messages are never charged for it: a message that meets an open breaker or a transport failure
 * goes back to the outbox with its attempts unchanged.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerSnapshot {
  readonly state: BreakerState;
  /** Transport failures in a row. */
  readonly failures: number;
  /** When the current outage began (the first failure of the run), or null when closed. */
  readonly since: string | null;
  /** When the next probe may go (open) or the wait if the probe fails (half-open); null when closed. */
  readonly retryAt: string | null;
  /** The last transport failure, as the server or the socket said it. */
  readonly lastError: string | null;
}

export interface BreakerOptions {
  /** Transport failures in a row that open the breaker (default 3). */
  readonly openAfter?: number;
  /** The first wait before a probe (default 1 s), doubled after each failed probe... */
  readonly baseDelayMs?: number;
  /** ...up to this (default 60 s). */
  readonly maxDelayMs?: number;
}

/** What the breaker lets a worker do now: send, send as the one probe, or wait until `until`. */
export type Admission =
  { readonly kind: 'send' } | { readonly kind: 'probe' } | { readonly kind: 'wait'; readonly until: string };

export interface TransportBreaker {
  admit(now: string): Admission;
  /** The transport took a message (or answered about the message itself: it is up). */
  recordSuccess(now: string): void;
  recordTransportFailure(now: string, reason: string): void;
  /** A probe that was admitted but not sent (a check postponed or skipped the message). */
  releaseProbe(): void;
  snapshot(): BreakerSnapshot;
}

export function createTransportBreaker(
  options: BreakerOptions = {},
  onChange: (snapshot: BreakerSnapshot, previous: BreakerState) => void = () => {},
): TransportBreaker {
  const openAfter = options.openAfter ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  let state: BreakerState = 'closed';
  let failures = 0;
  let opens = 0;
  let since: string | null = null;
  let retryAt: string | null = null;
  let lastError: string | null = null;
  let probing = false;

  const snapshot = (): BreakerSnapshot => ({ state, failures, since, retryAt, lastError });
  const moveTo = (next: BreakerState) => {
    const previous = state;
    state = next;
    if (previous !== next) onChange(snapshot(), previous);
  };
  const open = (now: string) => {
    opens++;
    retryAt = plusMs(now, Math.min(maxDelayMs, baseDelayMs * 2 ** (opens - 1)));
    probing = false;
    moveTo('open');
  };

  return {
    admit(now) {
      if (state === 'closed') return { kind: 'send' };
      if (state === 'open' && now >= (retryAt as string)) moveTo('half-open');
      if (state === 'half-open' && !probing) {
        probing = true;
        return { kind: 'probe' };
      }
      // While the probe is out, wait as long as a failed probe would make everyone wait.
      const wait = state === 'half-open' ? plusMs(now, Math.min(maxDelayMs, baseDelayMs * 2 ** opens)) : retryAt;
      return { kind: 'wait', until: wait as string };
    },
    recordSuccess() {
      failures = 0;
      opens = 0;
      since = null;
      retryAt = null;
      probing = false;
      moveTo('closed');
    },
    recordTransportFailure(now, reason) {
      failures++;
      lastError = reason;
      since ??= now;
      if (state === 'half-open' || (state === 'closed' && failures >= openAfter)) open(now);
    },
    releaseProbe() {
      probing = false;
    },
    snapshot,
  };
}
