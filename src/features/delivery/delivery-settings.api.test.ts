import { describe, expect, it } from 'vitest';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { listOutboxMessages } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { deps, fakeClock, planned, recordingChannel } from './delivery.fixtures.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const DEFAULTS = {
  timeZone: null,
  quietHours: { start: '21:00', end: '08:00' },
  frequencyCap: { minHoursBetween: 16, maxPerWindow: 3, windowDays: 7, postponeMinPriority: 50 },
  holdoutShare: 0.1,
  flowHoldoutShares: {},
  maxAttempts: 5,
  replyTo: null,
  flowReplyTo: {},
};

describe.each(dialects)('delivery settings API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('answers the defaults, changes only the fields sent, refuses bad and unknown fields by name', async () => {
    const { app, store, otherStore } = ctx();
    const call = (method: 'GET' | 'PUT', payload?: unknown, auth = store.auth) =>
      app.inject({ method, url: '/v1/settings/delivery', headers: auth, payload: payload as object });

    const first = await call('GET');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual(DEFAULTS);

    const zone = await call('PUT', { timeZone: 'Europe/Ljubljana', frequencyCap: { maxPerWindow: 2 } });
    expect(zone.statusCode).toBe(200);
    const inForce = {
      ...DEFAULTS,
      timeZone: 'Europe/Ljubljana',
      frequencyCap: { ...DEFAULTS.frequencyCap, maxPerWindow: 2 },
    };
    expect(zone.json()).toEqual(inForce);
    // A second change keeps the first: the cap's other fields and the zone stay.
    const more = await call('PUT', { quietHours: { start: '22:00', end: '07:30' }, frequencyCap: { windowDays: 14 } });
    const after = {
      ...inForce,
      quietHours: { start: '22:00', end: '07:30' },
      frequencyCap: { ...inForce.frequencyCap, windowDays: 14 },
    };
    expect(more.json()).toEqual(after);
    expect((await call('GET')).json()).toEqual(after);

    for (const [payload, field] of [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ sendHours: '09:00' }, 'sendHours'],
      [{ frequencyCap: { perDay: 1 } }, 'frequencyCap.perDay'],
      [{ holdoutShare: 1.5 }, 'holdoutShare'],
      [{ quietHours: { start: '25:00', end: '08:00' } }, 'quietHours.start'],
    ] as const) {
      const refused = await call('PUT', payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    }
    expect((await call('GET')).json()).toEqual(after);

    // null returns a field to its default; quietHours null turns quiet hours off.
    expect((await call('PUT', { frequencyCap: null, quietHours: null })).json()).toEqual({
      ...after,
      frequencyCap: DEFAULTS.frequencyCap,
      quietHours: null,
    });
    // The other store's settings are its own.
    expect((await call('GET', undefined, otherStore.auth)).json()).toEqual(DEFAULTS);
    expect((await app.inject({ method: 'GET', url: '/v1/settings/delivery' })).statusCode).toBe(401);
  });

  it("times quiet hours in the store's zone, set over the API, for a customer without a zone of their own", async () => {
    const { app, database, store } = ctx();
    const { db } = database;
    await app.inject({
      method: 'PUT',
      url: '/v1/settings/delivery',
      headers: store.auth,
      payload: { timeZone: 'Asia/Tokyo', quietHours: { start: '21:00', end: '08:00' } },
    });
    const customer = await upsertCustomerByExternalId(db, store.id, { externalId: 'tokyo', email: 't@example.com' });
    await recordConsent(db, store.id, customer.id, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'api',
      recordedAt: '2026-01-01T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
    // 14:00 UTC is 23:00 in Tokyo: quiet there, not in UTC.
    const at = '2026-05-10T14:00:00.000Z';
    await planMessages(db, store.id, [planned(store.id, customer.id, { sendAt: at, triggerKey: 'tokyo' })], at);
    const channel = recordingChannel();
    expect(
      await runDeliveryWorker(deps(db, channel, fakeClock(at).now), { storeId: store.id, once: true }),
    ).toMatchObject({ postponed: 1, sent: 0 });
    const [message] = (await listOutboxMessages(db, store.id)).filter((m) => m.customerId === customer.id);
    // 08:00 in Tokyo (UTC+9) is 23:00 UTC.
    expect(message).toMatchObject({
      sendAt: '2026-05-10T23:00:00.000Z',
      reason: 'quiet_hours: 21:00-08:00 in Asia/Tokyo',
    });
  });
});
