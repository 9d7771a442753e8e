import { createHash } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer/index.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

/**
 * One email as the send pipeline hands it to a Mailer: rendered parts, addresses, and what makes a
 * resend recognisable and an unsubscribe one click away.
 */
export interface OutgoingEmail {
  /** "Sunny Beans <hello@sunnybeans.example>" */
  readonly from: string;
  readonly to: string;
  readonly replyTo?: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /**
   * The message's idempotency key (per flow, customer and trigger). The Message-ID is derived from
   * it, so a message sent again after a crash carries the same Message-ID and receivers (and we)
   * can tell it is the same message.
   */
  readonly idempotencyKey: string;
  /** Null only for a purely transactional message (a receipt) that no one can opt out of. */
  readonly unsubscribe: { readonly url: string; readonly mailto?: string | null } | null;
  /** The Date header; now when left out. */
  readonly date?: Date;
}

/** The domain of an address such as "Shop <hello@shop.example>"; 'regulars.invalid' without one. */
function domainOf(address: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address.trim());
  return match ? match[1]!.toLowerCase() : 'regulars.invalid';
}

/**
 * `<hash.regulars@from-domain>`: RFC 5322 wants a Message-ID unique to the message and the
 * right-hand side a domain the sender controls. A hash of the idempotency key is both unique per
 * message and stable across resends; the key itself (customer ids) is not disclosed.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const hash = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40);
  return `<${hash}.regulars@${domainOf(from)}>`;
}

/**
 * `List-Unsubscribe: <https://...>, <mailto:...>` (RFC 2369) with `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click` (RFC 8058): the mail client POSTs to the https URL, without cookies
 * or a confirmation page, and that unsubscribes. RFC 8058 requires the https URL; the mailto is a
 * fallback for clients without one-click.
 */
export function unsubscribeHeaders(unsubscribe: NonNullable<OutgoingEmail['unsubscribe']>): Record<string, string> {
  const targets = [`<${unsubscribe.url}>`];
  if (unsubscribe.mailto) targets.push(`<mailto:${unsubscribe.mailto}?subject=unsubscribe>`);
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The nodemailer message for an email: both parts (multipart/alternative), the Message-ID and the list headers. */
export function mailOptionsFor(email: OutgoingEmail): Mail.Options {
  return {
    from: email.from,
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: messageIdFor(email.idempotencyKey, email.from),
    date: email.date ?? new Date(),
    headers: email.unsubscribe === null ? {} : unsubscribeHeaders(email.unsubscribe),
  };
}

/** The full RFC 5322 message, as it would go over SMTP, without sending it (the SpamAssassin check uses this). */
export async function buildRawEmail(email: OutgoingEmail): Promise<Buffer> {
  return new MailComposer(mailOptionsFor(email)).compile().build();
}
