import { describe, expect, it } from 'vitest';
import { runDeliveryWorker } from './delivery-worker.service.js';
import { countBacklog } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { watchOutbox } from '../../platform/metrics/metrics.js';
import { sampleValue, scrapeMetrics } from '../../../test/support/prometheus-text.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { deps, fakeClock, planned, recordingChannel, storeWithCustomers } from './delivery.fixtures.js';

const T0 = '2026-05-10T12:00:00.000Z';

describe.each(dialects)('delivery metrics on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('count the outbox backlog by status at scrape time, and sends and failures by channel', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 3);
    await planMessages(
      db,
      storeId,
      customerIds.map((customerId) => planned(storeId, customerId)),
      T0,
    );
    watchOutbox(() => countBacklog(db));
    const planned0 = await scrapeMetrics();
    expect(sampleValue(planned0, 'regulars_outbox_messages', { status: 'planned' })).toBe(3);
    expect(sampleValue(planned0, 'regulars_outbox_messages', { status: 'sending' })).toBe(0);
    const sent = (families: typeof planned0, outcome: string) =>
      sampleValue(families, 'regulars_delivery_messages_total', { channel: 'email', outcome });

    // The second customer's message fails for good (a permanent error), the others go out.
    const channel = recordingChannel((delivery) =>
      delivery.message.customerId === customerIds[1]
        ? Object.assign(new Error('550 mailbox unknown'), { permanent: true })
        : null,
    );
    const clock = fakeClock(T0);
    expect(await runDeliveryWorker(deps(db, channel, clock.now), { storeId, once: true })).toMatchObject({
      sent: 2,
      failed: 1,
    });
    const delivered = await scrapeMetrics();
    expect(sent(delivered, 'sent') - sent(planned0, 'sent')).toBe(2);
    expect(sent(delivered, 'failed') - sent(planned0, 'failed')).toBe(1);
    // Within the cache's few seconds a scrape reuses the last count instead of querying again.
    expect(sampleValue(delivered, 'regulars_outbox_messages', { status: 'planned' })).toBe(3);
    watchOutbox(() => countBacklog(db));
    expect(sampleValue(await scrapeMetrics(), 'regulars_outbox_messages', { status: 'planned' })).toBe(0);
  });
});
