import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';
import { MAX_JSON_DEPTH } from './input-checks.js';
import { acrossStores } from '../database/citus.js';

const NUL = '\u0000';

/** `{"a":{"a":...1...}}` nested `depth` levels, as text: building it as an object would need the recursion under test. */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe.each(dialects)('bad input answers 4xx with a code on %s', (dialect) => {
  const ctx = useTestApp(dialect, { rateLimitPerMinute: 0 });

  const postOrder = (payload: Record<string, unknown> | string, headers: Record<string, string> = {}) =>
    ctx().app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...ctx().store.auth, 'content-type': 'application/json', ...headers },
      payload,
    });

  const expectError = (
    response: { statusCode: number; json: () => unknown },
    status: number,
    code: string,
    path?: string,
  ) => {
    expect(response.statusCode).toBe(status);
    const { error } = response.json() as { error: { code: string; details: { path?: string } } };
    expect(error.code).toBe(code);
    if (path !== undefined) expect(error.details.path).toBe(path);
  };

  it('refuses a NUL character in a customer name, an external id and a line title, naming the field', async () => {
    const base = orderBody({ externalId: 'nul-base' });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, customer: { externalId: 'c-nul', firstName: `Al${NUL}ice` } }, '/customer/firstName'],
      [{ ...base, externalId: `nul${NUL}1` }, '/externalId'],
      [{ ...base, customer: { externalId: `c${NUL}` } }, '/customer/externalId'],
      [{ ...base, lines: [{ sku: 'B', title: `House${NUL}blend`, quantity: 1, priceMinor: 2598 }] }, '/lines/0/title'],
      [
        { ...base, customer: { externalId: 'c-nul', attributes: { [`k${NUL}`]: 'v' } } },
        '/customer/attributes/k\u0000',
      ],
    ];
    for (const [body, path] of cases) expectError(await postOrder(body), 400, 'INVALID_CHARACTER', path);
    const customer = await ctx().app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: ctx().store.auth,
      payload: { externalId: 'c-nul-2', lastName: `B${NUL}` },
    });
    expectError(customer, 400, 'INVALID_CHARACTER', '/lastName');
    // No order in any store: on Citus a deliberate look at every shard.
    const rows = await acrossStores(ctx().database.db, (db) => db.selectFrom('orders').select('id').execute());
    expect(rows).toEqual([]);
  });

  it('refuses a NUL character in a search query, a path parameter and a header', async () => {
    const { app, store } = ctx();
    const search = await app.inject({ method: 'GET', url: '/v1/customers?query=al%00ice', headers: store.auth });
    expectError(search, 400, 'INVALID_CHARACTER', '/query');
    expect(search.json().error.details.location).toBe('querystring');
    const byId = await app.inject({ method: 'GET', url: '/v1/customers/cus_%00', headers: store.auth });
    expectError(byId, 400, 'INVALID_CHARACTER', '/id');
    const idempotency = await postOrder(orderBody({ externalId: 'nul-header' }), { 'x-note': `a${NUL}b` });
    expectError(idempotency, 400, 'INVALID_CHARACTER', '/x-note');
  });

  it('refuses a NUL character in a signed Shopify webhook field, after verifying the signature', async () => {
    const { app, store, database } = ctx();
    const fixture = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks', 'customers-create.json'),
      'utf8',
    );
    const body = fixture.replace('"first_name": "Bob"', '"first_name": "Bo\\u0000b"');
    expect(body).not.toBe(fixture);
    const deliver = (hmac: string) =>
      app.inject({
        method: 'POST',
        url: `/webhooks/shopify/${store.id}`,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'customers/create',
          'x-shopify-hmac-sha256': hmac,
        },
        payload: body,
      });
    expectError(await deliver('bad'), 401, 'INVALID_SIGNATURE');
    const signed = await deliver(createHmac('sha256', 'test_secret_key').update(body).digest('base64'));
    expectError(signed, 400, 'INVALID_CHARACTER', '/first_name');
    expect(await database.db.selectFrom('customers').select('id').where('store_id', '=', store.id).execute()).toEqual(
      [],
    );
  });

  it('refuses JSON nested 5,000 and 100,000 levels deep, and takes the deepest allowed', async () => {
    for (const depth of [5_000, 100_000]) {
      const text = JSON.stringify(orderBody({ externalId: `deep-${depth}` })).replace(
        '"customer":{',
        `"customer":{"attributes":${nested(depth)},`,
      );
      const response = await postOrder(text);
      expectError(response, 400, 'BODY_TOO_DEEP');
      expect(response.json().error.details.maxDepth).toBe(MAX_JSON_DEPTH);
    }
    // The body, customer and attributes objects take three levels.
    const fits = JSON.stringify(orderBody({ externalId: 'deep-fits' })).replace(
      '"customer":{',
      `"customer":{"attributes":{"x":${nested(MAX_JSON_DEPTH - 3)}},`,
    );
    expect((await postOrder(fits)).statusCode).toBe(201);
  });

  it('refuses unknown currencies, and keeps amounts in each currency’s own minor unit (JPY 0, KWD 3)', async () => {
    for (const currency of ['ZZZ', 'BTC', 'XXX']) {
      const response = await postOrder(orderBody({ externalId: `cur-${currency}`, currency }));
      expectError(response, 400, 'VALIDATION_FAILED', '/currency');
    }
    const product = await ctx().app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: ctx().store.auth,
      payload: { sku: 'p-btc', title: 'Coin', currency: 'BTC' },
    });
    expectError(product, 400, 'VALIDATION_FAILED', '/currency');
    for (const [currency, customer] of [
      ['JPY', 'c-jpy'],
      ['KWD', 'c-kwd'],
    ] as const) {
      const created = await postOrder(
        orderBody({
          externalId: `cur-${currency}`,
          customer: { externalId: customer },
          currency,
          totalMinor: 1234,
          lines: [{ sku: 'B', title: 'Beans', quantity: 1, priceMinor: 1234 }],
        }),
      );
      expect(created.statusCode).toBe(201);
      const stored = await ctx()
        .database.db.selectFrom('orders')
        .select(['currency', 'total_minor'])
        .where('store_id', '=', ctx().store.id)
        .where('external_id', '=', `cur-${currency}`)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ currency, total_minor: 1234 });
    }
  });

  it('does not coerce body types, but still reads numbers from the query string', async () => {
    const { app, store } = ctx();
    expectError(
      await postOrder(orderBody({ externalId: 'coerce-1', totalMinor: '1000' })),
      400,
      'VALIDATION_FAILED',
      '/totalMinor',
    );
    expectError(await postOrder(orderBody({ externalId: true })), 400, 'VALIDATION_FAILED', '/externalId');
    expectError(
      await postOrder(orderBody({ externalId: 'coerce-2', customer: { externalId: false } })),
      400,
      'VALIDATION_FAILED',
      '/customer/externalId',
    );
    expectError(
      await postOrder(
        orderBody({ externalId: 'coerce-3', lines: [{ sku: 'B', title: 'x', quantity: '2', priceMinor: 1 }] }),
      ),
      400,
      'VALIDATION_FAILED',
      '/lines/0/quantity',
    );
    expectError(await postOrder(orderBody({ externalId: 1.5 })), 400, 'VALIDATION_FAILED', '/externalId');
    // An integer id is the documented exception: it is kept as its digits, like a long one.
    const numeric = await postOrder(
      JSON.stringify(orderBody({ externalId: 207119551, customer: { externalId: 'LONG' } })).replace(
        '"LONG"',
        '820982911946154508',
      ),
    );
    expect(numeric.statusCode).toBe(201);
    expect(numeric.json().externalId).toBe('207119551');
    const customer = await ctx()
      .database.db.selectFrom('customers')
      .select('external_id')
      .where('store_id', '=', store.id)
      .where('id', '=', numeric.json().customerId as string)
      .executeTakeFirstOrThrow();
    expect(customer.external_id).toBe('820982911946154508');
    const listed = await app.inject({ method: 'GET', url: '/v1/customers?limit=2', headers: store.auth });
    expect(listed.statusCode).toBe(200);
  });

  it('refuses a customer time zone that is not an IANA zone', async () => {
    const { app, store } = ctx();
    const post = (timeZone: unknown) =>
      app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: store.auth,
        payload: { externalId: `tz-${String(timeZone)}`, timeZone },
      });
    for (const zone of ['Mars/Phobos', '+01:00', 'GMT+5', 'Europe/Nowhere', '']) {
      expectError(await post(zone), 400, 'VALIDATION_FAILED', '/timeZone');
    }
    for (const zone of ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC', null]) {
      expect((await post(zone)).statusCode).toBe(201);
    }
  });

  it('replays an Idempotency-Key for the same body with its keys reordered, and refuses another body', async () => {
    const body = orderBody({ externalId: 'idem-reorder' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    reordered.customer = Object.fromEntries(Object.entries(body.customer as Record<string, unknown>).reverse());
    const first = await postOrder(JSON.stringify(body), { 'idempotency-key': 'reorder-1' });
    expect(first.statusCode).toBe(201);
    const again = await postOrder(`  ${JSON.stringify(reordered, null, 2)}\n`, { 'idempotency-key': 'reorder-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await postOrder({ ...body, totalMinor: 1 }, { 'idempotency-key': 'reorder-1' });
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
  });
});
