import { describe, expect, it } from 'vitest';
import { unsubscribeLinks } from './unsubscribe.service.js';
import { currentConsent } from './consent.repository.js';
import { recordConsent } from './record-consent.service.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { isSuppressed } from './suppression.repository.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const PUBLIC_URL = 'https://regulars.shop.example';
const ONE_CLICK = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(dialects)('one-click unsubscribe and preferences on %s', (dialect) => {
  const ctx = useTestApp(dialect);
  let seq = 0;

  /** A customer who agreed to marketing email, and the links a message to them would carry. */
  async function subscribedCustomer(email = `alice${++seq}@Example.com`) {
    const { database, store } = ctx();
    const customer = await upsertCustomerByExternalId(database.db, store.id, { externalId: `c-${seq}`, email });
    await recordConsent(database.db, store.id, customer.id, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'checkout',
      recordedAt: '2026-01-01T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
    const links = await unsubscribeLinks(database.db, {
      storeId: store.id,
      customerId: customer.id,
      publicUrl: PUBLIC_URL,
      now: '2026-01-02T00:00:00.000Z',
    });
    return { customer, links, path: links.unsubscribeUrl.slice(PUBLIC_URL.length) };
  }

  async function marketingEmail(customerId: string) {
    const { database, store } = ctx();
    return (await currentConsent(database.db, store.id, customerId)).find(
      (c) => c.channel === 'email' && c.purpose === 'marketing',
    )?.status;
  }

  it('links look like /u/<token> and /preferences/<token>', async () => {
    const { links, customer } = await subscribedCustomer();
    expect(links.unsubscribeUrl).toBe(`${PUBLIC_URL}/u/${links.token}`);
    expect(links.preferencesUrl).toBe(`${PUBLIC_URL}/preferences/${links.token}`);
    expect(links.token).toContain(customer.id.slice(4));
  });

  it('the RFC 8058 POST answers 200 without a redirect or cookie and takes effect at once; a second POST is harmless', async () => {
    const { app, database, store } = ctx();
    const { customer, path } = await subscribedCustomer('Bob.Smith@Example.com');
    const first = await app.inject({
      method: 'POST',
      url: path,
      headers: ONE_CLICK,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.location).toBeUndefined();
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    expect(first.body).toContain('You are unsubscribed');

    expect(await marketingEmail(customer.id)).toBe('revoked');
    expect(await isSuppressed(database.db, store.id, 'email', 'bob.smith@example.com')).toBe(true);
    expect(await isSuppressed(database.db, store.id, 'email', ' BOB.SMITH@example.COM ')).toBe(true);
    const events = await listCustomerEvents(database.db, store.id, customer.id, { limit: 10 });
    expect(events.filter((e) => e.kind === 'unsubscribed')).toEqual([
      expect.objectContaining({ payload: { channel: 'email', purpose: 'marketing', source: 'unsubscribe_link' } }),
    ]);

    const again = await app.inject({
      method: 'POST',
      url: path,
      headers: { ...ONE_CLICK, accept: 'application/json' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ unsubscribed: true, changed: false });
    const consent = (await currentConsent(database.db, store.id, customer.id)).filter((c) => c.channel === 'email');
    expect(consent).toHaveLength(1);
    expect(
      (await listCustomerEvents(database.db, store.id, customer.id, { limit: 10 })).filter(
        (e) => e.kind === 'unsubscribed',
      ),
    ).toHaveLength(1);
  });

  it('many one-click POSTs at once (a client retrying) record one change', async () => {
    const { app, database, store } = ctx();
    const { customer, path } = await subscribedCustomer();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.inject({
          method: 'POST',
          url: path,
          headers: { ...ONE_CLICK, accept: 'application/json' },
          payload: 'List-Unsubscribe=One-Click',
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(responses.filter((r) => r.json().changed)).toHaveLength(1);
    const { listConsent } = await import('./consent.repository.js');
    expect((await listConsent(database.db, store.id, customer.id)).map((c) => c.status)).toEqual([
      'granted',
      'revoked',
    ]);
    expect(
      (await listCustomerEvents(database.db, store.id, customer.id, { limit: 50 })).filter(
        (e) => e.kind === 'unsubscribed',
      ),
    ).toHaveLength(1);
  });

  it('accepts the one-click POST as multipart/form-data too', async () => {
    const { app } = ctx();
    const { customer, path } = await subscribedCustomer();
    const boundary = '----regulars1234';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const response = await app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(200);
    expect(await marketingEmail(customer.id)).toBe('revoked');
  });

  it('a GET never unsubscribes: it shows a button that POSTs to the same URL, under a CSP that allows that form', async () => {
    const { app, database, store } = ctx();
    const { customer, path, links } = await subscribedCustomer();
    for (let i = 0; i < 3; i++) {
      const page = await app.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<form method="post" action="/u/${links.token}">`);
      expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
      expect(page.headers['content-security-policy']).toContain("form-action 'self'");
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
    expect(await marketingEmail(customer.id)).toBe('granted');
    expect(await isSuppressed(database.db, store.id, 'email', customer.email!)).toBe(false);
    const head = await app.inject({ method: 'HEAD', url: path });
    expect(head.statusCode).toBe(200);
    expect(await marketingEmail(customer.id)).toBe('granted');
  });

  it.each([
    [
      'a changed customer',
      (token: string, otherCustomerId: string, customerId: string) =>
        token.replace(customerId.slice(4), otherCustomerId.slice(4)),
    ],
    ['a changed signature', (token: string) => token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA')],
    ['a changed purpose', (token: string) => token.replace('.e.m.', '.e.t.')],
    ['garbage', () => 'not-a-token'],
  ])('refuses %s with 400 UNSUBSCRIBE_TOKEN_INVALID and changes nothing', async (_name, tamper) => {
    const { app } = ctx();
    const { customer, links } = await subscribedCustomer();
    const other = await subscribedCustomer();
    const token = tamper(links.token, other.customer.id, customer.id);
    const json = await app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { ...ONE_CLICK, accept: 'application/json' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('UNSUBSCRIBE_TOKEN_INVALID');
    const html = await app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: ONE_CLICK,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(html.statusCode).toBe(400);
    expect(html.headers['x-error-code']).toBe('UNSUBSCRIBE_TOKEN_INVALID');
    expect(html.body).toContain('UNSUBSCRIBE_TOKEN_INVALID');
    const page = await app.inject({ method: 'GET', url: `/preferences/${token}` });
    expect(page.statusCode).toBe(400);
    expect(await marketingEmail(customer.id)).toBe('granted');
    expect(await marketingEmail(other.customer.id)).toBe('granted');
  });

  it("refuses another store's token signed with this store's secret", async () => {
    const { app, database, otherStore } = ctx();
    const { links, customer } = await subscribedCustomer();
    // Make the other store's secret exist, then claim the other store with this store's signature.
    await unsubscribeLinks(database.db, {
      storeId: otherStore.id,
      customerId: 'cus_whatever',
      publicUrl: PUBLIC_URL,
      now: '2026-01-02T00:00:00.000Z',
    });
    const forged = links.token.replace(/^1\.[0-9a-z]+\./, `1.${otherStore.id.slice(4)}.`);
    const response = await app.inject({ method: 'POST', url: `/u/${forged}`, headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('UNSUBSCRIBE_TOKEN_INVALID');
    expect(await marketingEmail(customer.id)).toBe('granted');
  });

  it('the preference page shows the choices and saves them; turning email back on lifts the unsubscribe suppression', async () => {
    const { app, database, store } = ctx();
    const { customer, links } = await subscribedCustomer();
    const url = `/preferences/${links.token}`;
    const page = await app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<input type="checkbox" name="choice" value="email:marketing" checked>');
    expect(page.body).toContain(`action="/preferences/${links.token}"`);

    const off = await app.inject({ method: 'POST', url, headers: ONE_CLICK, payload: 'submitted=1' });
    expect(off.statusCode).toBe(200);
    expect(off.body).toContain('Saved.');
    expect(off.body).toContain('value="email:marketing">');
    expect(await marketingEmail(customer.id)).toBe('revoked');
    expect(await isSuppressed(database.db, store.id, 'email', customer.email!)).toBe(true);
    const events = await listCustomerEvents(database.db, store.id, customer.id, { limit: 10 });
    expect(events.find((e) => e.kind === 'unsubscribed')?.payload).toEqual({
      channel: 'email',
      purpose: 'marketing',
      source: 'preferences_page',
    });

    const on = await app.inject({
      method: 'POST',
      url,
      headers: { ...ONE_CLICK, accept: 'application/json' },
      payload: 'submitted=1&choice=email%3Amarketing',
    });
    expect(on.json()).toEqual({
      preferences: [{ channel: 'email', purpose: 'marketing', label: expect.any(String), granted: true }],
      // The preference center's own choices; an older form's fields (no topics_shown) leave them as they are.
      topics: {
        topics: { newsletter: true, replenishment: true, offers: true, loyalty: true, reviews: true },
        frequency: 'as_sent',
        snoozedUntil: null,
      },
    });
    expect(await marketingEmail(customer.id)).toBe('granted');
    expect(await isSuppressed(database.db, store.id, 'email', customer.email!)).toBe(false);
  });

  it('the preference page grew into the preference center: topics, frequency, snooze, unsubscribe from all', async () => {
    const { app } = ctx();
    const { customer, links } = await subscribedCustomer();
    const url = `/preferences/${links.token}`;
    const page = await app.inject({ method: 'GET', url });
    for (const field of [
      'name="topic" value="newsletter" checked',
      'name="frequency" value="as_sent" checked',
      'name="snooze"',
      'name="unsubscribe_all"',
    ])
      expect(page.body).toContain(field);
    const saved = await app.inject({
      method: 'POST',
      url,
      headers: { ...ONE_CLICK, accept: 'application/json' },
      payload:
        'submitted=1&topics_shown=1&choice=email%3Amarketing&topic=replenishment&topic=reviews&frequency=monthly&snooze=1',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().topics).toMatchObject({
      topics: { newsletter: false, replenishment: true, offers: false, loyalty: false, reviews: true },
      frequency: 'monthly',
      snoozedUntil: expect.any(String),
    });
    expect(await marketingEmail(customer.id)).toBe('granted');
    const all = await app.inject({
      method: 'POST',
      url,
      headers: ONE_CLICK,
      payload:
        'submitted=1&topics_shown=1&choice=email%3Amarketing&topic=replenishment&frequency=monthly&unsubscribe_all=1',
    });
    expect(all.statusCode).toBe(200);
    expect(await marketingEmail(customer.id)).toBe('revoked');
  });

  it('keeps form parsing to these pages: the JSON API still refuses form bodies', async () => {
    const { app, store } = ctx();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: { ...store.auth, ...ONE_CLICK },
      payload: 'externalId=x',
    });
    expect(response.statusCode).toBe(415);
  });
});
