import { createHash } from 'node:crypto';
import {
  type BounceEvent,
  type BounceKind,
  instantOr,
  invalidReport,
  kindOfStatus,
  normalizeMessageId,
  shortDetail,
} from './bounce-event.js';

/**
 * Reports mail servers send back by email: delivery status notifications (RFC 3464, a
 * multipart/report with report-type=delivery-status) and complaint feedback (ARF, RFC 5965,
 * report-type=feedback-report). Only the MIME this needs is read: headers (RFC 5322 folding),
 * multipart bodies (RFC 2046), base64 and quoted-printable parts.
 */

interface MimePart {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

/** Header fields of one block, unfolded (a line starting with white space continues the previous one); names lower-cased, first wins. */
export function parseHeaderBlock(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let name: string | null = null;
  let value = '';
  const flush = () => {
    if (name !== null && !fields.has(name)) fields.set(name, value.trim());
  };
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name !== null) {
      value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) {
      name = null;
      continue;
    }
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return fields;
}

function splitHeadAndBody(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (match === null) return { head: text, body: '' };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

/** A Content-Type's media type (lower case) and parameters (names lower case, quotes removed). */
export function contentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const [type = '', ...rest] = (value ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params.set(
      param.slice(0, eq).trim().toLowerCase(),
      param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = part.body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return part.body;
}

function parsePart(text: string): MimePart {
  const { head, body } = splitHeadAndBody(text);
  return { headers: parseHeaderBlock(head), body };
}

/** The parts of a multipart body between `--boundary` lines, up to `--boundary--`. */
function multipartParts(body: string, boundary: string): MimePart[] {
  const delimiter = `--${boundary}`;
  const parts: MimePart[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.trimEnd() === delimiter || line.trimEnd() === `${delimiter}--`) {
      if (current !== null) parts.push(parsePart(current.join('\r\n')));
      current = line.trimEnd() === delimiter ? [] : null;
      if (current === null) break;
      continue;
    }
    current?.push(line);
  }
  return parts;
}

/** The multipart/report inside a message (at the top, or nested in a multipart/mixed). */
function findReport(part: MimePart, depth = 0): { reportType: string; parts: MimePart[] } | null {
  const { type, params } = contentType(part.headers.get('content-type'));
  if (!type.startsWith('multipart/') || depth > 5) return null;
  const boundary = params.get('boundary');
  if (!boundary) return null;
  const parts = multipartParts(part.body, boundary);
  if (type === 'multipart/report') return { reportType: (params.get('report-type') ?? '').toLowerCase(), parts };
  for (const inner of parts) {
    const found = findReport(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** An address field's address: "rfc822; jane@example.com" or "Jane <jane@example.com>" gives jane@example.com. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const afterType = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(afterType);
  const bare = angle?.[1] ?? /[^\s<>,;"]+@[^\s<>,;"]+/.exec(afterType)?.[0];
  return bare ?? null;
}

/** The headers of the original message a report returns (message/rfc822 or text/rfc822-headers), if it does. */
function originalHeaders(parts: readonly MimePart[]): Map<string, string> | null {
  for (const part of parts) {
    const { type } = contentType(part.headers.get('content-type'));
    if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/rfc822-headers')
      return parseHeaderBlock(splitHeadAndBody(decodeBody(part)).head);
  }
  return null;
}

/** A report's own id: its Message-ID, or for a report without one a digest of its text (the same text again is the same report). */
function reportId(headers: ReadonlyMap<string, string>, raw: string): string {
  const id = normalizeMessageId(headers.get('message-id'));
  return id ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

function dsnEvents(top: MimePart, parts: readonly MimePart[], eventId: string, receivedAt: string): BounceEvent[] {
  const statusPart = parts.find((p) => contentType(p.headers.get('content-type')).type === 'message/delivery-status');
  if (statusPart === undefined)
    throw invalidReport(
      'smtp',
      'message/delivery-status',
      'a delivery-status report has no message/delivery-status part',
    );
  // Per-message fields, then one block per recipient (RFC 3464 section 2.1), blank lines between.
  const blocks = decodeBody(statusPart)
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map(parseHeaderBlock);
  const perMessage = blocks[0] ?? new Map<string, string>();
  const original = originalHeaders(parts);
  const messageId = normalizeMessageId(original?.get('message-id') ?? perMessage.get('original-envelope-id') ?? null);
  const arrival = instantOr(perMessage.get('arrival-date') ?? top.headers.get('date'), receivedAt);
  const events: BounceEvent[] = [];
  for (const fields of blocks.slice(1)) {
    const address = addressOf(fields.get('final-recipient') ?? fields.get('original-recipient'));
    if (address === null) continue;
    const action = (fields.get('action') ?? '').toLowerCase();
    const status = fields.get('status') ?? '';
    let kind: BounceKind | null = null;
    if (action === 'failed') kind = kindOfStatus(status) ?? 'hard_bounce';
    else if (action === 'delayed') kind = 'soft_bounce';
    // delivered, relayed, expanded: not a bounce.
    if (kind === null) continue;
    events.push({
      provider: 'smtp',
      eventId,
      kind,
      address,
      messageId,
      detail: shortDetail([action, status, fields.get('diagnostic-code')].filter(Boolean).join(' ')),
      occurredAt: instantOr(fields.get('last-attempt-date'), arrival),
    });
  }
  return events;
}

function feedbackEvents(top: MimePart, parts: readonly MimePart[], eventId: string, receivedAt: string): BounceEvent[] {
  const reportPart = parts.find((p) => contentType(p.headers.get('content-type')).type === 'message/feedback-report');
  if (reportPart === undefined)
    throw invalidReport('smtp', 'message/feedback-report', 'a feedback report has no message/feedback-report part');
  const fields = parseHeaderBlock(decodeBody(reportPart).trim());
  const original = originalHeaders(parts);
  // RFC 5965 section 3.2: Original-Rcpt-To names who complained; else the returned message's To.
  const address = addressOf(fields.get('original-rcpt-to')) ?? addressOf(original?.get('to'));
  if (address === null)
    throw invalidReport(
      'smtp',
      'Original-Rcpt-To',
      'the feedback report names no recipient (Original-Rcpt-To, or the To of the message)',
    );
  return [
    {
      provider: 'smtp',
      eventId,
      kind: 'complaint',
      address,
      messageId: normalizeMessageId(original?.get('message-id')),
      detail: shortDetail(`feedback type ${fields.get('feedback-type') ?? 'unknown'}`),
      occurredAt: instantOr(fields.get('arrival-date') ?? top.headers.get('date'), receivedAt),
    },
  ];
}

/**
 * The events of one email: a DSN's recipients with Action failed (Status 5.x.x a hard bounce,
 * 4.x.x soft) or delayed (soft), an ARF report's complaint. Any other email (an auto-reply, a
 * plain message) is not a report: null, so the receiver can say so.
 */
export function deliveryReportEvents(raw: string, receivedAt: string): BounceEvent[] | null {
  const top = parsePart(raw);
  const report = findReport(top);
  if (report === null) return null;
  const eventId = reportId(top.headers, raw);
  if (report.reportType === 'delivery-status') return dsnEvents(top, report.parts, eventId, receivedAt);
  if (report.reportType === 'feedback-report') return feedbackEvents(top, report.parts, eventId, receivedAt);
  return null;
}
