/**
 * When a failed delivery is tried again, and when an endpoint is given up on. The Standard
 * Webhooks spec ("Deliverability and reliability") asks for exponential backoff with random jitter
 * over a long span, and for disabling an endpoint that fails consistently, or answers 410 Gone.
 */

/**
 * A message is retried for this long after its first attempt; then it is marked failed. From the
 * first attempt, not the event: an event imported from last year still gets its day of retries.
 */
export const RETRY_WINDOW_MS = 24 * 3600 * 1000;
/** An endpoint whose every attempt failed for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * 3600 * 1000;
/**
 * Or after this many failures in a row, whatever their span: a busy store can queue thousands of
 * events to a dead endpoint within hours, and each would otherwise keep retrying for a day.
 */
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = 1000;

const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 4 * 3600 * 1000;

/**
 * The wait after failed attempt number `attempt` (1 for the first): 30 s doubled each time, at
 * most 4 hours, then scaled by a factor in [0.8, 1.2) drawn from `random` (a number in [0, 1)), so
 * that a receiver's outage does not bring every queued message back at the same instant.
 */
export function retryDelayMs(attempt: number, random: number): number {
  const base = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random));
}

export type AttemptOutcome =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly at: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** What becomes of a message after a failed attempt made at `now`. */
export function afterFailure(input: {
  readonly attempt: number;
  readonly firstAttemptAt: string;
  readonly now: string;
  readonly random: number;
  readonly statusCode: number | null;
}): AttemptOutcome {
  if (input.statusCode === 410) return { kind: 'failed', reason: 'the endpoint answered 410 Gone' };
  const next = Date.parse(input.now) + retryDelayMs(input.attempt, input.random);
  if (next - Date.parse(input.firstAttemptAt) > RETRY_WINDOW_MS)
    return { kind: 'failed', reason: `not delivered within 24 hours (${input.attempt} attempts)` };
  return { kind: 'retry', at: new Date(next).toISOString() };
}

/** Why an endpoint is disabled after a failure at `now`, or null while it is kept. */
export function disableReason(input: {
  readonly failingSince: string;
  readonly consecutiveFailures: number;
  readonly now: string;
  readonly statusCode: number | null;
}): string | null {
  if (input.statusCode === 410) return 'the endpoint answered 410 Gone';
  if (Date.parse(input.now) - Date.parse(input.failingSince) >= DISABLE_AFTER_FAILING_MS)
    return `every attempt failed for 24 hours (since ${input.failingSince})`;
  if (input.consecutiveFailures >= DISABLE_AFTER_CONSECUTIVE_FAILURES)
    return `${input.consecutiveFailures} failed attempts in a row`;
  return null;
}
