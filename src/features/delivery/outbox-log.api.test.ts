/** GET /v1/messages and /v1/messages/{id} over HTTP: the log, its filters, bad queries, and store isolation. */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertOutboxMessages, outboxMessageToRow } from './outbox.repository.js';
import { planned } from './delivery.fixtures.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const NOW = '2026-05-10T12:00:00.000Z';

describe.each(dialects)('the messages API on %s', (dialect) => {
  const testApp = useTestApp(dialect);

  beforeAll(async () => {
    const { database, store } = testApp();
    const db = database.db;
    const a = await upsertCustomerByExternalId(db, store.id, { externalId: 'ana', email: 'ana@example.com' });
    const b = await upsertCustomerByExternalId(db, store.id, { externalId: 'bo', email: 'bo@example.com' });
    await insertOutboxMessages(db, store.id, [
      outboxMessageToRow(
        store.id,
        'msg_01',
        planned(store.id, a.id, { data: { coupon: 'X1' } }),
        { status: 'sent', reason: null },
        NOW,
      ),
      outboxMessageToRow(
        store.id,
        'msg_02',
        planned(store.id, b.id, { flow: 'spring-sale', sendAt: '2026-05-12T08:00:00Z' }),
        { status: 'postponed', reason: 'quiet_hours: 21:00-08:00 in UTC' },
        NOW,
      ),
      outboxMessageToRow(
        store.id,
        'msg_03',
        planned(store.id, b.id, { triggerKey: 'step-2' }),
        { status: 'skipped', reason: 'suppressed: complaint' },
        NOW,
      ),
    ]);
  });

  it('lists the messages newest first with their status and reason, filtered and paged', async () => {
    const { app, store } = testApp();
    const get = (query: string) => app.inject({ method: 'GET', url: `/v1/messages${query}`, headers: store.auth });
    const all = await get('');
    expect(all.statusCode).toBe(200);
    expect(all.json().messages.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      ['msg_03', 'suppressed'],
      ['msg_02', 'quiet_hours'],
      ['msg_01', 'sent'],
    ]);
    expect(all.json().messages[1]).toMatchObject({
      customerId: 'bo',
      flow: 'spring-sale',
      reason: 'quiet_hours: 21:00-08:00 in UTC',
    });
    expect((await get('?status=sent')).json().messages.map((m: { id: string }) => m.id)).toEqual(['msg_01']);
    expect((await get('?flow=spring-sale')).json().messages.map((m: { id: string }) => m.id)).toEqual(['msg_02']);
    expect((await get('?customer=bo&from=2026-05-11')).json().messages.map((m: { id: string }) => m.id)).toEqual([
      'msg_02',
    ]);
    const first = (await get('?limit=2')).json();
    expect(first.nextCursor).toBe('msg_02');
    expect((await get(`?limit=2&cursor=${first.nextCursor}`)).json()).toMatchObject({
      messages: [{ id: 'msg_01' }],
      nextCursor: null,
    });

    const one = await app.inject({ method: 'GET', url: '/v1/messages/msg_01', headers: store.auth });
    expect(one.json()).toMatchObject({ id: 'msg_01', customerId: 'ana', data: { coupon: 'X1' }, status: 'sent' });
  });

  it('refuses a bad filter, naming it', async () => {
    const { app, store } = testApp();
    const get = (query: string) => app.inject({ method: 'GET', url: `/v1/messages${query}`, headers: store.auth });
    for (const [query, path] of [
      ['?status=lost', '/status'],
      ['?from=12.5.2026', '/from'],
      ['?cursor=abc', '/cursor'],
      ['?limit=0', '/limit'],
    ]) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error, query).toMatchObject({ code: 'VALIDATION_FAILED', details: { path } });
    }
    const unknown = await get('?customer=nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it("shows another store nothing of this store's messages", async () => {
    const { app, otherStore } = testApp();
    const list = await app.inject({ method: 'GET', url: '/v1/messages', headers: otherStore.auth });
    expect(list.json()).toEqual({ messages: [], nextCursor: null });
    const one = await app.inject({ method: 'GET', url: '/v1/messages/msg_01', headers: otherStore.auth });
    expect(one.statusCode).toBe(404);
    expect(one.json().error.code).toBe('NOT_FOUND');
  });
});
