import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { CustomerSummary } from '../summary.js';
import { csvCell } from '../ingest/generic-csv.writer.js';

/**
 * Writes the per-customer summary as CSV:
 * customer_id,frequency,recency,T,monetary_value[,holdout_frequency,holdout_monetary_value].
 * Numbers are written at full precision so the file reproduces the published summaries.
 */
export async function writeSummaryCsv(
  path: string,
  summary: CustomerSummary,
  customerIds: readonly string[],
): Promise<void> {
  const out = createWriteStream(path);
  const holdout = summary.holdoutFrequency !== null && summary.holdoutMonetaryValue !== null;
  let batch = `customer_id,frequency,recency,T,monetary_value${holdout ? ',holdout_frequency,holdout_monetary_value' : ''}\n`;
  const n = summary.customer.length;
  for (let k = 0; k < n; k++) {
    batch += `${csvCell(customerIds[summary.customer[k]])},${summary.frequency[k]},${summary.recency[k]},${summary.T[k]},${summary.monetaryValue[k]}`;
    batch += holdout ? `,${summary.holdoutFrequency![k]},${summary.holdoutMonetaryValue![k]}\n` : '\n';
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await finished(out);
}
