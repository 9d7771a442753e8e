import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSuppressions } from '../consent/suppression.repository.js';
import { fakeClock, planned } from '../delivery/delivery.fixtures.js';
import { listOutboxMessages } from '../delivery/outbox.repository.js';
import { planMessages } from '../delivery/plan-messages.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { type FakeTwilio, startFakeTwilio } from './fake-twilio.fixtures.js';
import { configureFakeTwilio, deliverSms, planWinBackSms, texter, WIN_BACK_DATA } from './sms-test-store.fixtures.js';

const smsMessage = { channel: 'sms' as const, template: 'win-back-2', data: WIN_BACK_DATA };

/** The worker's SMS channel against a local fake of Twilio's Messages API (fake-twilio.fixtures.ts). */
describe.each(dialects)('the SMS channel on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  afterAll(() => twilio.close());

  async function smsStore() {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Sunny Beans' });
    await configureFakeTwilio(db, store.id, twilio.baseUrl);
    return { db, storeId: store.id };
  }

  it('sends a marketing SMS through the store account to the customer with SMS consent; email consent is not enough', async () => {
    const { db, storeId } = await smsStore();
    const ada = await texter(db, storeId, 'ada', '+447700900123', ['sms']);
    const bob = await texter(db, storeId, 'bob', '+447700900456', ['email']);
    await planMessages(
      db,
      storeId,
      [ada, bob].map((c) => planned(storeId, c.id, { ...smsMessage, sendAt: '2026-05-04T12:00:00Z' })),
      '2026-05-04T11:00:00Z',
    );
    const totals = await deliverSms(db, storeId, fakeClock('2026-05-04T12:00:00Z').now);
    expect(totals).toMatchObject({ sent: 1, skipped: 1 });
    const mine = twilio.sent.filter((m) => m.to === '+447700900123' || m.to === '+447700900456');
    expect(mine).toEqual([
      {
        sid: expect.stringMatching(/^SM\d{32}$/),
        to: '+447700900123',
        from: '+447700900000',
        messagingServiceSid: null,
        body: 'Sunny Beans: Hi Ada, your code COMEBACK-1234 for 15% off ends 2026-06-01: https://beans.example\nReply STOP to opt out',
      },
    ]);
    const messages = await listOutboxMessages(db, storeId);
    expect(messages.find((m) => m.customerId === ada.id)).toMatchObject({
      status: 'sent',
      consentChannel: 'sms',
      providerMessageId: mine[0].sid,
    });
    expect(messages.find((m) => m.customerId === bob.id)).toMatchObject({
      status: 'skipped',
      reason: 'no_consent: marketing consent on sms is not recorded',
    });
  });

  it("defers a marketing SMS to the end of the quiet hours of the number's country", async () => {
    const { db, storeId } = await smsStore();
    // 21:30 in London (BST) and 17:30 in New York: the British number waits for 08:00 London.
    const londoner = await texter(db, storeId, 'gb', '+447700900789', ['sms']);
    // 09:00 in New York, 06:00 in Los Angeles: a US number of unknown zone waits for 11:00 New York.
    const american = await texter(db, storeId, 'us', '+12025550123', ['sms']);
    // The same number with the customer's own zone known: 08:00 local is enough.
    const angeleno = await texter(db, storeId, 'la', '+13105550123', ['sms'], 'America/Los_Angeles');
    await planMessages(
      db,
      storeId,
      [
        planned(storeId, londoner.id, { ...smsMessage, sendAt: '2026-05-04T20:30:00Z' }),
        planned(storeId, american.id, { ...smsMessage, sendAt: '2026-05-04T13:00:00Z' }),
        planned(storeId, angeleno.id, { ...smsMessage, sendAt: '2026-05-04T13:00:00Z' }),
      ],
      '2026-05-04T12:00:00Z',
    );
    // 13:00 UTC: the London message is not due yet; both US ones are too early.
    expect(await deliverSms(db, storeId, fakeClock('2026-05-04T13:00:00Z').now)).toMatchObject({
      sent: 0,
      postponed: 2,
    });
    let byCustomer = new Map((await listOutboxMessages(db, storeId)).map((m) => [m.customerId, m]));
    expect(byCustomer.get(american.id)).toMatchObject({
      status: 'postponed',
      sendAt: '2026-05-04T15:00:00.000Z',
      reason: 'quiet_hours: 21:00-11:00 in America/New_York',
    });
    expect(byCustomer.get(angeleno.id)).toMatchObject({
      sendAt: '2026-05-04T15:00:00.000Z',
      reason: 'quiet_hours: 21:00-08:00 in America/Los_Angeles',
    });
    // 20:30 UTC: the US ones go (16:30 in New York); the London one waits for 08:00 London.
    expect(await deliverSms(db, storeId, fakeClock('2026-05-04T20:30:00Z').now)).toMatchObject({
      sent: 2,
      postponed: 1,
    });
    byCustomer = new Map((await listOutboxMessages(db, storeId)).map((m) => [m.customerId, m]));
    expect(byCustomer.get(londoner.id)).toMatchObject({
      status: 'postponed',
      sendAt: '2026-05-05T07:00:00.000Z',
      reason: 'quiet_hours: 21:00-08:00 in Europe/London',
    });
    expect(twilio.sent.filter((m) => m.to === '+447700900789')).toEqual([]);
    // At 08:00 London the British one goes.
    const later = await deliverSms(db, storeId, fakeClock('2026-05-05T07:00:00Z').now);
    expect(later).toMatchObject({ sent: 1 });
    expect(twilio.sent.filter((m) => m.to === '+447700900789')).toHaveLength(1);
  });

  it('suppresses a number Twilio refuses with 21610 (it replied STOP) so the next marketing SMS is skipped', async () => {
    const { db, storeId } = await smsStore();
    const ada = await texter(db, storeId, 'opted-out', '+447700900999', ['sms']);
    twilio.optedOut.add('+447700900999');
    await planWinBackSms(db, storeId, ada.id, '2026-05-04T12:00:00Z');
    expect(await deliverSms(db, storeId, fakeClock('2026-05-04T12:00:00Z').now)).toMatchObject({ failed: 1 });
    const [failed] = await listOutboxMessages(db, storeId);
    expect(failed.reason).toMatch(
      /^attempt 1: the SMS provider refused the message to \+447700900999: 400 error 21610/,
    );
    const { suppressions } = await listSuppressions(db, storeId, { channel: 'sms', limit: 10 });
    expect(suppressions).toEqual([
      expect.objectContaining({
        address: '+447700900999',
        reason: 'unsubscribed',
        source: 'sms_provider',
        customerId: ada.id,
      }),
    ]);
    await planWinBackSms(db, storeId, ada.id, '2026-05-06T12:00:00Z', 'step-2');
    expect(await deliverSms(db, storeId, fakeClock('2026-05-06T12:00:00Z').now)).toMatchObject({ skipped: 1 });
    expect(twilio.requests.filter((r) => r.To === '+447700900999')).toHaveLength(1);
  });

  it('fails a message of a store without an SMS account, saying how to configure one', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'No SMS' });
    const ada = await texter(db, store.id, 'ada', '+447700900321', ['sms']);
    await planWinBackSms(db, store.id, ada.id, '2026-05-04T12:00:00Z');
    expect(await deliverSms(db, store.id, fakeClock('2026-05-04T12:00:00Z').now)).toMatchObject({ failed: 1 });
    const [message] = await listOutboxMessages(db, store.id);
    expect(message.reason).toMatch(/has no SMS account: regulars sms configure --store/);
  });
});
