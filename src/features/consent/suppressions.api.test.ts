import { describe, expect, it } from 'vitest';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { isSuppressed } from './suppression.repository.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

describe.each(dialects)('suppressions API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('is served under /v1 with the API key', () => {
    expect(ctx().app.hasRoute({ method: 'GET', url: '/v1/suppressions' })).toBe(true);
  });

  it('records a bounce once: 201, then 200 with the first record', async () => {
    const { app, store, database } = ctx();
    const body = {
      address: ' Gone@Example.com ',
      reason: 'bounced',
      detail: '550 5.1.1 user unknown',
      occurredAt: '2026-03-01T10:00:00+01:00',
      source: 'postmark',
    };
    const first = await app.inject({ method: 'POST', url: '/v1/suppressions', headers: store.auth, payload: body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      created: true,
      suppression: {
        channel: 'email',
        address: 'gone@example.com',
        reason: 'bounced',
        customerId: null,
        source: 'postmark',
        detail: '550 5.1.1 user unknown',
        occurredAt: '2026-03-01T09:00:00.000Z',
        createdAt: expect.any(String),
      },
    });
    const again = await app.inject({
      method: 'POST',
      url: '/v1/suppressions',
      headers: store.auth,
      payload: { ...body, detail: 'redelivered' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, suppression: { detail: '550 5.1.1 user unknown' } });
    expect(await isSuppressed(database.db, store.id, 'email', 'GONE@example.com')).toBe(true);
    expect(await isSuppressed(database.db, store.id, 'sms', 'gone@example.com')).toBe(false);
    expect(await isSuppressed(database.db, ctx().otherStore.id, 'email', 'gone@example.com')).toBe(false);
  });

  it('links a complaint to the customer by external id, and refuses an unknown one', async () => {
    const { app, store, database } = ctx();
    await upsertCustomerByExternalId(database.db, store.id, { externalId: 'c-77', email: 'carol@example.com' });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/suppressions',
      headers: store.auth,
      payload: { address: 'carol@example.com', reason: 'complained', customerId: 'c-77' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().suppression).toMatchObject({ customerId: 'c-77', reason: 'complained', source: 'api' });
    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/suppressions',
      headers: store.auth,
      payload: { address: 'x@example.com', reason: 'complained', customerId: 'nobody' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('validates the body', async () => {
    const { app, store } = ctx();
    const badReason = await app.inject({
      method: 'POST',
      url: '/v1/suppressions',
      headers: store.auth,
      payload: { address: 'a@example.com', reason: 'soft_bounce' },
    });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: '/reason' } });
    const badEmail = await app.inject({
      method: 'POST',
      url: '/v1/suppressions',
      headers: store.auth,
      payload: { address: 'not an address', reason: 'bounced' },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.details).toMatchObject({ field: 'address' });
    const noKey = await app.inject({ method: 'GET', url: '/v1/suppressions' });
    expect(noKey.statusCode).toBe(401);
  });

  it('lists a page at a time, filters by channel and address, and shows only the key’s store', async () => {
    const { app, store, otherStore } = ctx();
    for (const address of ['p1@example.com', 'p2@example.com', 'p3@example.com']) {
      await app.inject({
        method: 'POST',
        url: '/v1/suppressions',
        headers: otherStore.auth,
        payload: { address, reason: 'unsubscribed' },
      });
    }
    await app.inject({
      method: 'POST',
      url: '/v1/suppressions',
      headers: otherStore.auth,
      payload: { address: 'p1@example.com', reason: 'complained' },
    });
    await app.inject({
      method: 'POST',
      url: '/v1/suppressions',
      headers: otherStore.auth,
      payload: { channel: 'sms', address: '+44 7700 900123', reason: 'unsubscribed' },
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await app.inject({
        method: 'GET',
        url: `/v1/suppressions?limit=2${query}`,
        headers: otherStore.auth,
      });
      expect(page.statusCode).toBe(200);
      const json = page.json() as {
        suppressions: { channel: string; address: string; reason: string }[];
        nextCursor: string | null;
      };
      seen.push(...json.suppressions.map((s) => `${s.channel}:${s.address}:${s.reason}`));
      cursor = json.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([
      'email:p1@example.com:complained',
      'email:p1@example.com:unsubscribed',
      'email:p2@example.com:unsubscribed',
      'email:p3@example.com:unsubscribed',
      'sms:+447700900123:unsubscribed',
    ]);

    const oneAddress = await app.inject({
      method: 'GET',
      url: '/v1/suppressions?address=P1@example.com',
      headers: otherStore.auth,
    });
    expect(oneAddress.json().suppressions.map((s: { reason: string }) => s.reason)).toEqual([
      'complained',
      'unsubscribed',
    ]);
    const sms = await app.inject({ method: 'GET', url: '/v1/suppressions?channel=sms', headers: otherStore.auth });
    expect(sms.json().suppressions).toHaveLength(1);
    const mine = await app.inject({
      method: 'GET',
      url: '/v1/suppressions?address=p1@example.com',
      headers: store.auth,
    });
    expect(mine.json()).toEqual({ suppressions: [], nextCursor: null });
    const badCursor = await app.inject({ method: 'GET', url: '/v1/suppressions?cursor=zzz', headers: otherStore.auth });
    expect(badCursor.statusCode).toBe(400);
  });

  it('records the same report sent concurrently once', async () => {
    const { app, store } = ctx();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        app.inject({
          method: 'POST',
          url: '/v1/suppressions',
          headers: store.auth,
          payload: { address: 'race@example.com', reason: 'complained' },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
  });
});
