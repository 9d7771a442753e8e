import { createHash, createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import {
  type BounceEvent,
  type BounceKind,
  instantOr,
  invalidReport,
  isJsonObject,
  kindOfStatus,
  normalizeMessageId,
  shortDetail,
} from './bounce-event.js';

/**
 * The bounce and complaint webhooks of Postmark, SendGrid and Mailgun: each parser turns one
 * parsed body into events, each verifier checks the proof of origin the provider documents. The
 * payload shapes and their sources are in bounce-payloads.fixtures.ts.
 */

/** Two secrets compared in constant time (the lengths may differ: that alone says no). */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---------------------------------------------------------------- Postmark

/** Postmark bounce types that mean the address itself is bad (https://postmarkapp.com/developer/api/bounce-api#bounce-types). */
const POSTMARK_HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated']);

/**
 * Postmark's webhooks prove nothing by signature: the owner puts a user name and password in the
 * webhook URL (https://user:password@host/...), which Postmark sends as HTTP basic auth.
 */
export function verifyPostmarkAuth(authorization: string | undefined, username: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (match === null) return false;
  return sameSecret(Buffer.from(match[1], 'base64').toString('utf8'), `${username}:${password}`);
}

/**
 * One Postmark bounce or spam complaint webhook: Type HardBounce (and the other permanent types)
 * is a hard bounce, SpamComplaint a complaint, every other type (SoftBounce, Transient, DnsError,
 * AutoResponder...) soft. Postmark's ID (a 64-bit integer, kept as text) is the event id.
 */
export function postmarkEvents(body: unknown, receivedAt: string): BounceEvent[] {
  if (!isJsonObject(body)) throw invalidReport('postmark', '', 'expected the JSON object Postmark posts');
  if (body.RecordType !== 'Bounce' && body.RecordType !== 'SpamComplaint') return [];
  if (typeof body.Email !== 'string' || body.Email.trim() === '')
    throw invalidReport('postmark', '/Email', 'a bounce names the address in Email');
  if (typeof body.ID !== 'number' && typeof body.ID !== 'string')
    throw invalidReport('postmark', '/ID', "a bounce carries Postmark's ID");
  const type = typeof body.Type === 'string' ? body.Type : '';
  const kind: BounceKind =
    body.RecordType === 'SpamComplaint' || type === 'SpamComplaint'
      ? 'complaint'
      : POSTMARK_HARD.has(type)
        ? 'hard_bounce'
        : 'soft_bounce';
  // MessageID is Postmark's own id; the original Message-ID appears only in the dump, when included.
  const dump = typeof body.Content === 'string' ? body.Content : '';
  const messageId = normalizeMessageId(/^Message-ID:\s*(<[^>\r\n]+>)/im.exec(dump)?.[1]);
  return [
    {
      provider: 'postmark',
      eventId: `${String(body.RecordType)}:${String(body.ID)}`,
      kind,
      address: body.Email,
      messageId,
      detail: shortDetail([type, body.Description, body.Details].filter((p) => typeof p === 'string').join(': ')),
      occurredAt: instantOr(body.BouncedAt, receivedAt),
    },
  ];
}

// ---------------------------------------------------------------- SendGrid

/**
 * SendGrid's Signed Event Webhook: an ECDSA (P-256, SHA-256) signature, base64 DER, over the
 * X-Twilio-Email-Event-Webhook-Timestamp header followed by the raw body, under the public key the
 * owner copies from SendGrid (base64 DER, or PEM)
 * (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features).
 */
export function verifySendGridSignature(
  rawBody: Buffer,
  publicKey: string,
  signature: string | undefined,
  timestamp: string | undefined,
): boolean {
  if (!signature || !timestamp) return false;
  try {
    const key = publicKey.includes('-----BEGIN')
      ? createPublicKey(publicKey)
      : createPublicKey({ key: Buffer.from(publicKey.trim(), 'base64'), format: 'der', type: 'spki' });
    return verify(
      'sha256',
      Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]),
      key,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** Why SendGrid dropped a message without sending it, when the reason means what a bounce or complaint would. */
function droppedKind(reason: string): BounceKind {
  if (/bounced address|invalid/i.test(reason)) return 'hard_bounce';
  if (/spam reporting address/i.test(reason)) return 'complaint';
  return 'soft_bounce';
}

/**
 * The events of one SendGrid Event Webhook POST (an array of events): bounce (type 'bounce' hard,
 * 'blocked' soft, as SendGrid classifies them), dropped (by its reason), spamreport (a complaint)
 * and deferred (soft). Delivered, open, click and the rest are not bounces and are skipped.
 * sg_event_id is the event id; smtp-id is the message's Message-ID.
 */
export function sendGridEvents(body: unknown, receivedAt: string): BounceEvent[] {
  if (!Array.isArray(body)) throw invalidReport('sendgrid', '', 'expected the JSON array of events SendGrid posts');
  const events: BounceEvent[] = [];
  body.forEach((event: unknown, index) => {
    const path = `/${index}`;
    if (!isJsonObject(event)) throw invalidReport('sendgrid', path, 'each event is a JSON object');
    const name = event.event;
    if (name !== 'bounce' && name !== 'dropped' && name !== 'spamreport' && name !== 'deferred') return;
    if (typeof event.email !== 'string' || event.email.trim() === '')
      throw invalidReport('sendgrid', `${path}/email`, 'a bounce names the address in email');
    const reason = typeof event.reason === 'string' ? event.reason : '';
    const kind: BounceKind =
      name === 'spamreport'
        ? 'complaint'
        : name === 'deferred'
          ? 'soft_bounce'
          : name === 'dropped'
            ? droppedKind(reason)
            : event.type === 'blocked'
              ? 'soft_bounce'
              : (kindOfStatus(event.status as string) ?? 'hard_bounce');
    events.push({
      provider: 'sendgrid',
      // Older dropped events come without sg_event_id: their own text identifies them instead.
      eventId:
        typeof event.sg_event_id === 'string' && event.sg_event_id !== ''
          ? event.sg_event_id
          : `sha256:${createHash('sha256').update(JSON.stringify(event)).digest('hex')}`,
      kind,
      address: event.email,
      messageId: normalizeMessageId(event['smtp-id'] as string),
      detail: shortDetail([name, event.status, reason].filter((p) => typeof p === 'string' && p !== '').join(' ')),
      occurredAt: instantOr(event.timestamp, receivedAt),
    });
  });
  return events;
}

// ---------------------------------------------------------------- Mailgun

/**
 * Mailgun signs each webhook with signature.signature, the hex HMAC-SHA256 of timestamp + token
 * under the account's HTTP webhook signing key
 * (https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks).
 */
export function verifyMailgunSignature(body: unknown, signingKey: string): boolean {
  if (!isJsonObject(body) || !isJsonObject(body.signature)) return false;
  const { timestamp, token, signature } = body.signature;
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') return false;
  if (typeof token !== 'string' || typeof signature !== 'string') return false;
  const expected = createHmac('sha256', signingKey)
    .update(`${String(timestamp)}${token}`)
    .digest('hex');
  return sameSecret(signature.toLowerCase(), expected);
}

/**
 * One Mailgun webhook: event-data.event 'failed' with severity 'permanent' is a hard bounce,
 * 'temporary' a soft one; 'complained' a complaint; other events are skipped. event-data.id is the
 * event id (with its timestamp); message.headers['message-id'] the Message-ID (Mailgun writes it
 * without brackets).
 */
export function mailgunEvents(body: unknown, receivedAt: string): BounceEvent[] {
  if (!isJsonObject(body) || !isJsonObject(body['event-data']))
    throw invalidReport('mailgun', '/event-data', 'expected the JSON object Mailgun posts, with event-data');
  const data = body['event-data'];
  if (data.event !== 'failed' && data.event !== 'complained') return [];
  if (typeof data.recipient !== 'string' || data.recipient.trim() === '')
    throw invalidReport('mailgun', '/event-data/recipient', 'a bounce names the address in recipient');
  if (typeof data.id !== 'string' || data.id === '')
    throw invalidReport('mailgun', '/event-data/id', 'each event carries its id');
  const kind: BounceKind =
    data.event === 'complained' ? 'complaint' : data.severity === 'permanent' ? 'hard_bounce' : 'soft_bounce';
  const message = isJsonObject(data.message) ? data.message : {};
  const headers = isJsonObject(message.headers) ? message.headers : {};
  const status = isJsonObject(data['delivery-status']) ? data['delivery-status'] : {};
  return [
    {
      provider: 'mailgun',
      // Mailgun keeps an event id unique within a day only; with its timestamp it is unique for good.
      eventId: `${data.id}@${String(data.timestamp ?? '')}`,
      kind,
      address: data.recipient,
      messageId: normalizeMessageId(headers['message-id'] as string),
      detail: shortDetail(
        [data.event, data.severity, data.reason, status.code, status.description || status.message]
          .filter((p) => (typeof p === 'string' && p !== '') || typeof p === 'number')
          .join(' '),
      ),
      occurredAt: instantOr(data.timestamp, receivedAt),
    },
  ];
}
