import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { dayFromIso } from '../../analytics/day.js';
import { findCustomerByExternalId } from '../customers/customer.repository.js';
import { findOrderByExternalId, upsertOrderByExternalId } from './order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { type CliRun, dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, type TestDatabase, useTestDatabase } from '../../../test/support/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const SHOPIFY = fixturePath('shopify', 'orders_export.csv');
const ONLINE_RETAIL = fixturePath('real', 'online_retail_invoices.csv');
const CDNOW = fixturePath('cdnow', 'CDNOW_sample.txt');

/** Ids above 2^53: a double would round both (…508 -> …512, …954 -> …952). */
const BIG_ORDER_ID = '820982911946154508';
const BIG_CUSTOMER_ID = '115310627314723954';

/** Exact money: 1.005 is 100.49999999999999 cents as a double, 101 as a decimal rounded half away from zero. */
const EXACT = csv(
  'exact.csv',
  [
    'order_id,customer_id,email,first_name,last_name,order_date,sku,product_name,category,quantity,price,currency,status',
    `${BIG_ORDER_ID},${BIG_CUSTOMER_ID},Ada@Example.com,Ada,Lovelace,2024-03-01T23:30:00-05:00,BEANS,Beans 1kg,Coffee,3,19.99,USD,paid`,
    `${BIG_ORDER_ID},${BIG_CUSTOMER_ID},,,,2024-03-01T23:30:00-05:00,FILT,"Filters, 100",,1,0.10,USD,paid`,
    `o-2,${BIG_CUSTOMER_ID},,,,03/02/2024 10:00,TEA,Tea,Tea,1,"$1,234.50",USD,partially_refunded`,
    'o-3,c-2,bob@example.com,,,2024-03-03,TEA,Tea,Tea,2,0.1,USD,cancelled',
    'o-4,c-2,,,,2024-03-04 08:15:00,TEA,Tea,Tea,1,1.005,USD,pending',
  ].join('\n'),
);

/** Rows analyze rejects (lines 3, 4, 6) and one only the import does (line 5: half a unit on an order line). */
const WITH_BAD_ROWS = csv(
  'bad.csv',
  'order_id,customer,date,sku,quantity,price\no1,a,2024-01-01,A,1,10\no2,b,2024-02-30,A,1,10\no3,c,2024-01-02,A,1,ten\no4,d,2024-01-02,A,0.5,10\no1,e,2024-01-01,B,1,5\no5,f,2024-01-03,A,2,2.5\n',
);

function cli(database: TestDatabase, args: readonly string[]): Promise<CliRun> {
  const at = dbArgs(database.target);
  return runCli([...args, ...at.args], { env: { DATABASE_URL: undefined, ...at.env } });
}

