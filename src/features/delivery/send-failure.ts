import { RegularsError } from '../../platform/errors.js';

/**
 * Whose fault a failed send is (docs/delivery.md "When the mail server is down"):
 * - 'transport': the server or endpoint as a whole did not take mail (refused or timed-out
 *   connection, a reset, a greeting or login that failed, an SMTP 4xx, a webhook 5xx or 429). Any
 *   message would have failed the same way, so it costs the message nothing: the message waits
 *   and the channel's breaker backs off.
 * - 'permanent': this message cannot be sent (an SMTP 5xx for its recipient or its content, a
 *   template that cannot render, an error marked permanent): it fails at once.
 * - 'message': anything else about this message (a webhook 4xx, an unknown error): one attempt
 *   counts, and it is retried with backoff until maxAttempts.
 */
export type SendFailureKind = 'transport' | 'permanent' | 'message';

/** Socket and nodemailer codes that mean the server could not be reached or talked to at all. */
const TRANSPORT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // nodemailer's: no connection, a socket error, DNS, TLS, the greeting or login, a protocol error.
  'ECONNECTION',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'EPROTOCOL',
  // undici's (fetch) for a socket that closed or a connection that timed out.
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** The SMTP commands whose 5xx answer is about this message (its recipient or its content). */
const MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);

interface FailureFields {
  permanent?: unknown;
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  status?: unknown;
  reason?: unknown;
  details?: FailureFields;
  cause?: FailureFields;
}

function numberOf(value: unknown): number | null {
  const n = Number(value);
  return value === undefined || value === null || !Number.isFinite(n) ? null : n;
}

/** Classifies what a channel threw (the mailer's MAIL_SEND_FAILED, the webhook's WEBHOOK_DELIVERY_FAILED, or a raw error). */
export function classifySendFailure(error: unknown): SendFailureKind {
  const failure = (error ?? {}) as FailureFields;
  if (failure.permanent === true) return 'permanent';
  if (error instanceof RegularsError && error.code.startsWith('TEMPLATE_')) return 'permanent';
  const details = failure.details ?? {};

  // An HTTP endpoint: an outage (5xx) or "slow down" (429) is the endpoint's; other 4xx the message's.
  const status = numberOf(details.status ?? failure.status);
  if (status !== null) return status >= 500 || status === 429 ? 'transport' : 'message';

  const code = [details.code, failure.code, failure.cause?.code, details.reason].find(
    (c) => typeof c === 'string' && TRANSPORT_CODES.has(c),
  );
  const responseCode = numberOf(details.responseCode ?? failure.responseCode);
  const command =
    typeof (details.command ?? failure.command) === 'string' ? String(details.command ?? failure.command) : null;
  if (responseCode !== null && responseCode >= 500 && responseCode < 600) {
    // A 5xx to the login or the sender is the server refusing this sender: every message would fail.
    if (command !== null && !MESSAGE_COMMANDS.has(command)) return 'transport';
    return 'permanent';
  }
  if (responseCode !== null && responseCode >= 400 && responseCode < 500) return 'transport';
  if (code !== undefined) return 'transport';
  return 'message';
}

/** Whether the server or endpoint answered (an SMTP reply code, an HTTP status): it is up, whatever it said. */
export function answeredByServer(error: unknown): boolean {
  const failure = (error ?? {}) as FailureFields;
  const details = failure.details ?? {};
  return numberOf(details.responseCode ?? failure.responseCode ?? details.status ?? failure.status) !== null;
}
