import type { Kysely } from 'kysely';
import { recordSuppression } from '../consent/index.js';
import type { DeliveryChannelPort } from '../delivery/index.js';
import { renderSms, templateCache } from '../messaging/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { smsSendWindow } from './sms-country-rules.js';
import { smsParts } from './sms-parts.js';
import { findSmsSettings } from './sms-settings.repository.js';
import { createTwilioProvider, type SmsProviderFactory, SmsSendError } from './twilio-messages.adapter.js';

export interface SmsChannelOptions {
  readonly db: Kysely<Database>;
  readonly templatesDir: string;
  readonly clock: () => string;
  /** How a store's account becomes a provider; Twilio's Messages API unless a test passes another. */
  readonly provider?: SmsProviderFactory;
}

/**
 * The SMS channel for the delivery worker: each message goes through its store's own provider
 * account (the 'sms' store setting, read at send time so a changed token is used at once), as the
 * template's SMS part rendered for the customer. The opt-out is the STOP reply the SMS layout ends
 * with, which comes back through POST /webhooks/sms/{storeId}; no link is added.
 * - A store without an account: SMS_NOT_CONFIGURED, permanent (the message fails, saying what to do).
 * - A text longer than the store's maxSegments: SMS_TOO_LONG, permanent (sms-parts.ts counts).
 * - Twilio's 21610 (the number replied STOP to this sender): the number goes on the suppression
 *   list as unsubscribed, so no other marketing SMS is tried, and the message fails.
 * The provider's message sid is the outbox's provider_message_id. Twilio's Messages API has no
 * idempotency key: a worker that dies after the provider accepted a message and before the
 * outbox records it sends it again when its lease ends (docs/integrations.md "SMS").
 * Marketing messages are timed by the number's country (sms-country-rules.ts), not the store's
 * zone: sendWindow.
 */
export function createSmsChannel(options: SmsChannelOptions): DeliveryChannelPort {
  const template = templateCache(options.templatesDir);
  const providerFor = options.provider ?? ((settings) => createTwilioProvider(settings));
  return {
    sendWindow: (address, customerTimeZone) => smsSendWindow(address, customerTimeZone),
    async send({ message, customer, address }) {
      const { storeId } = message;
      const settings = await findSmsSettings(options.db, storeId);
      if (settings === null)
        throw new SmsSendError(
          `store ${storeId} has no SMS account: regulars sms configure --store ${storeId} --account-sid AC... --auth-token ... --from +...`,
          { storeId },
          { permanent: true, suppress: false, code: 'SMS_NOT_CONFIGURED' },
        );
      const text = await renderSms(await template(message.template), {
        ...message.data,
        customer: {
          first_name: customer.firstName ?? '',
          last_name: customer.lastName ?? '',
          email: customer.email ?? '',
        },
      });
      const parts = smsParts(text);
      if (parts.segments > settings.maxSegments)
        throw new SmsSendError(
          `the SMS of template ${message.template} takes ${parts.segments} messages (${parts.length} ${parts.encoding === 'GSM-7' ? 'GSM-7 characters' : 'UCS-2 units'}${parts.nonGsm.length > 0 ? `, UCS-2 because of ${parts.nonGsm.join(' ')}` : ''}); the store allows ${settings.maxSegments}`,
          { template: message.template, ...parts, maxSegments: settings.maxSegments },
          { permanent: true, suppress: false, code: 'SMS_TOO_LONG' },
        );
      try {
        const accepted = await providerFor(settings).send({ to: address, body: text });
        return { providerMessageId: accepted.sid };
      } catch (error) {
        if (error instanceof SmsSendError && error.suppress) {
          const now = options.clock();
          await recordSuppression(
            options.db,
            storeId,
            {
              channel: 'sms',
              address,
              reason: 'unsubscribed',
              customerId: customer.id,
              source: 'sms_provider',
              detail: error.message.slice(0, 500),
              occurredAt: now,
            },
            now,
          );
        }
        throw error;
      }
    },
  };
}
