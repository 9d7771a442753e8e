import { describe, expect, it } from 'vitest';
import { loggerOptions, maskEmails } from './logging.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';

const lines: string[] = [];

describe('request logs', () => {
  const ctx = useTestApp('sqlite', {
    logger: loggerOptions('info', { write: (line: string) => void lines.push(line) }),
  });

  it('log each request as JSON with status and time, but no key, signature, body or full email', async () => {
    const { app, store } = ctx();
    await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({ customer: { externalId: 'log-1', email: 'secret.person@example.com' } }),
    });
    await app.inject({ method: 'GET', url: '/v1/customers?query=secret.person@example.com', headers: store.auth });
    await app.inject({ method: 'GET', url: '/v1/customers?query=secret.person%40example.com', headers: store.auth });
    await app.inject({
      method: 'POST',
      url: `/webhooks/shopify/${store.id}`,
      headers: { 'x-shopify-hmac-sha256': 'forged', 'content-type': 'application/json' },
      payload: '{}',
    });
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const requests = lines
      .map((l) => JSON.parse(l) as { msg: string; status?: number; req?: { url: string } })
      .filter((l) => l.msg === 'request');
    expect(requests.map((r) => r.status)).toEqual([201, 200, 200, 401]);
    expect(text).not.toContain(store.apiKey);
    expect(text).not.toContain('rk_live_');
    expect(text).not.toContain('forged');
    expect(text).not.toContain('secret.person');
    expect(text).toContain('se***@example.com');
  });

  it("carry the request id in every line of the request, the caller's X-Request-Id when it is a valid id", async () => {
    const { app, store } = ctx();
    lines.length = 0;
    const given = 'trace-01HZX3.abc:42';
    const response = await app.inject({
      method: 'GET',
      url: '/v1/customers/no-such-customer',
      headers: { ...store.auth, 'x-request-id': given },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-request-id']).toBe(given);
    const logged = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string });
    expect(logged.map((l) => l.msg)).toEqual(['request rejected', 'request']);
    expect(logged.every((l) => l.reqId === given)).toBe(true);
  });

  it('replace an X-Request-Id that is too long or holds other characters by a fresh id', async () => {
    const { app } = ctx();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const ids: string[] = [];
    for (const bad of ['x'.repeat(129), 'a b', 'id"}\n{"level":60', 'é']) {
      lines.length = 0;
      const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': bad } });
      const id = String(response.headers['x-request-id']);
      expect(id).toMatch(uuid);
      expect((JSON.parse(lines[0]) as { reqId: string }).reqId).toBe(id);
      ids.push(id);
    }
    const plain = await app.inject({ method: 'GET', url: '/healthz' });
    ids.push(String(plain.headers['x-request-id']));
    expect(new Set(ids).size).toBe(ids.length);
    const longest = 'x'.repeat(128);
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': longest } });
    expect(kept.headers['x-request-id']).toBe(longest);
  });

  it('mask emails in free text', () => {
    expect(maskEmails('/v1/customers?query=alice@example.com&limit=2')).toBe(
      '/v1/customers?query=al***@example.com&limit=2',
    );
    expect(maskEmails('a@b.co')).toBe('a***@b.co');
  });
});
