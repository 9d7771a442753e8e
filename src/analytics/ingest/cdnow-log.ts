import { emptyOrderLine, NO_DAY } from '../order-log-builder.js';
import { fieldAmount, fieldQuantity, parseDay } from './field-parsers.js';
import type { RecordHandler } from './generic-csv.js';
import type { OrderCollector } from './order-collector.js';

/**
 * CDNOW-style whitespace logs (Fader, Hardie & Lee's CDNOW panel): one purchase per line,
 * `id [sample_id] YYYYMMDD quantity value`, no order id. With five columns the customer is the
 * sample id (the numbering of the published 1/10 sample and its summaries); leading zeros of the
 * numeric panel ids are dropped so '0001' and '1' are one customer. A first line that is not
 * data (the full panel starts with a header) is skipped.
 */
export function createCdnowRowHandler(collector: OrderCollector): RecordHandler {
  const line = emptyOrderLine();
  let columns = 0;
  return (r) => {
    if (r.line === 1 && !/^\d/.test(r.text(0))) return; // header
    if (columns === 0) columns = r.count;
    if (r.count !== columns || (columns !== 4 && columns !== 5)) {
      collector.reject(
        r.line,
        '',
        'BAD_ROW',
        `expected 4 or 5 whitespace-separated fields as on the first line, found ${r.count}`,
      );
      return;
    }
    const o = columns - 4;
    const id = r.text(o);
    const day = parseDay(r.text(o + 1), 'year-first');
    if (Number.isNaN(day)) {
      collector.reject(r.line, 'date', 'BAD_DATE', `cannot read date "${r.text(o + 1)}" (expected YYYYMMDD)`);
      return;
    }
    const quantity = fieldQuantity(r, o + 2);
    if (Number.isNaN(quantity)) {
      collector.reject(r.line, 'quantity', 'BAD_QUANTITY', `cannot read quantity "${r.text(o + 2)}"`);
      return;
    }
    const value = fieldAmount(r, o + 3);
    if (Number.isNaN(value)) {
      collector.reject(r.line, 'value', 'BAD_AMOUNT', `cannot read amount "${r.text(o + 3)}"`);
      return;
    }
    line.orderId = '';
    line.customerId = id.charCodeAt(0) === 48 ? id.replace(/^0+(?=\d)/, '') : id;
    line.day = day;
    line.lineAmount = value;
    line.orderTotal = Number.NaN;
    line.quantity = quantity;
    line.birthday = NO_DAY;
    collector.add(r.line, line, 'id');
  };
}

/** True when the first lines look like a CDNOW log: whitespace-separated numbers with a YYYYMMDD date. */
export function looksLikeCdnow(firstLines: readonly string[]): boolean {
  const data = firstLines.filter((l) => /^\s*\d/.test(l));
  if (data.length === 0) return false;
  return data.every((l) => {
    const f = l.trim().split(/\s+/);
    return (
      (f.length === 4 || f.length === 5) &&
      !l.includes(',') &&
      f.every((x) => /^[\d.]+$/.test(x)) &&
      /^(19|20)\d{6}$/.test(f[f.length - 3])
    );
  });
}
