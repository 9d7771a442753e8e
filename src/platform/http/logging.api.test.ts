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

  it('mask emails in free text', () => {
    expect(maskEmails('/v1/customers?query=alice@example.com&limit=2')).toBe(
      '/v1/customers?query=al***@example.com&limit=2',
    );
    expect(maskEmails('a@b.co')).toBe('a***@b.co');
  });
});
