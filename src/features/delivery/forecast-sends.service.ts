import type { Kysely } from 'kysely';
import type { DeliverySettings } from './delivery-settings.js';
import { addressOf, type SuppressionCheck } from './delivery-ports.js';
import { suppressionList } from './deliver-email.service.js';
import { capLookbackMs } from './frequency-cap.js';
import { marketingSendsBetween } from './outbox.repository.js';
import { consentChannelOf, DEFAULT_PRIORITY, type PlannedMessage } from './planned-message.js';
import { resolveTimeZone } from './quiet-hours.js';
import { decideSend, type SendDecision } from './send-decision.js';
import { currentConsent } from '../consent/index.js';
import { findCustomer } from '../customers/index.js';
import { purchaseAfter } from '../orders/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { plusMs } from '../../platform/instants.js';

/** A planned message's forecast: what the worker would decide at its send instant, and why. */
export type SendForecast = SendDecision;

/**
 * What the delivery worker would decide for each of these planned messages (none of them in the
 * outbox) at its send instant, reading only: the same decision (decideSend) over the same facts
 * the worker reads, each as of the send instant where the store keeps its history (consent records,
 * orders, the sends already made), the suppression list as it is now (it keeps no history).
 * Messages are decided in send order, highest priority first at one instant, and each one forecast
 * to go out counts against its customer's frequency cap for the ones after it, as a real send
 * would. A postponed message is counted at the instant it would go out. Nothing is written.
 *
 * Returns the decisions in the order of `messages`.
 */
export async function forecastSends(
  db: Kysely<Database>,
  storeId: string,
  messages: readonly PlannedMessage[],
  settings: DeliverySettings,
  suppression: SuppressionCheck = suppressionList,
): Promise<SendForecast[]> {
  const order = messages
    .map((message, index) => ({ message, index, priority: message.priority ?? DEFAULT_PRIORITY }))
    .sort(
      (a, b) =>
        Date.parse(a.message.sendAt) - Date.parse(b.message.sendAt) || b.priority - a.priority || a.index - b.index,
    );
  const forecastSent = new Map<string, string[]>();
  const decisions: SendForecast[] = new Array(messages.length);
  const lookback = capLookbackMs(settings.frequencyCap);
  for (const { message, index, priority } of order) {
    const now = new Date(Date.parse(message.sendAt)).toISOString();
    const consentChannel = consentChannelOf(message);
    const customer = await findCustomer(db, storeId, message.customerId);
    if (customer === null) throw new Error(`customer ${message.customerId} of store ${storeId} is missing`);
    const address = addressOf(customer, { consentChannel });
    const consent = await currentConsent(db, storeId, message.customerId, { asOf: now });
    const suppressed =
      address === null ? null : await suppression(db, storeId, consentChannel, address, message.purpose);
    const key = `${message.customerId}\u0000${consentChannel}`;
    const recent =
      message.purpose === 'marketing'
        ? [
            ...(await marketingSendsBetween(db, {
              storeId,
              customerId: message.customerId,
              consentChannel,
              since: plusMs(now, -lookback),
              until: now,
            })),
            ...(forecastSent.get(key) ?? []).filter((at) => Date.parse(at) <= Date.parse(now)),
          ]
        : [];
    // The worker skips a message that stops on order when the customer ordered after the stop
    // instant and before it goes out; a later order had not happened yet at the send instant.
    const ordered =
      message.stopOnOrderAfter === undefined
        ? null
        : await purchaseAfter(db, storeId, message.customerId, message.stopOnOrderAfter);
    const orderedSince = ordered !== null && Date.parse(ordered) <= Date.parse(now) ? ordered : null;
    const decision = decideSend({
      purpose: message.purpose,
      consentChannel,
      priority,
      address,
      consent,
      suppression: suppressed,
      recentMarketingSends: recent,
      now,
      timeZone: resolveTimeZone(customer.timeZone, settings.timeZone),
      quietHours: settings.quietHours,
      frequencyCap: settings.frequencyCap,
      orderedSince,
    });
    decisions[index] = decision;
    if (message.purpose === 'marketing' && decision.action !== 'skip') {
      const at = decision.action === 'postpone' ? decision.until : now;
      forecastSent.set(key, [...(forecastSent.get(key) ?? []), at]);
    }
  }
  return decisions;
}
