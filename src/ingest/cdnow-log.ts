import { createDayParser, parseAmount, parseQuantity } from './field-parsers.js';
import type { OrderCollector } from './order-collector.js';

/**
 * CDNOW-style whitespace logs (Fader, Hardie & Lee's CDNOW panel): one purchase per line,
 * `id [sample_id] YYYYMMDD quantity value`, no order id. With five columns the customer is the
 * sample id (the numbering of the published 1/10 sample and its summaries); leading zeros of the
 * numeric panel ids are dropped so '0001' and '1' are one customer. A first line that is not
 * data (the full panel starts with a header) is skipped.
 */
export function createCdnowLineHandler(collector: OrderCollector): (text: string, line: number) => void {
  const parseDay = createDayParser();
  let columns = 0;
  return (text, line) => {
    const f = text.trim().split(/\s+/);
    if (f.length === 1 && f[0] === '') return;
    if (line === 1 && !/^\d/.test(f[0])) return; // header
    if (columns === 0) columns = f.length;
    if (f.length !== columns || (columns !== 4 && columns !== 5)) {
      collector.reject(line, '', 'BAD_ROW', `expected 4 or 5 whitespace-separated fields as on line 1, found ${f.length}`);
      return;
    }
    const o = columns - 4;
    const customerId = f[o].replace(/^0+(?=\d)/, '');
    const day = parseDay(f[o + 1]);
    if (Number.isNaN(day)) {
      collector.reject(line, 'date', 'BAD_DATE', `cannot read date "${f[o + 1]}" (expected YYYYMMDD)`);
      return;
    }
    const quantity = parseQuantity(f[o + 2]);
    if (Number.isNaN(quantity)) {
      collector.reject(line, 'quantity', 'BAD_QUANTITY', `cannot read quantity "${f[o + 2]}"`);
      return;
    }
    const value = parseAmount(f[o + 3]);
    if (Number.isNaN(value)) {
      collector.reject(line, 'value', 'BAD_AMOUNT', `cannot read amount "${f[o + 3]}"`);
      return;
    }
    collector.add(
      line,
      {
        orderId: '',
        customerId,
        day,
        lineAmount: value,
        orderTotal: Number.NaN,
        sku: '',
        productName: '',
        category: '',
        quantity,
        email: '',
        acceptsMarketing: -1,
        birthday: '',
      },
      'id',
    );
  };
}

/** True when a first line looks like a CDNOW log: whitespace-separated numbers with a YYYYMMDD date. */
export function looksLikeCdnow(firstLines: readonly string[]): boolean {
  const data = firstLines.filter((l) => /^\s*\d/.test(l));
  if (data.length === 0) return false;
  return data.every((l) => {
    const f = l.trim().split(/\s+/);
    return (f.length === 4 || f.length === 5) && !l.includes(',') && f.every((x) => /^[\d.]+$/.test(x)) && /^(19|20)\d{6}$/.test(f[f.length - 3]);
  });
}