function json(run: CliRun) {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** Everything the import writes for a store, to compare before and after a re-import. */
async function snapshot(db: Kysely<Database>, storeId: string) {
  return {
    customers: await db.selectFrom('customers').selectAll().where('store_id', '=', storeId).orderBy('id').execute(),
    orders: await db.selectFrom('orders').selectAll().where('store_id', '=', storeId).orderBy('id').execute(),
    lines: await db
      .selectFrom('order_lines')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('order_id')
      .orderBy('line_no')
      .execute(),
  };
}

async function orderCount(db: Kysely<Database>, storeId: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(dialects)('regulars import on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const newStore = async (name: string) => (await createStore(database().db, { name })).store.id;

  it('imports a Shopify export, then finds nothing to change the second time', async () => {
    const { db } = database();
    const storeId = await newStore('Brew Co');
    const first = json(await cli(database(), ['import', SHOPIFY, '--store', storeId, '--json']));
    expect(first).toEqual({
      storeId,
      file: SHOPIFY,
      format: 'shopify',
      currency: 'USD',
      rowsRead: 9,
      rejectedRows: 0,
      rejections: [],
      customers: { created: 4, updated: 0, unchanged: 0 },
      // Accepts Marketing: the latest order of each customer that states it.
      consent: { granted: 1, revoked: 3, unchanged: 0 },
      orders: { created: 7, updated: 0, unchanged: 0, stale: 0 },
      unchanged: false,
    });

    // Shopify's numeric order id (the webhooks' id) when the export has it, else the Name.
    const big = await findOrderByExternalId(db, storeId, BIG_ORDER_ID);
    expect(big).toMatchObject({
      // The Name is kept as the order's name: messages call the order "#1001", not by its id.
      name: '#1001',
      orderedAt: '2024-01-15T10:23:45-05:00',
      orderDay: dayFromIso('2024-01-15'),
      currency: 'USD',
      subtotalMinor: 4200,
      totalMinor: 4200,
      status: 'paid',
      lines: [
        { lineNo: 1, sku: 'BEAN-1KG', title: 'House Blend Beans 1kg', quantity: 2, priceMinor: 1800, totalMinor: 3600 },
        { lineNo: 2, sku: 'FILT-100', title: 'Paper Filters, 100 pack', quantity: 1, priceMinor: 600, totalMinor: 600 },
      ],
    });
    // 23:55 on 16 January in the store's zone: the 17th in UTC, the 16th as written.
    expect(await findOrderByExternalId(db, storeId, '820982911946154509')).toMatchObject({
      orderDay: dayFromIso('2024-01-16'),
    });
    expect(await findOrderByExternalId(db, storeId, '#1004')).toMatchObject({
      status: 'refunded',
      refundedMinor: 2400,
    });
    expect(await findOrderByExternalId(db, storeId, '#1005')).toMatchObject({
      status: 'cancelled',
      cancelledAt: '2024-03-01T09:00:00-08:00',
    });
    expect(await findOrderByExternalId(db, storeId, '#1006')).toMatchObject({
      status: 'partially_refunded',
      totalMinor: 3600,
      refundedMinor: 1800,
    });
    const ada = await findCustomerByExternalId(db, storeId, 'ada@example.com');
    expect(ada).toMatchObject({ email: 'ada@example.com' });
    expect(big?.customerId).toBe(ada?.id);

    const before = await snapshot(db, storeId);
    const again = await cli(database(), ['import', SHOPIFY, '--store', storeId]);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('customers: 0 created, 0 updated, 4 unchanged');
    expect(again.stdout).toContain('orders:    0 created, 0 updated, 7 unchanged');
    expect(again.stdout).toContain(
      'nothing changed: the store already held all 4 customers and 7 orders as the file has them',
    );
    // Not a row rewritten: updated_at included.
    expect(await snapshot(db, storeId)).toEqual(before);
  });

  it('keeps orders without an email (by phone, else as a guest’s) and imports consent with the order’s time', async () => {
    const { db } = database();
    const storeId = await newStore('Counter');
    const file = csv(
      'pos.csv',
      [
        'Name,Email,Financial Status,Accepts Email Marketing,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Phone',
        '#1,ada@example.com,paid,yes,USD,10.00,2024-01-15 10:00:00 -0500,1,Beans,10.00,',
        '#2,,paid,no,USD,5.00,2024-01-16 11:00:00 -0500,1,Tea,5.00,+1 (613) 555-0100',
        '#3,,paid,,USD,7.00,2024-01-17 12:00:00 -0500,1,Tea,7.00,',
        '#4,ada@example.com,paid,no,USD,3.00,2024-02-01 09:30:00 -0500,1,Tea,3.00,',
      ].join('\n'),
    );
    const result = json(await cli(database(), ['import', file, '--store', storeId, '--json']));
    expect(result).toMatchObject({
      rejectedRows: 0,
      customers: { created: 3 },
      consent: { granted: 0, revoked: 2, unchanged: 0 },
      orders: { created: 4 },
    });
    const byPhone = await findCustomerByExternalId(db, storeId, 'phone:+16135550100');
    expect(byPhone).toMatchObject({ email: null, phone: '+1 (613) 555-0100' });
    const guest = await findCustomerByExternalId(db, storeId, 'guest:#3');
    expect(guest).toMatchObject({ email: null, phone: null });
    expect((await findOrderByExternalId(db, storeId, '#3'))?.customerId).toBe(guest?.id);
    // The latest statement, dated by its order.
    const ada = await findCustomerByExternalId(db, storeId, 'ada@example.com');
    const consent = await db
      .selectFrom('consent_records')
      .select(['customer_id', 'channel', 'purpose', 'status', 'source', 'recorded_at'])
      .where('store_id', '=', storeId)
      .orderBy('recorded_at')
      .execute();
    expect(consent).toEqual([
      {
        customer_id: byPhone?.id,
        channel: 'email',
        purpose: 'marketing',
        status: 'revoked',
        source: 'import',
        recorded_at: '2024-01-16T16:00:00.000Z',
      },
      {
        customer_id: ada?.id,
        channel: 'email',
        purpose: 'marketing',
        status: 'revoked',
        source: 'import',
        recorded_at: '2024-02-01T14:30:00.000Z',
      },
    ]);
    const again = json(await cli(database(), ['import', file, '--store', storeId, '--json']));
    expect(again).toMatchObject({ consent: { granted: 0, revoked: 0, unchanged: 2 }, unchanged: true });
  });

  it('keeps orders a webhook stored with a version, and updates what an earlier import wrote', async () => {
    const { db } = database();
    const storeId = await newStore('Live');
    json(await cli(database(), ['import', SHOPIFY, '--store', storeId, '--json']));
    const stored = (await findOrderByExternalId(db, storeId, BIG_ORDER_ID))!;
    // orders/updated arrives: the order was cancelled after the export was taken.
    const { lines: _lines, id: _id, storeId: _s, createdAt: _c, updatedAt: _u, ...order } = stored;
    await upsertOrderByExternalId(db, storeId, {
      ...order,
      status: 'cancelled',
      cancelledAt: '2024-01-20T10:00:00-05:00',
      sourceUpdatedAt: '2024-01-20T10:00:00-05:00',
      lines: [],
    });
    // And an earlier import's order changed in the export since.
    await db
      .updateTable('orders')
      .set({ total_minor: 1 })
      .where('store_id', '=', storeId)
      .where('external_id', '=', '#1007')
      .execute();

    const result = json(await cli(database(), ['import', SHOPIFY, '--store', storeId, '--json']));
    expect(result.orders).toEqual({ created: 0, updated: 1, unchanged: 5, stale: 1 });
    expect(result.unchanged).toBe(false);
    expect(await findOrderByExternalId(db, storeId, BIG_ORDER_ID)).toMatchObject({ status: 'cancelled', lines: [] });
    expect(await findOrderByExternalId(db, storeId, '#1007')).toMatchObject({ totalMinor: 1200 });
    const text = await cli(database(), ['import', SHOPIFY, '--store', storeId]);
    expect(text.stdout).toContain('1 kept (the database has a newer version from webhooks or the API)');
  });

  it('imports a generic CSV with money exact in minor units, big ids, names and days as written', async () => {
    const { db } = database();
    const storeId = await newStore('Exact');
    // 03/02/2024 alone cannot say whether it is March or February: the file is refused until told.
    const refused = await cli(database(), ['import', EXACT, '--store', storeId, '--json']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('error AMBIGUOUS_DATES');
    expect(await orderCount(db, storeId)).toBe(0);
    const result = json(
      await cli(database(), ['import', EXACT, '--store', storeId, '--json', '--date-format', 'MM/DD/YYYY']),
    );
    expect(result).toMatchObject({
      format: 'generic',
      currency: 'USD',
      rowsRead: 5,
      rejectedRows: 0,
      customers: { created: 2 },
      orders: { created: 4 },
    });

    const customer = await findCustomerByExternalId(db, storeId, BIG_CUSTOMER_ID);
    expect(customer).toMatchObject({
      externalId: BIG_CUSTOMER_ID,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    const big = await findOrderByExternalId(db, storeId, BIG_ORDER_ID);
    expect(big).toMatchObject({
      externalId: BIG_ORDER_ID,
      customerId: customer!.id,
      orderedAt: '2024-03-01T23:30:00-05:00',
      orderDay: dayFromIso('2024-03-01'),
      subtotalMinor: 6007,
      totalMinor: 6007,
      status: 'paid',
      lines: [
        {
          lineNo: 1,
          sku: 'BEANS',
          title: 'Beans 1kg',
          category: 'Coffee',
          quantity: 3,
          priceMinor: 1999,
          totalMinor: 5997,
        },
        { lineNo: 2, sku: 'FILT', title: 'Filters, 100', category: null, quantity: 1, priceMinor: 10, totalMinor: 10 },
      ],
    });
    // US month-first date, stored unambiguously; '$1,234.50' as written in the export.
    expect(await findOrderByExternalId(db, storeId, 'o-2')).toMatchObject({
      orderedAt: '2024-03-02T10:00:00',
      totalMinor: 123450,
      status: 'partially_refunded',
    });
    expect(await findOrderByExternalId(db, storeId, 'o-3')).toMatchObject({
      orderedAt: '2024-03-03',
      totalMinor: 20,
      status: 'cancelled',
    });
    expect(await findOrderByExternalId(db, storeId, 'o-4')).toMatchObject({
      orderedAt: '2024-03-04T08:15:00',
      totalMinor: 101,
      status: 'pending',
    });

    const yen = csv('yen.csv', 'customer,date,amount,currency\na,2024-01-01,1200,JPY\na,2024-01-02,12.5,JPY\n');
    json(await cli(database(), ['import', yen, '--store', storeId, '--json']));
    // Without order ids each row is an order, named customer/day/n; yen have no minor digits.
    expect((await findOrderByExternalId(db, storeId, 'a/2024-01-01/1'))?.totalMinor).toBe(1200);
    expect((await findOrderByExternalId(db, storeId, 'a/2024-01-02/1'))?.totalMinor).toBe(13);
  });

  it('refuses a currency that is not ISO 4217 money (BTC, ZZZ), in the file or by --currency, naming the line', async () => {
    const storeId = await newStore('Crypto');
    const btc = csv('btc.csv', 'customer,date,amount,currency\na,2024-01-01,12.5,BTC\n');
    const inFile = await cli(database(), ['import', btc, '--store', storeId]);
    expect(inFile.status).toBe(2);
    expect(inFile.stderr).toContain(
      'error INVALID_ARGUMENT: line 2: currency "BTC" is not an ISO 4217 currency in use',
    );
    const noColumn = csv('zzz.csv', 'customer,date,amount\na,2024-01-01,12.5\n');
    const byOption = await cli(database(), ['import', noColumn, '--store', storeId, '--currency', 'ZZZ']);
    expect(byOption.status).toBe(2);
    expect(byOption.stderr).toContain('currency "ZZZ" is not an ISO 4217 currency in use');
  });

  it('keeps the clock time of spreadsheet timestamps (M/D/YYYY H:MM AM/PM), in the order the column shows', async () => {
    const { db } = database();
    const storeId = await newStore('Spreadsheet');
    const file = csv(
      'spreadsheet.csv',
      'order_id,customer,date,amount,currency\ns1,a,6/25/2025 11:34 PM,10,USD\ns2,a,6/26/2025 12:05 AM,5,USD\ns3,b,7/1/2025 9:00,5,USD\n',
    );
    expect(json(await cli(database(), ['import', file, '--store', storeId, '--json']))).toMatchObject({
      rejectedRows: 0,
      orders: { created: 3 },
    });
    expect(await findOrderByExternalId(db, storeId, 's1')).toMatchObject({
      orderedAt: '2025-06-25T23:34:00',
      orderDay: dayFromIso('2025-06-25'),
    });
    expect(await findOrderByExternalId(db, storeId, 's2')).toMatchObject({ orderedAt: '2025-06-26T00:05:00' });
    expect(await findOrderByExternalId(db, storeId, 's3')).toMatchObject({
      orderedAt: '2025-07-01T09:00:00',
      orderDay: dayFromIso('2025-07-01'),
    });
  });

  it('imports the online retail invoices (generic, no currency column) with their rejected rows', async () => {
    const { db } = database();
    const storeId = await newStore('Online Retail');
    const noCurrency = await cli(database(), ['import', ONLINE_RETAIL, '--store', storeId]);
    expect(noCurrency.status).toBe(2);
    expect(noCurrency.stderr).toContain(
      'error INVALID_ARGUMENT: the file has no currency column: say which currency its amounts are in with --currency CODE',
    );

    const run = await cli(database(), ['import', ONLINE_RETAIL, '--store', storeId, '--currency', 'GBP', '--json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    // The same rows as `regulars analyze` rejects: 3,722 without a customer.
    expect(result).toMatchObject({
      format: 'generic',
      currency: 'GBP',
      rowsRead: 25_943,
      rejectedRows: 3_722,
      orders: { created: 22_190 },
    });
    expect(result.rejections[0]).toEqual({
      line: 48,
      field: 'CustomerID',
      code: 'EMPTY_CUSTOMER',
      reason: 'no customer id or email',
    });
    expect(run.stderr).toContain('3,722 rows rejected:\n  line 48, CustomerID: EMPTY_CUSTOMER no customer id or email');
    // A credit note ('C' invoice, negative amount) is a refund, as the analytics count it.
    expect(await findOrderByExternalId(db, storeId, 'C536379')).toMatchObject({
      totalMinor: -2750,
      status: 'refunded',
      orderedAt: '2010-12-01T09:41:00',
    });
    expect(await findOrderByExternalId(db, storeId, '536365')).toMatchObject({ totalMinor: 13912, status: 'paid' });

    const again = JSON.parse(
      (await cli(database(), ['import', ONLINE_RETAIL, '--store', storeId, '--currency', 'GBP', '--json'])).stdout,
    );
    expect(again).toMatchObject({ unchanged: true, orders: { unchanged: 22_190 } });
  });

  it('imports a CDNOW log (one order per line) once', async () => {
    const { db } = database();
    const storeId = await newStore('CDNOW');
    const result = json(
      await cli(database(), ['import', CDNOW, '--store', storeId, '--format', 'cdnow', '--currency', 'USD', '--json']),
    );
    expect(result).toMatchObject({
      format: 'cdnow',
      rowsRead: 6_919,
      rejectedRows: 0,
      customers: { created: 2_357 },
      orders: { created: 6_919 },
    });
    expect(await findOrderByExternalId(db, storeId, '1/1997-01-01/1')).toMatchObject({
      orderedAt: '1997-01-01',
      totalMinor: 2933,
    });
    expect(
      json(await cli(database(), ['import', CDNOW, '--store', storeId, '--currency', 'USD', '--json'])).orders
        .unchanged,
    ).toBe(6_919);
  });

  it('reports rejected rows with line, field and code as analyze does, and --strict stops before writing', async () => {
    const { db } = database();
    const storeId = await newStore('Bad rows');
    // Four rows of six rejected: refused by default, and nothing written.
    const refused = await cli(database(), ['import', WITH_BAD_ROWS, '--store', storeId, '--currency', 'EUR']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('error TOO_MANY_REJECTED: ');
    expect(refused.stderr).toContain('4 of 6 rows rejected (66.7%, more than the 5.0% allowed;');
    expect(await orderCount(db, storeId)).toBe(0);
    const run = await cli(database(), [
      'import',
      WITH_BAD_ROWS,
      '--store',
      storeId,
      '--currency',
      'EUR',
      '--max-rejected-share',
      '1',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('6 rows read, 4 rejected');
    expect(run.stderr).toBe(
      [
        '4 rows rejected:',
        '  line 3, date: BAD_DATE cannot read date "2024-02-30"',
        '  line 4, price: BAD_AMOUNT cannot read price "ten"',
        '  line 5, quantity: BAD_QUANTITY quantity 0.5 is not a whole number; order lines keep whole quantities',
        '  line 6, customer: ORDER_CUSTOMER_CONFLICT order o1 already belongs to customer a',
        '',
      ].join('\n'),
    );
    expect(await findOrderByExternalId(db, storeId, 'o5')).toMatchObject({
      totalMinor: 500,
      lines: [{ quantity: 2, priceMinor: 250, totalMinor: 500 }],
    });
    expect(await orderCount(db, storeId)).toBe(2);

    const strictStore = await newStore('Strict');
    const strict = await cli(database(), [
      'import',
      WITH_BAD_ROWS,
      '--store',
      strictStore,
      '--currency',
      'EUR',
      '--strict',
    ]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toBe('error BAD_DATE: line 3, date: cannot read date "2024-02-30"\n');
    expect(await orderCount(db, strictStore)).toBe(0);
  });

  it('fails with STORE_NOT_FOUND for an unknown store, before reading the file', async () => {
    const run = await cli(database(), ['import', join(dir, 'no-such-file.csv'), '--store', 'sto_nope']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('error STORE_NOT_FOUND: no store has the id sto_nope\n');
  });
});

describe('regulars import --help', () => {
  it('documents its options', async () => {
    const run = await runCli(['import', '--help']);
    expect(run.status).toBe(0);
    for (const option of [
      '--store <id>',
      '--format <format>',
      '--currency <code>',
      '--strict',
      '--json',
      '--db <file>',
    ])
      expect(run.stdout).toContain(option);
  });
});
