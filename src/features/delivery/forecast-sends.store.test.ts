import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_SETTINGS } from './delivery-settings.js';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { deps, fakeClock, planned, recordingChannel, storeWithCustomers } from './delivery.fixtures.js';
import { forecastSends } from './forecast-sends.service.js';
import { listOutboxMessages } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const T = '2026-05-10T12:00:00.000Z';

describe.each(dialects)('the send forecast on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('applies the frequency cap as the worker does: earlier real sends, and the forecast sends before it', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 2);
    const [a, b] = customerIds;
    // b got a marketing message two hours before: the cap (one per 16 h) holds the next one back.
    await planMessages(
      db,
      storeId,
      [planned(storeId, b, { triggerKey: 'earlier', sendAt: '2026-05-10T10:00:00Z' })],
      T,
    );
    await runDeliveryWorker(deps(db, recordingChannel(), fakeClock('2026-05-10T10:00:00Z').now), {
      storeId,
      once: true,
    });
    // a gets two at once: the higher priority goes, the lower (below 50) is dropped; b's waits out the cap
    // (02:00) and then the quiet hours (to 08:00 UTC).
    const messages = [
      planned(storeId, a, { triggerKey: 'low', priority: 40, sendAt: T }),
      planned(storeId, a, { triggerKey: 'high', priority: 60, sendAt: T }),
      planned(storeId, b, { triggerKey: 'next', priority: 60, sendAt: T }),
    ];
    const forecast = await forecastSends(db, storeId, messages, DEFAULT_DELIVERY_SETTINGS);
    expect(forecast[1]).toEqual({ action: 'send' });
    expect(forecast[0]).toMatchObject({ action: 'skip', reason: expect.stringMatching(/^frequency_cap: .*dropped$/) });
    expect(forecast[2]).toMatchObject({ action: 'postpone', until: '2026-05-11T08:00:00.000Z' });
    expect((forecast[2] as { reason: string }).reason).toMatch(/^frequency_cap: /);

    // The worker, on the same messages: the low one yields to the high one a minute, then is dropped.
    await planMessages(db, storeId, messages, T);
    const clock = fakeClock(T);
    await runDeliveryWorker(deps(db, recordingChannel(), clock.now), { storeId, once: true });
    clock.set('2026-05-10T12:01:00.000Z');
    await runDeliveryWorker(deps(db, recordingChannel(), clock.now), { storeId, once: true });
    const rows = await listOutboxMessages(db, storeId);
    const byKey = new Map(rows.map((r) => [`${r.customerId}:${r.triggerKey}`, r]));
    expect(byKey.get(`${a}:high`)?.status).toBe('sent');
    expect(byKey.get(`${a}:low`)).toMatchObject({
      status: 'skipped',
      reason: (forecast[0] as { reason: string }).reason,
    });
    expect(byKey.get(`${b}:next`)).toMatchObject({
      status: 'postponed',
      sendAt: '2026-05-11T08:00:00.000Z',
      reason: (forecast[2] as { reason: string }).reason,
    });
  });
});
