/**
 * Fixture loaders for the model tests: the published summaries as typed arrays, and per-customer
 * summaries (x, tx, T, mean repeat spend) of the real transaction logs, computed here with plain
 * code so the model tests do not depend on the ingest pipeline.
 */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../../test/support/fixtures.js';

export interface CountData {
  readonly id: string[];
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly monetary: Float64Array;
  readonly holdout: Float64Array;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split(/\r?\n/);
}

/** test/fixtures/cdnow/cdnow_summary_weeks.csv: customer_id,frequency,recency,T,monetary_value,holdout_frequency. */
export function loadCdnowSummary(): CountData {
  const rows = lines(fixturePath('cdnow', 'cdnow_summary_weeks.csv'))
    .slice(1)
    .map((l) => l.split(','));
  return {
    id: rows.map((r) => r[0]),
    x: Float64Array.from(rows, (r) => Number(r[1])),
    tx: Float64Array.from(rows, (r) => Number(r[2])),
    T: Float64Array.from(rows, (r) => Number(r[3])),
    monetary: Float64Array.from(rows, (r) => Number(r[4])),
    holdout: Float64Array.from(rows, (r) => Number(r[5])),
  };
}

/** test/fixtures/donations/donations_summary.csv: frequency,recency,periods,weights. */
export function loadDonations(): { x: Float64Array; tx: Float64Array; n: Float64Array; weights: Float64Array } {
  const rows = lines(fixturePath('donations', 'donations_summary.csv'))
    .slice(1)
    .map((l) => l.split(','));
  return {
    x: Float64Array.from(rows, (r) => Number(r[0])),
    tx: Float64Array.from(rows, (r) => Number(r[1])),
    n: Float64Array.from(rows, (r) => Number(r[2])),
    weights: Float64Array.from(rows, (r) => Number(r[3])),
  };
}

interface Transaction {
  readonly customer: string;
  readonly day: number;
  readonly amount: number;
}

function dayNumber(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/**
 * Per-customer summary in weeks at calibration end `endDay` (inclusive): same-day purchases count
 * as one, x = distinct purchase days after the first, tx/T from the first purchase, monetary = mean
 * day-total of the repeat purchases (0 without any). Customers whose first purchase is after
 * endDay are left out.
 */
export function summarise(transactions: readonly Transaction[], endDay: number): CountData {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    if (t.day > endDay) continue;
    let days = byCustomer.get(t.customer);
    if (!days) byCustomer.set(t.customer, (days = new Map()));
    days.set(t.day, (days.get(t.day) ?? 0) + t.amount);
  }
  const id: string[] = [];
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const monetary: number[] = [];
  for (const [customer, days] of byCustomer) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    if (endDay - first <= 0) continue; // T must be positive
    id.push(customer);
    x.push(sorted.length - 1);
    tx.push((last - first) / 7);
    T.push((endDay - first) / 7);
    let sum = 0;
    for (const d of sorted.slice(1)) sum += days.get(d)!;
    monetary.push(sorted.length > 1 ? sum / (sorted.length - 1) : 0);
  }
  return {
    id,
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    monetary: Float64Array.from(monetary),
    holdout: new Float64Array(x.length),
  };
}

/** test/fixtures/real/CDNOW_master.txt: header, then `id YYYYMMDD cds dollars`, whitespace-separated. */
export function loadCdnowMaster(): Transaction[] {
  return lines(fixturePath('real', 'CDNOW_master.txt'))
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .map(([id, date, , dollars]) => ({
      customer: id,
      day: dayNumber(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8))),
      amount: Number(dollars),
    }));
}

/** test/fixtures/real/groceryElog.csv: "cust","date" (no amounts). */
export function loadGrocery(): Transaction[] {
  return lines(fixturePath('real', 'groceryElog.csv'))
    .slice(1)
    .map((l) => l.replace(/"/g, '').split(','))
    .map(([cust, date]) => ({
      customer: cust,
      day: dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))),
      amount: 0,
    }));
}

/**
 * test/fixtures/real/online_retail_invoices.csv: InvoiceNo,CustomerID,InvoiceDate,Country,n_lines,qty,amount.
 * Guests (no CustomerID) and cancellations (InvoiceNo starting with C, or amount <= 0) are left out.
 */
export function loadOnlineRetail(): Transaction[] {
  const out: Transaction[] = [];
  for (const l of lines(fixturePath('real', 'online_retail_invoices.csv')).slice(1)) {
    const cols = l.split(',').map((c) => c.replace(/"/g, ''));
    const [invoice, customer, date] = cols;
    const amount = Number(cols[cols.length - 1]);
    if (!customer || invoice.startsWith('C') || !(amount > 0)) continue;
    out.push({
      customer,
      day: dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))),
      amount,
    });
  }
  return out;
}

export function dayOf(iso: string): number {
  return dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}
