import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { orderDiscountCodes } from './order-discount-codes.js';

const fixture = (name: string) =>
  parseJsonLossless(
    readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks', name), 'utf8'),
  );

describe("an order's discount codes", () => {
  it("reads discount_codes[].code of Shopify's documented orders/create body, with the order id as text", () => {
    expect(orderDiscountCodes(fixture('orders-create.json'))).toEqual({
      orderId: '820982911946154508',
      codes: ['TENOFF'],
    });
  });

  it('reads no code when the order used none', () => {
    expect(orderDiscountCodes({ id: 5, discount_codes: [] }).codes).toEqual([]);
    expect(orderDiscountCodes({ id: 5 }).codes).toEqual([]);
  });

  it('refuses a code that is not text, naming where', () => {
    expect(() => orderDiscountCodes({ id: 5, discount_codes: [{ code: 7 }] })).toThrow(/discount_codes\/0\/code/);
  });
});
