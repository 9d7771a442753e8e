import type { Kysely } from 'kysely';
import type { Mailer } from '../messaging/index.js';
import { templateCache } from '../messaging/index.js';
import { listSuppressions } from '../consent/index.js';
import type { Database } from '../../platform/database/database.table.js';
import type { DeliveryChannelPort, SuppressionCheck } from './delivery-ports.js';
import { composeEmail } from '../messaging/index.js';

export interface EmailChannelOptions {
  readonly db: Kysely<Database>;
  readonly mailer: Mailer;
  /** The templates folder (builtInTemplatesDir() or the store's own). */
  readonly templatesDir: string;
  /** The From header (REGULARS_MAIL_FROM). */
  readonly from: string;
  /** Where unsubscribe and preference links point (REGULARS_PUBLIC_URL). */
  readonly publicUrl: string;
  readonly unsubscribeMailto?: string | null;
  readonly clock: () => string;
}

/**
 * The email channel: composes the message for its customer (composeEmail: the template rendered
 * with the customer's own unsubscribe and preference links, List-Unsubscribe with RFC 8058
 * one-click) and hands it to the Mailer (src/features/messaging/mailer.adapter.ts), which derives the Message-ID from the
 * outbox idempotency key, so a message sent again after a crash is the same message to its
 * receiver. Templates are loaded once per name.
 */
export function createEmailChannel(options: EmailChannelOptions): DeliveryChannelPort {
  const template = templateCache(options.templatesDir);
  return {
    async send({ message, customer, unsubscribeSecret, replyTo }) {
      const email = await composeEmail(options.db, {
        storeId: message.storeId,
        customer,
        template: await template(message.template),
        data: message.data,
        publicUrl: options.publicUrl,
        from: options.from,
        unsubscribeMailto: options.unsubscribeMailto ?? null,
        idempotencyKey: message.idempotencyKey,
        now: options.clock(),
        unsubscribeSecret,
        replyTo: replyTo ?? null,
      });
      const sent = await options.mailer.send(email);
      return { providerMessageId: sent.messageId };
    },
  };
}

/**
 * The suppression check over the store's suppression list (suppression.repository.ts). Marketing
 * stops for any suppression (unsubscribed, bounced, complained); transactional messages (a receipt)
 * stop only for a bounce: the address does not work. An unsubscribe withdraws marketing, not
 * receipts, and a complaint is about what the customer did not ask for.
 */
export const suppressionList: SuppressionCheck = async (db, storeId, channel, address, purpose) => {
  const { suppressions } = await listSuppressions(db, storeId, { channel, address, limit: 10 });
  const reasons = suppressions.map((s) => s.reason).filter((reason) => purpose === 'marketing' || reason === 'bounced');
  return reasons.length === 0 ? null : reasons.join(', ');
};
