import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acrossStores } from '../../platform/database/citus.js';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, type Dialect } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { compliancePayloads } from './fake-shopify.fixtures.js';
import { APP_URL, installApp, injectTransport, useFakeShopify } from './shopify-app.fixtures.js';
import {
  CHILD_TABLES,
  CUSTOMER_KEYED_TABLES,
  SHOP_ERASE_ORDER,
  SHOP_KEEP_TABLES,
  STORE_ONLY_TABLES,
} from './privacy.repository.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks', name), 'utf8');

/** Every table of the migrated schema, read from the database's own catalog. */
async function allTables(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
          db,
        );
  return rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_') && !n.startsWith('kysely_'))
    .sort();
}

/** Rows of any table whose any column holds one of the needles (case-insensitive): table -> count. */
async function tablesHolding(db: Kysely<Database>, dialect: Dialect, needles: readonly string[]) {
  const found: Record<string, number> = {};
  for (const table of await allTables(db, dialect)) {
    // Every store's rows, on purpose: nothing about the customer may remain anywhere.
    const { rows } = await acrossStores(db, (all) =>
      sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(all),
    );
    const hits = rows.filter((row) => {
      const text = JSON.stringify(row).toLowerCase();
      return needles.some((needle) => text.includes(needle.toLowerCase()));
    }).length;
    if (hits > 0) found[table] = hits;
  }
  return found;
}

const SHOP = 'privacy-test.myshopify.com';
const CUSTOMER = {
  id: '7300000000000000001',
  email: 'Erasmus.Redact@example.com',
  phone: '+15550107777',
  first: 'Erasmus',
  last: 'Redactington',
};
const ORDER_ID = '7300000000000000099';
const NEEDLES = [CUSTOMER.id, CUSTOMER.email, '5550107777', CUSTOMER.first, CUSTOMER.last, '203.0.113.77'];

