import type { Kysely } from 'kysely';
import { renderSms, templateCache } from '../messaging/index.js';
import type { WebhookSender } from '../messaging/index.js';
import type { Database } from '../../platform/database/database.table.js';
import type { DeliveryChannelPort } from './delivery-ports.js';
import { unsubscribeLinks } from '../consent/index.js';

export interface WebhookChannelOptions {
  readonly db: Kysely<Database>;
  readonly sender: WebhookSender;
  readonly templatesDir: string;
  /** Where the unsubscribe and preference links point (REGULARS_PUBLIC_URL). */
  readonly publicUrl: string;
  readonly clock: () => string;
}

/**
 * The webhook channel for the delivery worker: a message for SMS, WhatsApp or another tool goes out
 * as a signed JSON POST (src/features/messaging/webhook-channel.adapter.ts) carrying the address on its channel, the
 * template's SMS part rendered for the customer (the text an SMS gateway sends: one message, with
 * its STOP line; never the email's text part, whose footer speaks of an email), the raw data for
 * tools that render their own, and an unsubscribe link scoped to that channel. A template without
 * an SMS part fails the message (TEMPLATE_NOT_FOUND, permanent); enabling such a flow is refused
 * first. The X-Regulars-Delivery header is the outbox idempotency key, the same on every retry.
 */
export function createWebhookChannel(options: WebhookChannelOptions): DeliveryChannelPort {
  const template = templateCache(options.templatesDir);
  return {
    async send({ message, customer, address, unsubscribeSecret }) {
      const links = await unsubscribeLinks(options.db, {
        storeId: message.storeId,
        customerId: customer.id,
        channel: message.consentChannel,
        purpose: message.purpose === 'marketing' ? 'marketing' : 'transactional',
        publicUrl: options.publicUrl,
        now: options.clock(),
        secret: unsubscribeSecret,
      });
      const text = await renderSms(await template(message.template), {
        ...message.data,
        customer: {
          first_name: customer.firstName ?? '',
          last_name: customer.lastName ?? '',
          email: customer.email ?? '',
        },
        unsubscribe_url: links.unsubscribeUrl,
        preferences_url: links.preferencesUrl,
      });
      await options.sender.send({
        idempotencyKey: message.idempotencyKey,
        payload: {
          id: message.id,
          channel: message.consentChannel,
          to: address,
          customerId: customer.externalId,
          flow: message.flow,
          purpose: message.purpose,
          template: message.template,
          text,
          unsubscribeUrl: links.unsubscribeUrl,
          data: message.data,
        },
      });
      return { providerMessageId: message.idempotencyKey };
    },
  };
}
