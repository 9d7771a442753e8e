import { describe, expect, it } from 'vitest';
import { readOrderFile } from './order-file.reader.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { dayFromIso } from '../day.js';

describe("Shopify's order export", () => {
  it('is detected and read as orders of line items, without cancelled and refunded orders', async () => {
    const read = await readOrderFile(fixturePath('shopify', 'orders_export.csv'));
    expect(read.format).toBe('shopify');
    expect(read.rejectedRows).toBe(0);
    expect(read.rowsRead).toBe(9);
    expect(read.currency).toBe('USD');
    expect(read.excluded).toEqual({ cancelled: 1, refunded: 1 });
    const { log } = read;
    expect(log.orderCount).toBe(5); // #1001, #1002, #1003, #1006, #1007
    // Partial refund: Total minus Refunded Amount.
    expect(Array.from(log.orderAmount)).toEqual([42, 129, 18, 18, 12]);
    // Emails are the customers, case-insensitively.
    expect(log.orderCustomer[0]).toBe(log.orderCustomer[2]);
    expect(log.customerIds[log.orderCustomer[0]]).toBe('ada@example.com');
    // The day is the one written in the timestamp's own offset, never shifted to UTC.
    expect(log.orderDay[1]).toBe(dayFromIso('2024-01-16'));
    // Line items: #1001 has two, with a comma inside a quoted product name.
    expect(log.itemStart[1] - log.itemStart[0]).toBe(2);
    expect(log.productNames[log.itemProduct[1]]).toBe('Paper Filters, 100 pack');
    expect(log.productNames[log.itemProduct[log.itemStart[1]]]).toBe('Burr Grinder "Pro"');
    expect(log.itemAmount[0]).toBe(36);
    // Consent is the latest order's: Ada said yes, then no on #1006.
    expect(log.customerAcceptsMarketing[log.orderCustomer[0]]).toBe(0);
  });

  it('can be forced with --format shopify and names missing columns', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'regulars-'));
    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'Name,Email,Created at\n#1,a@b.c,2024-01-01\n');
    await expect(readOrderFile(file, { format: 'shopify' })).rejects.toMatchObject({
      code: 'MISSING_COLUMN',
      message: expect.stringContaining('Total, Lineitem name'),
    });
  });
});
