import { createWriteStream } from 'node:fs';
import { dayFromIso } from '../../analytics/day.js';
import { generateStore } from '../../analytics/generate/store-simulator.js';
import { writeOrdersCsv } from '../../analytics/ingest/generic-csv.writer.js';
import { createRng } from '../../platform/random.js';

/** The demo store's generator into a CSV: `customers` first buyers over two years. */
export async function writeDemoOrders(path: string, customers: number): Promise<void> {
  const rows = generateStore({ customers, seed: 42, startDay: dayFromIso('2024-01-01'), days: 730 }, createRng(42));
  await writeOrdersCsv(rows, createWriteStream(path));
}
