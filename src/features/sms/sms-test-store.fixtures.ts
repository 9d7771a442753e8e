import type { Kysely } from 'kysely';
import { recordConsent } from '../consent/record-consent.service.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { suppressionList } from '../delivery/deliver-email.service.js';
import { runDeliveryWorker } from '../delivery/delivery-worker.service.js';
import { planned } from '../delivery/delivery.fixtures.js';
import { planMessages } from '../delivery/plan-messages.service.js';
import { builtInTemplatesDir } from '../messaging/templates.adapter.js';
import type { Database } from '../../platform/database/database.table.js';
import { createSmsChannel } from './deliver-sms.service.js';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN } from './fake-twilio.fixtures.js';
import { changeSmsSettings } from './sms-settings.service.js';

/** The template data of the built-in win-back SMS (win-back-2/sms.liquid). */
export const WIN_BACK_DATA = {
  shop: {
    name: 'Sunny Beans',
    url: 'https://beans.example',
    support_email: 'help@beans.example',
    address: '1 Roast St',
  },
  coupon: { code: 'COMEBACK-1234', description: '15% off', expires_on: '2026-06-01' },
};

/** Points the store's SMS account at the fake Twilio. */
export function configureFakeTwilio(db: Kysely<Database>, storeId: string, baseUrl: string) {
  return changeSmsSettings(
    db,
    storeId,
    {
      baseUrl,
      accountSid: FAKE_ACCOUNT_SID,
      authToken: FAKE_AUTH_TOKEN,
      from: '+447700900000',
      helpReply: 'Sunny Beans: help@beans.example',
    },
    '2026-01-01T00:00:00Z',
  );
}

/** A customer with a phone and the marketing consent of the channels named. */
export async function texter(
  db: Kysely<Database>,
  storeId: string,
  externalId: string,
  phone: string,
  consent: readonly ('sms' | 'email')[],
  timeZone: string | null = null,
) {
  const customer = await upsertCustomerByExternalId(db, storeId, {
    externalId,
    phone,
    email: `${externalId}@example.com`,
    firstName: 'Ada',
    timeZone,
  });
  for (const channel of consent)
    await recordConsent(db, storeId, customer.id, {
      channel,
      purpose: 'marketing',
      status: 'granted',
      source: 'checkout',
      recordedAt: '2026-01-01T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
  return customer;
}

/** One worker round over the store with only the SMS channel, as `regulars worker --once` runs it. */
export function deliverSms(db: Kysely<Database>, storeId: string, now: () => string) {
  return runDeliveryWorker(
    {
      db,
      channels: { sms: createSmsChannel({ db, templatesDir: builtInTemplatesDir(), clock: now }) },
      suppression: suppressionList,
      workerId: 'sms-worker',
      clock: now,
      leaseMs: 60_000,
    },
    { storeId, once: true },
  );
}

/** Plans the built-in win-back SMS for one customer, due at sendAt (planned an hour before). */
export function planWinBackSms(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  sendAt: string,
  triggerKey = 'step-1',
) {
  return planMessages(
    db,
    storeId,
    [planned(storeId, customerId, { channel: 'sms', template: 'win-back-2', data: WIN_BACK_DATA, triggerKey, sendAt })],
    new Date(Date.parse(sendAt) - 3_600_000).toISOString(),
  );
}
