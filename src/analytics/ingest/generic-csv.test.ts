import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../day.js';
import { readOrderFile } from './order-file.reader.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-generic-'));
let n = 0;
function csv(text: string): string {
  const file = join(dir, `f${n++}.csv`);
  writeFileSync(file, text);
  return file;
}

describe('generic CSV', () => {
  it('reads one row per order with aliased, differently cased headers', async () => {
    const read = await readOrderFile(
      csv(
        'Customer ID,Order Date,Revenue\nc1,2024-01-05,10.50\nc2,2024-01-06,20\nc1,2024-02-05 13:45:00,"$1,000.25"\n',
      ),
    );
    expect(read.format).toBe('generic');
    expect(read.rejectedRows).toBe(0);
    expect(read.log.orderCount).toBe(3);
    expect(Array.from(read.log.orderAmount)).toEqual([10.5, 20, 1000.25]);
    expect(read.log.customerIds).toEqual(['c1', 'c2']);
    expect(read.log.orderDay[2]).toBe(dayFromIso('2024-02-05'));
  });

  it('groups line items by order id (even when not adjacent) and sums price x quantity', async () => {
    const read = await readOrderFile(
      csv(
        'order_id,customer_id,created_at,sku,product_name,category,quantity,price\no1,c1,2024-01-01,A,Apple,fruit,2,1.5\no2,c2,2024-01-01,B,Bread,bakery,1,3\no1,c1,2024-01-01,B,Bread,bakery,1,3\n',
      ),
    );
    expect(read.log.orderCount).toBe(2);
    expect(Array.from(read.log.orderAmount)).toEqual([6, 3]);
    expect(read.log.itemStart[1]).toBe(2);
    expect(read.log.productCategories).toEqual(['fruit', 'bakery']);
  });

  it('takes an order-level total once per order, from its first row', async () => {
    const read = await readOrderFile(
      csv('order_id,email,date,total,sku,price,quantity\no1,A@x.com,2024-01-01,25,A,10,1\no1,,2024-01-01,,B,10,1\n'),
    );
    expect(read.rejectedRows).toBe(1); // the second row has no customer: reported, not guessed
    expect(read.rejections[0]).toMatchObject({ line: 3, field: 'email', code: 'EMPTY_CUSTOMER' });
    const ok = await readOrderFile(
      csv(
        'order_id,email,date,total,sku,price,quantity\no1,A@x.com,2024-01-01,25,A,10,1\no1,a@x.com,2024-01-01,,B,10,1\n',
      ),
    );
    expect(ok.rejectedRows).toBe(0);
    expect(Array.from(ok.log.orderAmount)).toEqual([25]);
    expect(Array.from(ok.log.itemAmount)).toEqual([10, 10]);
  });

  it('uses the email when the customer id is empty, and keeps consent from the latest order', async () => {
    const read = await readOrderFile(
      csv(
        'customer_id,email,date,amount,accepts_marketing\n,Pat@Shop.com,2024-01-01,5,true\n,pat@shop.com,2024-03-01,5,no\n,pat@shop.com,2024-02-01,5,yes\n',
      ),
    );
    expect(read.log.customerIds).toEqual(['pat@shop.com']);
    expect(read.log.customerAcceptsMarketing[0]).toBe(0);
  });

  it('leaves out cancelled, refunded and negative orders and counts them', async () => {
    const read = await readOrderFile(
      csv(
        'customer,date,amount,status\na,2024-01-01,10,paid\na,2024-01-02,10,Cancelled\na,2024-01-03,10,refunded\na,2024-01-04,-10,\na,2024-01-05,10,partially_refunded\n',
      ),
    );
    expect(read.log.orderCount).toBe(2);
    expect(read.excluded).toEqual({ cancelled: 1, refunded: 2 });
  });

  it('reads semicolon-separated files and quoted fields with line breaks', async () => {
    const read = await readOrderFile(
      csv('customer;date;amount;product\r\na;2024-01-01;10;"two\r\nlines"\r\nb;2024-01-02;5;x\r\n'),
    );
    expect(read.rejectedRows).toBe(0);
    expect(read.log.productNames).toEqual(['two\r\nlines', 'x']);
  });
});

