import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentConsent } from '../consent/consent.repository.js';
import { fakeClock } from '../delivery/delivery.fixtures.js';
import { listOutboxMessages } from '../delivery/outbox.repository.js';
import { loadConfig } from '../../platform/config.js';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import {
  FAKE_ACCOUNT_SID,
  FAKE_AUTH_TOKEN,
  type FakeTwilio,
  inboundSmsForm,
  signedInbound,
  startFakeTwilio,
} from './fake-twilio.fixtures.js';
import { deliverSms, planWinBackSms, texter } from './sms-test-store.fixtures.js';

const PUBLIC_URL = 'https://regulars.example';

/** STOP, START and HELP through POST /webhooks/sms/{storeId}, as Twilio posts them, then the worker. */
describe.each(dialects)('inbound SMS keywords on %s', (dialect) => {
  const testApp = useTestApp(dialect, { config: loadConfig({ REGULARS_PUBLIC_URL: PUBLIC_URL }) });
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  afterAll(() => twilio.close());

  function post(storeId: string, form: [string, string][], tamper?: (body: string) => string) {
    const path = `/webhooks/sms/${storeId}`;
    const { body, signature } = signedInbound(`${PUBLIC_URL}${path}`, form);
    return testApp().app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: tamper === undefined ? body : tamper(body),
    });
  }

  it('configures the account through the API, never answering the token', async () => {
    const { app, store } = testApp();
    const put = await app.inject({
      method: 'PUT',
      url: '/v1/settings/sms',
      headers: store.auth,
      payload: {
        baseUrl: twilio.baseUrl,
        accountSid: FAKE_ACCOUNT_SID,
        authToken: FAKE_AUTH_TOKEN,
        from: '+447700900000',
        helpReply: 'Sunny Beans: help@beans.example',
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      baseUrl: twilio.baseUrl,
      accountSid: FAKE_ACCOUNT_SID,
      from: '+447700900000',
      messagingServiceSid: null,
      maxSegments: 1,
      helpReply: 'Sunny Beans: help@beans.example',
      authTokenSet: true,
    });
    expect(put.body).not.toContain(FAKE_AUTH_TOKEN);
    const bad = await app.inject({
      method: 'PUT',
      url: '/v1/settings/sms',
      headers: store.auth,
      payload: { from: 'not a sender!' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'sms.from' } });
    const other = await app.inject({ method: 'GET', url: '/v1/settings/sms', headers: testApp().otherStore.auth });
    expect(other.json()).toBeNull();
  });

  it('refuses a tampered or unsigned inbound SMS, and a store without an account', async () => {
    const { app, store, otherStore } = testApp();
    const form = inboundSmsForm({
      messageSid: 'SM-tampered',
      from: '+447700900111',
      to: '+447700900000',
      body: 'START',
    });
    const tampered = await post(store.id, form, (body) => body.replace('Body=START', 'Body=STOP'));
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error.code).toBe('INVALID_SIGNATURE');
    const unsigned = await app.inject({
      method: 'POST',
      url: `/webhooks/sms/${store.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await post(otherStore.id, form)).json().error.code).toBe('WEBHOOK_NOT_CONFIGURED');
  });

  it('STOP stops marketing SMS (not email), counts once when redelivered, and START resumes them', async () => {
    const { store, database } = testApp();
    const db = database.db;
    const ada = await texter(db, store.id, 'stopper', '+447700900222', ['sms', 'email']);
    const stop = inboundSmsForm({ messageSid: 'SM-stop-1', from: '+447700900222', to: '+447700900000', body: 'Stop' });
    const first = await post(store.id, stop);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/xml/);
    expect(first.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(first.headers['x-regulars-outcome']).toBe('stop');
    const again = await post(store.id, stop);
    expect(again.statusCode).toBe(200);
    expect(again.headers['x-regulars-outcome']).toBe('duplicate');
    const afterStop = await currentConsent(db, store.id, ada.id);
    expect(afterStop.filter((c) => c.source === 'sms_keyword')).toHaveLength(1);
    expect(afterStop.find((c) => c.channel === 'sms' && c.purpose === 'marketing')?.status).toBe('revoked');
    expect(afterStop.find((c) => c.channel === 'email' && c.purpose === 'marketing')?.status).toBe('granted');

    // No more marketing SMS...
    await planWinBackSms(db, store.id, ada.id, '2026-05-04T12:00:00Z');
    expect(await deliverSms(db, store.id, fakeClock('2026-05-04T12:00:00Z').now)).toMatchObject({
      sent: 0,
      skipped: 1,
    });
    expect(twilio.requests.filter((r) => r.To === '+447700900222')).toEqual([]);

    // ...until START.
    const start = await post(
      store.id,
      inboundSmsForm({ messageSid: 'SM-start-1', from: '+447700900222', to: '+447700900000', body: 'START' }),
    );
    expect(start.headers['x-regulars-outcome']).toBe('start');
    const afterStart = await currentConsent(db, store.id, ada.id);
    expect(afterStart.find((c) => c.channel === 'sms' && c.purpose === 'marketing')?.status).toBe('granted');
    await planWinBackSms(db, store.id, ada.id, '2026-05-06T12:00:00Z', 'step-2');
    expect(await deliverSms(db, store.id, fakeClock('2026-05-06T12:00:00Z').now)).toMatchObject({ sent: 1 });
    expect(twilio.sent.filter((m) => m.to === '+447700900222')).toHaveLength(1);
    const statuses = (await listOutboxMessages(db, store.id, { customerId: ada.id })).map((m) => m.status).sort();
    expect(statuses).toEqual(['sent', 'skipped']);
  });

  it("answers HELP with the store's reply and ignores a message that is no keyword", async () => {
    const { store } = testApp();
    const help = await post(
      store.id,
      inboundSmsForm({ messageSid: 'SM-help-1', from: '+447700900333', to: '+447700900000', body: 'help' }),
    );
    expect(help.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Sunny Beans: help@beans.example</Message></Response>',
    );
    const chat = await post(
      store.id,
      inboundSmsForm({
        messageSid: 'SM-chat-1',
        from: '+447700900333',
        to: '+447700900000',
        body: 'please stop texting me',
      }),
    );
    expect(chat.headers['x-regulars-outcome']).toBe('ignored');
  });
});
