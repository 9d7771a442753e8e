import { type FrequencyCap, earliestUncapped } from './frequency-cap.js';
import type { MessagePurpose } from './planned-message.js';
import { type QuietHours, quietHoursEnd } from './quiet-hours.js';
import { plusMs } from '../../platform/instants.js';

/** How long a message that yields its slot waits before it is decided again (once the one ahead was sent). */
export const YIELD_MS = 60_000;

/** What the worker does with a due message. Expected outcomes are values (architecture.md habit 7). */
export type SendDecision =
  | { readonly action: 'send' }
  | { readonly action: 'postpone'; readonly until: string; readonly reason: string }
  | { readonly action: 'skip'; readonly reason: string };

/** A consent record in effect (currentConsent's rows carry these fields). */
export interface ConsentInEffect {
  readonly channel: string;
  readonly purpose: string;
  readonly status: string;
}

/** Everything the decision needs, read fresh at send time. */
export interface SendCheck {
  readonly purpose: MessagePurpose;
  /** 'email', 'sms', ...: the consent channel that governs the message. */
  readonly consentChannel: string;
  readonly priority: number;
  /** Where to send (the email address); null when the customer has none. */
  readonly address: string | null;
  /** The customer's consent in effect, every channel and purpose. */
  readonly consent: readonly ConsentInEffect[];
  /** Why the address or customer is suppressed for this message ('unsubscribed', 'bounced', ...), or null. */
  readonly suppression: string | null;
  /** When the customer's earlier marketing messages on the channel went out (sent or handed to the channel). */
  readonly recentMarketingSends: readonly string[];
  /**
   * How many other marketing messages of the customer on the channel are due now and outrank this
   * one (higher priority; at equal priority, earlier send_at, then smaller id): they take the cap's
   * slots first, whatever order the workers happen to reach the messages in.
   */
  readonly dueAhead?: number;
  readonly now: string;
  /** The customer's IANA zone (resolveTimeZone). */
  readonly timeZone: string;
  readonly quietHours: QuietHours | null;
  readonly frequencyCap: FrequencyCap;
  /**
   * For a message that stops on order (a replenishment reminder, a win-back step): when the
   * customer placed an order after the message's stop instant, or null/absent when they did not.
   */
  readonly orderedSince?: string | null;
  /**
   * For a marketing message: why the customer's preferences hold it ('preference: ...', from the
   * consent feature's preferenceHold: a topic turned off, a snooze, at most weekly/monthly), or null.
   */
  readonly preferenceHold?: string | null;
}

/**
 * The send-time decision, in this order: an address; consent for the channel and purpose;
 * suppression; for marketing, the frequency cap across all flows (the messages due at the same time
 * that outrank this one taking its slots first), then quiet hours in the
 * customer's zone. A message that stops on order is skipped first once the customer ordered since.
 * Transactional messages need no marketing consent (only that the customer has not
 * revoked transactional messages on the channel) and are neither capped nor held by quiet hours:
 * an order confirmation at 22:00 goes out at 22:00.
 */
export function decideSend(check: SendCheck): SendDecision {
  // First: whatever else holds, the moment the message was for has passed.
  if (check.orderedSince !== undefined && check.orderedSince !== null)
    return {
      action: 'skip',
      reason: `stopped_by_order: the customer ordered at ${check.orderedSince}, after the message was planned`,
    };
  if (check.address === null || check.address.trim() === '')
    return { action: 'skip', reason: `no_address: the customer has no ${check.consentChannel} address` };

  const consent = check.consent.find((c) => c.channel === check.consentChannel && c.purpose === check.purpose);
  if (check.purpose === 'marketing') {
    if (consent?.status !== 'granted') {
      return {
        action: 'skip',
        reason: `no_consent: marketing consent on ${check.consentChannel} is ${consent === undefined ? 'not recorded' : consent.status}`,
      };
    }
  } else if (consent?.status === 'revoked') {
    return { action: 'skip', reason: `no_consent: transactional messages on ${check.consentChannel} were revoked` };
  }

  if (check.suppression !== null) return { action: 'skip', reason: `suppressed: ${check.suppression}` };
  if (check.purpose === 'transactional') return { action: 'send' };
  if (check.preferenceHold !== undefined && check.preferenceHold !== null)
    return { action: 'skip', reason: check.preferenceHold };

  let until = check.now;
  let reason: string | null = null;
  const cap = check.frequencyCap;
  const rule = `at most 1 marketing message per ${cap.minHoursBetween} h and ${cap.maxPerWindow} per ${cap.windowDays} days`;
  const capped = earliestUncapped(check.recentMarketingSends, check.now, cap);
  const ahead = check.dueAhead ?? 0;
  if (capped !== null) {
    if (check.priority < cap.postponeMinPriority) {
      return {
        action: 'skip',
        reason: `frequency_cap: ${rule}; priority ${check.priority} is below ${cap.postponeMinPriority}, so it is dropped`,
      };
    }
    until = capped;
    reason = `frequency_cap: ${rule}`;
  } else if (ahead > 0) {
    // The messages that outrank this one are counted as sent now: the slot is theirs.
    const afterThem = earliestUncapped(
      [...check.recentMarketingSends, ...Array.from({ length: ahead }, () => check.now)],
      check.now,
      cap,
    );
    if (afterThem !== null) {
      const why = `frequency_cap: ${rule}; ${ahead} message${ahead > 1 ? 's' : ''} of higher priority due at the same time take${ahead > 1 ? '' : 's'} the slot`;
      // Not dropped yet: if the one ahead is skipped (its order stopped it, say), this one may still go.
      if (check.priority < cap.postponeMinPriority)
        return { action: 'postpone', until: plusMs(check.now, YIELD_MS), reason: `${why}; decided again after it` };
      until = afterThem;
      reason = why;
    }
  }
  // The cap may move the message into quiet hours: it then waits for their end.
  const quietEnd = quietHoursEnd(until, check.timeZone, check.quietHours);
  if (quietEnd !== null) {
    until = quietEnd;
    reason =
      reason === null
        ? `quiet_hours: ${check.quietHours?.start}-${check.quietHours?.end} in ${check.timeZone}`
        : `${reason}; then quiet hours`;
  }
  return reason === null ? { action: 'send' } : { action: 'postpone', until, reason };
}
