import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

describe.each(dialects)('referrals API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('makes a code once, records a referral with it, refuses fraud with documented codes, and lists referrals', async () => {
    const { app, store, otherStore } = ctx();
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, auth = store.auth) =>
      app.inject({ method, url, headers: auth, payload });
    const customer = async (externalId: string, email: string) =>
      expect((await call('POST', '/v1/customers', { externalId, email })).statusCode).toBe(201);

    const badSettings = await call('PUT', '/v1/referrals/settings', { referrerPoints: -1, referredPoints: 1 });
    expect(badSettings.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'referrerPoints' } });
    await customer('ref-a', 'anna@example.com');
    await customer('ref-b', 'ben@example.com');
    await customer('ref-c', 'Anna+2@Example.com');
    const codeA = (await call('GET', '/v1/customers/ref-a/referral-code')).json().code as string;
    expect(codeA).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    expect((await call('GET', '/v1/customers/ref-a/referral-code')).json()).toEqual({
      customerId: 'ref-a',
      code: codeA,
    });

    const unconfigured = await call('POST', '/v1/referrals', { code: codeA, customerId: 'ref-b' });
    expect(unconfigured.statusCode).toBe(404);
    expect(unconfigured.json().error.code).toBe('REFERRALS_NOT_CONFIGURED');
    const settings = await call('PUT', '/v1/referrals/settings', {
      referrerPoints: 500,
      referredPoints: 250,
      maxReferralsPerIpPer30Days: 1,
    });
    expect(settings.json()).toEqual({
      referrerPoints: 500,
      referredPoints: 250,
      maxReferralsPerIpPer30Days: 1,
      pointsAvailableAfterDays: 0,
    });
    expect((await call('GET', '/v1/referrals/settings')).json()).toEqual(settings.json());

    const recorded = await call('POST', '/v1/referrals', {
      code: codeA.toLowerCase(),
      customerId: 'ref-b',
      ip: '203.0.113.5',
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      outcome: 'recorded',
      referral: { referrerCustomerId: 'ref-a', referredCustomerId: 'ref-b', status: 'pending', ip: '203.0.113.5' },
    });
    const again = await call('POST', '/v1/referrals', { code: codeA, customerId: 'ref-b' });
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('already_recorded');

    const refusals: [object, number, string][] = [
      [{ code: codeA, customerId: 'ref-a' }, 422, 'REFERRAL_SELF'],
      [{ code: codeA, customerId: 'ref-c' }, 422, 'REFERRAL_SAME_EMAIL'],
      [
        { code: codeA, customerId: 'ref-c', email: 'carl@example.com', ip: '203.0.113.5' },
        409,
        'REFERRAL_IP_LIMIT_REACHED',
      ],
      [{ code: 'ZZZZ-ZZZZ-ZZZZ', customerId: 'ref-c' }, 404, 'REFERRAL_CODE_NOT_FOUND'],
      [{ code: codeA, customerId: 'nobody' }, 404, 'CUSTOMER_NOT_FOUND'],
    ];
    for (const [payload, status, code] of refusals) {
      const answer = await call('POST', '/v1/referrals', payload);
      expect([answer.statusCode, answer.json().error.code]).toEqual([status, code]);
    }
    const codeB = (await call('GET', '/v1/customers/ref-b/referral-code')).json().code as string;
    const taken = await call('POST', '/v1/referrals', { code: codeB, customerId: 'ref-c', email: 'carl@example.com' });
    expect(taken.statusCode).toBe(201);
    const twice = await call('POST', '/v1/referrals', { code: codeA, customerId: 'ref-c', email: 'carl@example.com' });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'CUSTOMER_ALREADY_REFERRED']);
    const badBody = await call('POST', '/v1/referrals', { code: codeA });
    expect(badBody.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: '/customerId' } });

    const listA = await call('GET', '/v1/customers/ref-a/referrals');
    expect(listA.json()).toMatchObject({
      customerId: 'ref-a',
      code: codeA,
      referredBy: null,
      referrals: [{ referredCustomerId: 'ref-b', status: 'pending' }],
    });
    const listB = await call('GET', '/v1/customers/ref-b/referrals');
    expect(listB.json()).toMatchObject({
      customerId: 'ref-b',
      code: codeB,
      referredBy: { referrerCustomerId: 'ref-a' },
      referrals: [{ referredCustomerId: 'ref-c' }],
    });

    // Another store sees none of it.
    for (const url of ['/v1/customers/ref-a/referrals', '/v1/customers/ref-a/referral-code']) {
      const answer = await call('GET', url, undefined, otherStore.auth);
      expect([answer.statusCode, answer.json().error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND']);
    }
  });
});