describe.each(dialects)('Shopify compliance webhooks on %s', (dialect) => {
  const shopify = useFakeShopify();
  const ctx = useTestApp(dialect, {
    get config() {
      return shopify.config();
    },
  });
  const app = () => ctx().app;
  const compliance = (topic: string, body: string) =>
    shopify.fake().deliver(`${APP_URL}/webhooks/shopify`, SHOP, topic, body, injectTransport(app));
  let customerId = '';

  it('installs and receives the customer, an order and their consent from the shop', async () => {
    const { otherStore } = ctx();
    const fake = shopify.fake();
    expect((await installApp(app(), fake, otherStore.auth, SHOP)).status).toBe(302);
    const customer = JSON.parse(fixture('customers-create.json').replace(/"id": (\d+)/, '"id": "$1"'));
    Object.assign(customer, {
      id: CUSTOMER.id,
      email: CUSTOMER.email,
      phone: CUSTOMER.phone,
      first_name: CUSTOMER.first,
      last_name: CUSTOMER.last,
      email_marketing_consent: {
        state: 'subscribed',
        opt_in_level: 'single_opt_in',
        consent_updated_at: '2024-03-02T08:00:00+01:00',
      },
    });
    const [created] = await fake.sendWebhook(
      SHOP,
      'customers/create',
      JSON.stringify(customer).replace(/"(\d{16,})"/g, '$1'),
      injectTransport(app),
    );
    expect(created.status, created.body).toBe(200);
    customerId = JSON.parse(created.body).customerId;
    const order = parseJsonLossless(fixture('orders-create.json')) as Record<string, unknown> & {
      customer: Record<string, unknown>;
    };
    order.id = ORDER_ID;
    order.customer = {
      ...order.customer,
      id: CUSTOMER.id,
      email: CUSTOMER.email,
      first_name: CUSTOMER.first,
      last_name: CUSTOMER.last,
    };
    order.contact_email = CUSTOMER.email;
    if ('email' in order) order.email = CUSTOMER.email;
    const [ordered] = await fake.sendWebhook(
      SHOP,
      'orders/create',
      JSON.stringify(order).replace(/"(\d{16,})"/g, '$1'),
      injectTransport(app),
    );
    expect(ordered.status, ordered.body).toBe(200);
    expect(JSON.parse(ordered.body).customerId).toBe(customerId);

    // What other parts of Regulars keep about a customer: an event, a suppression, a message, a
    // referral, a stored API answer, an identity merged in, a preference.
    const db = ctx().database.db;
    const s = otherStore.id;
    const now = new Date().toISOString();
    await db
      .insertInto('customer_events')
      .values({
        store_id: s,
        id: 'evt_priv1',
        customer_id: customerId,
        kind: 'viewed_product',
        occurred_at: now,
        payload: JSON.stringify({ email: CUSTOMER.email }),
      })
      .execute();
    await db
      .insertInto('suppressions')
      .values({
        store_id: s,
        channel: 'email',
        address: CUSTOMER.email.toLowerCase(),
        reason: 'bounce',
        customer_id: null,
        source: 'esp',
        detail: null,
        occurred_at: now,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('outbox_messages')
      .values({
        store_id: s,
        id: 'msg_priv1',
        customer_id: customerId,
        flow: 'win-back',
        trigger_key: 'k1',
        idempotency_key: 'i1',
        channel: 'email',
        consent_channel: 'email',
        purpose: 'marketing',
        priority: 1,
        template: 'win-back',
        data: JSON.stringify({ to: CUSTOMER.email, firstName: CUSTOMER.first }),
        planned_send_at: now,
        send_at: now,
        status: 'planned',
        attempts: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const referrer = await db
      .selectFrom('customers')
      .select('id')
      .where('store_id', '=', s)
      .where('id', '!=', customerId)
      .executeTakeFirst();
    if (referrer)
      await db
        .insertInto('referrals')
        .values({
          store_id: s,
          id: 'ref_priv1',
          referrer_customer_id: referrer.id,
          referred_customer_id: customerId,
          code: 'FRIEND1',
          email: CUSTOMER.email,
          ip: '203.0.113.77',
          status: 'pending',
          created_at: now,
        })
        .execute();
    await db
      .insertInto('idempotency_keys')
      .values({
        store_id: s,
        key: 'idem-priv',
        request_hash: 'h',
        response_status: 200,
        response_body: JSON.stringify({ id: customerId, email: CUSTOMER.email }),
        created_at: now,
      })
      .execute();
    await db
      .insertInto('customer_identities')
      .values({
        store_id: s,
        external_id: `csv:${CUSTOMER.email}`,
        customer_id: customerId,
        matched_by: 'email',
        created_at: now,
      })
      .execute();
    const holding = await tablesHolding(db, dialect, NEEDLES);
    for (const table of [
      'customers',
      'customer_events',
      'suppressions',
      'outbox_messages',
      'idempotency_keys',
      'customer_identities',
    ])
      expect(holding[table], table).toBeGreaterThan(0);
  });

  it('customers/data_request exports everything stored about the customer, for the owner to read', async () => {
    const { otherStore } = ctx();
    const answer = await compliance(
      'customers/data_request',
      compliancePayloads.dataRequest(SHOP, { id: CUSTOMER.id, email: CUSTOMER.email }, [ORDER_ID], '424242'),
    );
    expect(answer.status, answer.body).toBe(200);
    const result = JSON.parse(answer.body);
    expect(result).toMatchObject({
      outcome: 'processed',
      topic: 'customers/data_request',
      storeId: otherStore.id,
      customerIds: [customerId],
    });
    const list = await app().inject({ method: 'GET', url: '/v1/shopify/data-requests', headers: otherStore.auth });
    expect(list.json().dataRequests).toEqual([
      expect.objectContaining({
        id: result.dataRequestId,
        requestId: '424242',
        shopifyCustomerId: CUSTOMER.id,
        customerId,
      }),
    ]);
    const exported = (
      await app().inject({
        method: 'GET',
        url: `/v1/shopify/data-requests/${result.dataRequestId}`,
        headers: otherStore.auth,
      })
    ).json();
    expect(exported).toMatchObject({
      shop: SHOP,
      dataRequestId: '424242',
      shopifyCustomerId: CUSTOMER.id,
      ordersRequested: [ORDER_ID],
    });
    expect(exported.tables.customers).toEqual([
      expect.objectContaining({
        id: customerId,
        external_id: CUSTOMER.id,
        email: CUSTOMER.email,
        first_name: CUSTOMER.first,
        last_name: CUSTOMER.last,
      }),
    ]);
    expect(exported.tables.orders.map((o: { external_id: string }) => o.external_id)).toContain(ORDER_ID);
    expect(exported.tables.order_lines.length).toBeGreaterThan(0);
    expect(exported.tables.consent_records.length).toBeGreaterThan(0);
    expect(exported.tables.customer_events).toHaveLength(1);
    expect(exported.tables.outbox_messages).toHaveLength(1);
    expect(exported.tables.suppressions).toHaveLength(1);
    expect(exported.tables.customer_identities).toHaveLength(1);
    // Another store sees none of it.
    const other = await app().inject({
      method: 'GET',
      url: `/v1/shopify/data-requests/${result.dataRequestId}`,
      headers: ctx().store.auth,
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses a compliance webhook signed with another secret (401), and ignores a shop no store holds', async () => {
    const fake = shopify.fake();
    const forged = await fake.deliver(
      `${APP_URL}/webhooks/shopify`,
      SHOP,
      'customers/redact',
      compliancePayloads.customerRedact(SHOP, { id: CUSTOMER.id }, []),
      injectTransport(app),
      'test_secret_key',
    );
    expect(forged.status).toBe(401);
    const unknown = await fake.deliver(
      `${APP_URL}/webhooks/shopify`,
      'nobody.myshopify.com',
      'shop/redact',
      compliancePayloads.shopRedact('nobody.myshopify.com'),
      injectTransport(app),
    );
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toMatchObject({ outcome: 'ignored', storeId: null });
    const holding = await tablesHolding(ctx().database.db, dialect, NEEDLES);
    expect(holding.customers).toBeGreaterThan(0);
  });

  it('customers/redact erases the customer from every table and keeps the orders, anonymised', async () => {
    const { otherStore, database } = ctx();
    const db = database.db;
    const ordersBefore = await db
      .selectFrom('orders')
      .select(['id', 'total_minor', 'customer_id'])
      .where('store_id', '=', otherStore.id)
      .orderBy('id')
      .execute();
    const answer = await compliance(
      'customers/redact',
      compliancePayloads.customerRedact(SHOP, { id: CUSTOMER.id, email: CUSTOMER.email, phone: CUSTOMER.phone }, [
        ORDER_ID,
      ]),
    );
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ outcome: 'processed', customerIds: [customerId] });

    // Not one row of any table, in any column, still holds the customer's id at Shopify, email,
    // phone, names or IP.
    expect(await tablesHolding(db, dialect, NEEDLES)).toEqual({});
    // The orders stay, with their amounts, under the anonymous customer.
    const ordersAfter = await db
      .selectFrom('orders')
      .select(['id', 'total_minor', 'customer_id'])
      .where('store_id', '=', otherStore.id)
      .orderBy('id')
      .execute();
    expect(ordersAfter).toEqual(ordersBefore);
    const anonymous = await db
      .selectFrom('customers')
      .selectAll()
      .where('store_id', '=', otherStore.id)
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(anonymous).toMatchObject({
      external_id: `redacted:${customerId}`,
      email: null,
      phone: null,
      first_name: null,
      last_name: null,
      email_key: null,
    });
    expect(
      await db
        .selectFrom('consent_records')
        .selectAll()
        .where('store_id', '=', otherStore.id)
        .where('customer_id', '=', customerId)
        .execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('shopify_data_requests').selectAll().where('store_id', '=', otherStore.id).execute(),
    ).toEqual([]);
    const message = await db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('store_id', '=', otherStore.id)
      .where('id', '=', 'msg_priv1')
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ status: 'skipped', data: '{}' });
    // A second delivery of the request finds nobody left to erase.
    const again = await compliance(
      'customers/redact',
      compliancePayloads.customerRedact(SHOP, { id: CUSTOMER.id, email: CUSTOMER.email }, []),
    );
    expect(JSON.parse(again.body)).toMatchObject({ outcome: 'processed', customerIds: [] });
  });

  it('places every table of the schema: what a customer request reads, and what shop/redact erases or keeps', async () => {
    const tables = await allTables(ctx().database.db, dialect);
    const placed = new Set<string>([
      ...CUSTOMER_KEYED_TABLES.map(([t]) => t),
      ...CHILD_TABLES.map(([t]) => t),
      ...STORE_ONLY_TABLES,
    ]);
    expect(tables.filter((t) => !placed.has(t))).toEqual([]);
    expect([...SHOP_ERASE_ORDER, ...SHOP_KEEP_TABLES].sort()).toEqual(tables);
  });

  it("shop/redact erases the shop's data and leaves the other store's", async () => {
    const { otherStore, store, database } = ctx();
    const db = database.db;
    // The other store has data of its own, which must stay.
    const kept = await app().inject({
      method: 'POST',
      url: '/webhooks/shopify/' + store.id,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-hmac-sha256': (await import('node:crypto'))
          .createHmac('sha256', 'test_secret_key')
          .update(fixture('orders-create.json'))
          .digest('base64'),
      },
      payload: fixture('orders-create.json'),
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const answer = await compliance('shop/redact', compliancePayloads.shopRedact(SHOP));
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      outcome: 'processed',
      topic: 'shop/redact',
      storeId: otherStore.id,
    });
    for (const table of SHOP_ERASE_ORDER) {
      const { rows } = await sql<{
        n: number | string;
      }>`select count(*) as n from ${sql.table(table)} where store_id = ${otherStore.id}`.execute(db);
      expect(Number(rows[0].n), table).toBe(0);
    }
    const status = (
      await app().inject({ method: 'GET', url: '/v1/settings/shopify-app', headers: otherStore.auth })
    ).json();
    expect(status).toMatchObject({ state: 'redacted', shop: SHOP });
    expect(await db.selectFrom('stores').select('id').where('id', '=', otherStore.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('orders').select('id').where('store_id', '=', store.id).execute()).toHaveLength(1);
  });
});
