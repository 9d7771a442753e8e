import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from '../customer-orders.js';
import { dayFromIso } from '../day.js';
import { summarizeCustomers } from '../summary.js';
import { readOrderFile } from './order-file.reader.js';
import { fixturePath, readCsvObjects } from '../../../test/support/fixtures.js';

describe('summary of the CDNOW sample', () => {
  it('equals the published BTYD summary for every customer', async () => {
    const read = await readOrderFile(fixturePath('cdnow', 'CDNOW_sample.txt'));
    expect(read.format).toBe('cdnow');
    expect(read.rejectedRows).toBe(0);
    expect(read.rowsRead).toBe(6919);
    const summary = summarizeCustomers(read.log, groupOrdersByCustomer(read.log), {
      calibrationEndDay: dayFromIso('1997-09-30'),
      holdoutEndDay: dayFromIso('1998-06-30'),
      timeUnit: 'week',
    });
    const expected = readCsvObjects(fixturePath('cdnow', 'cdnow_summary_weeks.csv'));
    expect(summary.customer.length).toBe(expected.length);
    const byId = new Map<string, number>();
    summary.customer.forEach((c, k) => byId.set(read.log.customerIds[c], k));
    for (const row of expected) {
      const k = byId.get(row.customer_id);
      expect(k, `customer ${row.customer_id}`).toBeDefined();
      const at = k as number;
      expect(summary.frequency[at]).toBe(Number(row.frequency));
      expect(Math.abs(summary.recency[at] - Number(row.recency))).toBeLessThan(1e-6);
      expect(Math.abs(summary.T[at] - Number(row.T))).toBeLessThan(1e-6);
      expect(Math.abs(summary.monetaryValue[at] - Number(row.monetary_value))).toBeLessThan(1e-6);
      expect(summary.holdoutFrequency?.[at]).toBe(Number(row.holdout_frequency));
    }
  });
});
