import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { feedbackRoutes } from './feedback.route.js';
import { signFeedbackToken } from './feedback-token.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { listCustomerEvents } from '../events/customer-event.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { unsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import { createTestDatabase, dialects, sqlDialect, type TestDatabase } from '../../../test/support/test-database.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(dialects)('one-click answers (GET/POST /feedback) on %s', (dialect) => {
  let app: FastifyInstance;
  let database: TestDatabase;
  let storeId: string;
  let otherStoreId: string;
  let seq = 0;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildApp({ db: database.db, dialect: sqlDialect(dialect) });
    // The real app with its root hooks (security headers); the route is added here until build-app registers it.
    if (!app.hasRoute({ method: 'GET', url: '/feedback' })) await app.register(feedbackRoutes, { db: database.db });
    storeId = (await createStore(database.db, { name: 'Answers' })).store.id;
    otherStoreId = (await createStore(database.db, { name: 'Other' })).store.id;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  async function customerWithToken(question: string, answer: string, subject: string, store = () => storeId) {
    const customer = await upsertCustomerByExternalId(database.db, store(), { externalId: `c-${++seq}` });
    const secret = await unsubscribeSecret(database.db, store(), '2026-01-01T00:00:00.000Z');
    const token = (q = question, a = answer) =>
      signFeedbackToken(secret, {
        storeId: store(),
        customerId: customer.id,
        flow: 'review-request',
        question: q,
        answer: a,
        subject,
      });
    return { customer, token };
  }

  const events = async (customerId: string, store = storeId) =>
    listCustomerEvents(database.db, store, customerId, { limit: 50 });

  it('a GET records nothing: it shows what will be recorded and a form that posts it, auto-submitted by a nonce-allowed script', async () => {
    const { customer, token } = await customerWithToken('rating', '4', 'GRINDER');
    for (let i = 0; i < 3; i++) {
      const page = await app.inject({ method: 'GET', url: `/feedback?t=${token()}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('Your rating: 4 out of 5 stars');
      expect(page.body).toContain('<form id="answer" method="post" action="/feedback">');
      expect(page.body).toContain(`<input type="hidden" name="t" value="${token()}">`);
      expect(page.body).toContain('<button type="submit">');
      const nonce = /<script nonce="([^"]+)">document\.getElementById\('answer'\)\.submit\(\);<\/script>/.exec(
        page.body,
      )?.[1];
      expect(nonce).toBeDefined();
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain(`script-src 'nonce-${nonce}'`);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['cache-control']).toBe('no-store');
    }
    expect(await events(customer.id)).toEqual([]);
  });

  it('each page gets its own nonce', async () => {
    const { token } = await customerWithToken('rating', '5', 'MUG');
    const nonces = await Promise.all(
      [0, 1].map(
        async () =>
          /script-src 'nonce-([^']+)'/.exec(
            (await app.inject({ method: 'GET', url: `/feedback?t=${token()}` })).headers[
              'content-security-policy'
            ] as string,
          )?.[1],
      ),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('the POST records a rating as review_submitted once, answers a thank-you page without a redirect; a different answer is recorded too', async () => {
    const { customer, token } = await customerWithToken('rating', '5', 'GRINDER');
    const first = await app.inject({
      method: 'POST',
      url: '/feedback',
      headers: FORM,
      payload: `t=${encodeURIComponent(token())}`,
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.location).toBeUndefined();
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    expect(first.body).toContain('Thank you!');
    expect(first.body).toContain('Your rating: 5 out of 5 stars');
    expect(first.headers['content-security-policy']).not.toContain('script-src');

    const again = await app.inject({
      method: 'POST',
      url: '/feedback',
      headers: { ...FORM, accept: 'application/json' },
      payload: `t=${encodeURIComponent(token())}`,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ recorded: false, question: 'rating', answer: '5', subject: 'GRINDER' });
    expect((await events(customer.id)).map((e) => [e.kind, e.payload])).toEqual([
      ['review_submitted', { rating: 5, sku: 'GRINDER', flow: 'review-request', source: 'one-click' }],
    ]);

    await app.inject({
      method: 'POST',
      url: '/feedback',
      headers: FORM,
      payload: `t=${encodeURIComponent(token('rating', '4'))}`,
    });
    expect((await events(customer.id)).map((e) => e.payload.rating).sort()).toEqual([4, 5]);
  });

  it('other questions are recorded as a custom feedback event', async () => {
    const { customer, token } = await customerWithToken('checkout_easy', 'no', 'ord_123');
    const page = await app.inject({ method: 'GET', url: `/feedback?t=${token()}` });
    expect(page.body).toContain('Was checking out easy? No');
    const posted = await app.inject({
      method: 'POST',
      url: '/feedback',
      headers: FORM,
      payload: `t=${encodeURIComponent(token())}`,
    });
    expect(posted.statusCode).toBe(200);
    const recorded = await events(customer.id);
    expect(recorded.map((e) => [e.kind, e.payload])).toEqual([
      [
        'custom',
        { name: 'feedback', question: 'checkout_easy', answer: 'no', subject: 'ord_123', flow: 'review-request' },
      ],
    ]);
  });

  it('a bad, tampered, foreign or missing token is 404 FEEDBACK_TOKEN_INVALID, as a page for a browser, and records nothing', async () => {
    const { customer, token } = await customerWithToken('rating', '5', 'GRINDER');
    const good = token();
    const parts = good.split('.');
    // Same MAC, other answer: the signature no longer matches.
    const tampered = [
      ...parts.slice(0, 3),
      Buffer.from(JSON.stringify(['review-request', 'rating', '1', 'GRINDER'])).toString('base64url'),
      parts[4],
    ].join('.');
    // Signed by the other store's secret for a customer of this store.
    const otherSecret = await unsubscribeSecret(database.db, otherStoreId, '2026-01-01T00:00:00.000Z');
    const foreign = signFeedbackToken(otherSecret, {
      storeId: otherStoreId,
      customerId: customer.id,
      flow: 'f',
      question: 'rating',
      answer: '5',
      subject: 'GRINDER',
    });
    for (const t of ['garbage', tampered, foreign, '']) {
      const page = await app.inject({ method: 'GET', url: `/feedback?t=${encodeURIComponent(t)}` });
      expect(page.statusCode).toBe(404);
      expect(page.headers['x-error-code']).toBe('FEEDBACK_TOKEN_INVALID');
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('This link did not work');
      const posted = await app.inject({
        method: 'POST',
        url: '/feedback',
        headers: { ...FORM, accept: 'application/json' },
        payload: `t=${encodeURIComponent(t)}`,
      });
      expect(posted.statusCode).toBe(404);
      expect(posted.json().error.code).toBe('FEEDBACK_TOKEN_INVALID');
    }
    expect((await app.inject({ method: 'GET', url: '/feedback' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/feedback', headers: FORM, payload: '' })).statusCode).toBe(404);
    expect(await events(customer.id)).toEqual([]);
  });
});
