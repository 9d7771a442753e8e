import {
  type BounceEvent,
  type BounceKind,
  instantOr,
  invalidReport,
  isJsonObject,
  type JsonObject,
  kindOfStatus,
  normalizeMessageId,
  shortDetail,
} from './bounce-event.js';

/** The original message's Message-ID as SES reports it: commonHeaders.messageId, else the raw header. */
function originalMessageId(mail: JsonObject): string | null {
  const common = isJsonObject(mail.commonHeaders) ? mail.commonHeaders : {};
  if (typeof common.messageId === 'string') return normalizeMessageId(common.messageId);
  const headers = Array.isArray(mail.headers) ? mail.headers : [];
  for (const header of headers) {
    if (isJsonObject(header) && typeof header.name === 'string' && header.name.toLowerCase() === 'message-id')
      return normalizeMessageId(typeof header.value === 'string' ? header.value : null);
  }
  return null;
}

function recipients(list: unknown, path: string): JsonObject[] {
  if (!Array.isArray(list) || list.length === 0) throw invalidReport('ses', path, 'expected a list of recipients');
  return list.map((entry, index) => {
    if (!isJsonObject(entry) || typeof entry.emailAddress !== 'string' || entry.emailAddress.trim() === '')
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
  if (!isJsonObject(notification)) throw invalidReport('ses', '/Message', 'expected an SES notification (JSON object)');
  const type = notification.notificationType ?? notification.eventType;
  const mail = isJsonObject(notification.mail) ? notification.mail : {};
  const messageId = originalMessageId(mail);
  if (type === 'Bounce') {
    const bounce = notification.bounce;
    if (!isJsonObject(bounce)) throw invalidReport('ses', '/Message/bounce', 'a Bounce notification carries bounce');
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
    if (!isJsonObject(complaint))
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