describe('bad input', () => {
  it('keys a row without customer id or email by its phone, written in any form', async () => {
    const read = await readOrderFile(
      csv(
        'order_id,email,phone,date,amount\no1,,+1 (613) 555-0100,2024-01-01,5\no2,,+1 613 555 0100,2024-01-02,6\no3,,,2024-01-03,7\n',
      ),
    );
    expect(read.log.customerIds).toEqual(['phone:+16135550100']);
    expect(read.log.orderCount).toBe(2);
    expect(read.rejections).toEqual([
      { line: 4, field: 'email', code: 'EMPTY_CUSTOMER', reason: 'no customer id or email' },
    ]);
  });

  it('names the columns it found when a required one is missing', async () => {
    await expect(readOrderFile(csv('customer,amount\na,1\n'))).rejects.toMatchObject({
      code: 'MISSING_COLUMN',
      message: expect.stringMatching(
        /no order date column; expected one of: order_date, date, .*; found: customer, amount/,
      ),
    });
    await expect(readOrderFile(csv('date,amount\n2024-01-01,1\n'))).rejects.toMatchObject({
      code: 'MISSING_COLUMN',
      message: expect.stringContaining('customer id, email or phone'),
    });
    await expect(readOrderFile(csv('customer,date\na,2024-01-01\n'))).rejects.toMatchObject({
      code: 'MISSING_COLUMN',
      message: expect.stringContaining('no amount column'),
    });
  });

  it('reports every bad row with its line, field, code and reason, and keeps the good ones', async () => {
    const read = await readOrderFile(
      csv(
        [
          'customer,date,amount,quantity,accepts_marketing',
          'a,2024-01-01,10,1,true',
          'b,2024-13-01,10,1,true',
          ',2024-01-01,10,1,true',
          'c,2024-01-01,ten,1,true',
          'd,2024-01-01,10,many,true',
          'e,2024-01-01,10,1,maybe',
          'f,2024-01-01,10',
          'g,2023-02-29,10,1,',
          'h,2024-01-02,11,1,',
        ].join('\n'),
      ),
    );
    expect(read.rowsRead).toBe(9);
    expect(read.log.orderCount).toBe(2);
    expect(read.rejectedRows).toBe(7);
    expect(read.rejections).toEqual([
      { line: 3, field: 'date', code: 'BAD_DATE', reason: 'cannot read date "2024-13-01"' },
      { line: 4, field: 'customer', code: 'EMPTY_CUSTOMER', reason: 'no customer id or email' },
      { line: 5, field: 'amount', code: 'BAD_AMOUNT', reason: 'cannot read amount "ten"' },
      { line: 6, field: 'quantity', code: 'BAD_QUANTITY', reason: 'cannot read quantity "many"' },
      { line: 7, field: 'accepts_marketing', code: 'BAD_BOOLEAN', reason: 'expected true or false, found "maybe"' },
      { line: 8, field: '', code: 'BAD_ROW', reason: 'expected 5 fields, found 3' },
      { line: 9, field: 'date', code: 'BAD_DATE', reason: 'cannot read date "2023-02-29"' },
    ]);
  });

  it('stops at the first bad row with --strict', async () => {
    await expect(
      readOrderFile(csv('customer,date,amount\na,2024-01-01,1\nb,yesterday,1\nc,2024-01-01,x\n'), { strict: true }),
    ).rejects.toMatchObject({
      code: 'BAD_DATE',
      message: 'line 3, date: cannot read date "yesterday"',
    });
  });

  it('refuses mixed currencies unless one is chosen, then rejects the others by row', async () => {
    const file = csv('customer,date,amount,currency\na,2024-01-01,1,USD\nb,2024-01-01,1,usd\nc,2024-01-02,1,EUR\n');
    await expect(readOrderFile(file)).rejects.toMatchObject({
      code: 'MIXED_CURRENCIES',
      message: expect.stringContaining('USD (first at line 2) and EUR (line 4)'),
    });
    const eur = await readOrderFile(file, { currency: 'eur' });
    expect(eur.log.orderCount).toBe(1);
    expect(eur.currency).toBe('EUR');
    expect(eur.rejectedRows).toBe(2);
    expect(eur.rejections[0]).toMatchObject({ line: 2, field: 'currency', code: 'CURRENCY_MISMATCH' });
  });

  it('rejects a line item that names another customer than its order', async () => {
    const read = await readOrderFile(csv('order_id,customer,date,amount\no1,a,2024-01-01,1\no1,b,2024-01-01,1\n'));
    expect(read.rejections).toEqual([
      { line: 3, field: 'customer', code: 'ORDER_CUSTOMER_CONFLICT', reason: 'order o1 already belongs to customer a' },
    ]);
  });

  it('explains a missing or empty file', async () => {
    await expect(readOrderFile(join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(readOrderFile(csv(''))).rejects.toMatchObject({ code: 'EMPTY_FILE' });
  });
});
