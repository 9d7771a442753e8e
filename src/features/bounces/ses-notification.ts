import {
  type BounceEvent,
  type BounceKind,
  instantOr,
  invalidReport,
  kindOfStatus,
  normalizeMessageId,
  shortDetail,
} from './bounce-event.js';

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The original message's Message-ID as SES reports it: commonHeaders.messageId, else the raw header. */
function originalMessageId(mail: Json): string | null {
  const common = isObject(mail.commonHeaders) ? mail.commonHeaders : {};
  if (typeof common.messageId === 'string') return normalizeMessageId(common.messageId);
  const headers = Array.isArray(mail.headers) ? mail.headers : [];
  for (const header of headers) {
    if (isObject(header) && typeof header.name === 'string' && header.name.toLowerCase() === 'message-id')
      return normalizeMessageId(typeof header.value === 'string' ? header.value : null);
  }
  return null;
}

function recipients(list: unknown, path: string): Json[] {
  if (!Array.isArray(list) || list.length === 0) throw invalidReport('ses', path, 'expected a list of recipients');
  return list.map((entry, index) => {
    if (!isObject(entry) || typeof entry.emailAddress !== 'string' || entry.emailAddress.trim() === '')
      throw invalidReport('ses', `${path}/${index}/emailAddress`, 'each recipient needs its emailAddress');
    return entry;
  });
}

/**
 * The events of one Amazon SES notification (the Message of an SNS Notification), as
 * https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html documents it. A bounce's
 * bounceType decides: Permanent is a hard bounce; Transient a soft one; Undetermined (SES could not
 * tell) is recorded as soft, since suppressing on a guess would lose a customer. A complaint names
 * its complainedRecipients. A Delivery notification (and any other type) yields no event.
 * `eventId` is the SNS MessageId, the id SNS keeps on every redelivery.
 */
export function sesNotificationEvents(notification: unknown, eventId: string, receivedAt: string): BounceEvent[] {
  if (!isObject(notification)) throw invalidReport('ses', '/Message', 'expected an SES notification (JSON object)');
  const type = notification.notificationType ?? notification.eventType;
  const mail = isObject(notification.mail) ? notification.mail : {};
  const messageId = originalMessageId(mail);
  if (type === 'Bounce') {
    const bounce = notification.bounce;
    if (!isObject(bounce)) throw invalidReport('ses', '/Message/bounce', 'a Bounce notification carries bounce');
    const occurredAt = instantOr(bounce.timestamp, receivedAt);
    return recipients(bounce.bouncedRecipients, '/Message/bounce/bouncedRecipients').map((recipient) => {
      // A recipient's own status (5.1.1) outranks the notification's type when they disagree.
      const kind: BounceKind =
        bounce.bounceType === 'Permanent' ? (kindOfStatus(recipient.status as string) ?? 'hard_bounce') : 'soft_bounce';
      return {
        provider: 'ses',
        eventId,
        kind,
        address: String(recipient.emailAddress),
        messageId,
        detail: shortDetail(
          [
            `${String(bounce.bounceType)}/${String(bounce.bounceSubType ?? '')}`,
            recipient.status,
            recipient.diagnosticCode,
          ]
            .filter((part) => typeof part === 'string' && part !== '')
            .join(' '),
        ),
        occurredAt,
      };
    });
  }
  if (type === 'Complaint') {
    const complaint = notification.complaint;
    if (!isObject(complaint))
      throw invalidReport('ses', '/Message/complaint', 'a Complaint notification carries complaint');
    const occurredAt = instantOr(complaint.timestamp, receivedAt);
    return recipients(complaint.complainedRecipients, '/Message/complaint/complainedRecipients').map((recipient) => ({
      provider: 'ses',
      eventId,
      kind: 'complaint',
      address: String(recipient.emailAddress),
      messageId,
      detail: shortDetail(
        typeof complaint.complaintFeedbackType === 'string'
          ? `feedback type ${complaint.complaintFeedbackType}`
          : 'complaint',
      ),
      occurredAt,
    }));
  }
  return [];
}
