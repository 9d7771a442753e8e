import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../day.js';
import { DEFAULT_START_DAY, generateStore, type GeneratedOrderRow } from '../generate/store-simulator.js';
import { csvCell, GENERIC_CSV_HEADER, writeOrdersCsv } from './generic-csv.writer.js';

const HEADER =
  'order_id,customer_id,email,order_date,sku,product_name,category,quantity,price,currency,status,accepts_marketing,birthday';

function row(overrides: Partial<GeneratedOrderRow> = {}): GeneratedOrderRow {
  return {
    orderId: 'ord_000000001',
    customerId: 'cus_000001',
    email: 'c000001@example.com',
    day: dayFromYmd(2024, 3, 5),
    time: '09:07:05',
    sku: 'BN-HOUSE-500',
    productName: 'House Blend Whole Bean 500g',
    category: 'Coffee Beans',
    quantity: 2,
    price: 19,
    currency: 'USD',
    status: 'paid',
    acceptsMarketing: true,
    birthday: '1980-02-29',
    ...overrides,
  };
}

/** Everything written to a PassThrough, as text. */
async function writeToText(rows: Iterable<GeneratedOrderRow>, onProgress?: (rows: number, customers: number) => void) {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const result = await writeOrdersCsv(rows, out, onProgress);
  await ended;
  return { text: Buffer.concat(parts).toString('utf8'), result };
}

/**
 * A minimal RFC 4180 reader, written here as an oracle independent of the project's parser:
 * quoted fields may hold commas, doubled quotes and line breaks; records end with LF.
 */
function parse(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  return records;
}

describe('writeOrdersCsv', () => {
  it('writes the header and one line per row, with dates, prices and flags formatted', async () => {
    const rows = [
      row(),
      row({
        sku: 'FLT-V60-100',
        productName: 'V60 Paper Filters 02 (100)',
        category: 'Filters',
        quantity: 1,
        price: 7.5,
      }),
      row({
        orderId: 'ord_000000002',
        day: dayFromYmd(2024, 12, 31),
        time: '23:59:59',
        price: 1699,
        quantity: 1,
        status: 'refunded',
        acceptsMarketing: false,
      }),
      row({
        orderId: 'ord_000000003',
        customerId: 'cus_000002',
        email: 'c000002@example.com',
        birthday: '',
        status: 'cancelled',
        quantity: 12,
      }),
    ];
    const { text, result } = await writeToText(rows);
    expect(GENERIC_CSV_HEADER).toBe(HEADER);
    expect(text.split('\n')).toEqual([
      HEADER,
      'ord_000000001,cus_000001,c000001@example.com,2024-03-05 09:07:05,BN-HOUSE-500,House Blend Whole Bean 500g,Coffee Beans,2,19.00,USD,paid,true,1980-02-29',
      'ord_000000001,cus_000001,c000001@example.com,2024-03-05 09:07:05,FLT-V60-100,V60 Paper Filters 02 (100),Filters,1,7.50,USD,paid,true,1980-02-29',
      'ord_000000002,cus_000001,c000001@example.com,2024-12-31 23:59:59,BN-HOUSE-500,House Blend Whole Bean 500g,Coffee Beans,1,1699.00,USD,refunded,false,1980-02-29',
      'ord_000000003,cus_000002,c000002@example.com,2024-03-05 09:07:05,BN-HOUSE-500,House Blend Whole Bean 500g,Coffee Beans,12,19.00,USD,cancelled,true,',
      '',
    ]);
    expect(result).toEqual({ rows: 4, orders: 3, customers: 2 });
  });

  it('quotes and escapes commas, quotes and line breaks per RFC 4180', async () => {
    const nasty = [
      row({ productName: 'Stoneware Mug, Set of 2', category: 'Drinkware' }),
      row({ sku: 'THERMO', productName: 'Milk Thermometer 5" Dial' }),
      row({ sku: 'NOTE', productName: 'Line one\nline two', category: 'A "quoted", category' }),
      row({ orderId: 'ord,odd', customerId: 'cus "q"', email: 'a,b@example.com' }),
    ];
    const { text } = await writeToText(nasty);
    expect(text).toContain(',"Stoneware Mug, Set of 2",Drinkware,');
    expect(text).toContain(',"Milk Thermometer 5"" Dial",');
    expect(text).toContain(',"Line one\nline two","A ""quoted"", category",');
    expect(text).toContain('"ord,odd","cus ""q""","a,b@example.com",');
    // A reader gets every field back exactly.
    const records = parse(text);
    expect(records).toHaveLength(5);
    expect(records[1][5]).toBe('Stoneware Mug, Set of 2');
    expect(records[2][5]).toBe('Milk Thermometer 5" Dial');
    expect(records[3].slice(5, 7)).toEqual(['Line one\nline two', 'A "quoted", category']);
    expect(records[4].slice(0, 3)).toEqual(['ord,odd', 'cus "q"', 'a,b@example.com']);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a\r')).toBe('"a\r"');
  });

  it('does not reuse order cells when a row of the same order differs', async () => {
    const { text, result } = await writeToText([row(), row({ status: 'refunded' }), row({ acceptsMarketing: false })]);
    const records = parse(text);
    expect(records.slice(1).map((r) => [r[10], r[11]])).toEqual([
      ['paid', 'true'],
      ['refunded', 'true'],
      ['paid', 'false'],
    ]);
    expect(result.orders).toBe(1);
  });

  it('streams a generated store in chunks, reporting progress, and the counts match the rows', async () => {
    const rows = [...generateStore({ customers: 6000, seed: 11, startDay: DEFAULT_START_DAY })];
    const progress: [number, number][] = [];
    const { text, result } = await writeToText(rows, (r, c) => progress.push([r, c]));
    const records = parse(text);
    expect(records[0].join(',')).toBe(HEADER);
    expect(records.length - 1).toBe(rows.length);
    expect(result.rows).toBe(rows.length);
    expect(result.customers).toBe(6000);
    expect(result.orders).toBe(new Set(rows.map((r) => r.orderId)).size);
    // More than one chunk, counts only ever grow, and the last report is the total.
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
    expect(progress.at(-1)).toEqual([rows.length, 6000]);
    // Spot-check a row in the middle against its source.
    const k = Math.floor(rows.length / 2);
    const source = rows[k];
    const record = records[k + 1];
    expect(record[0]).toBe(source.orderId);
    expect(record[4]).toBe(source.sku);
    expect(Number(record[7])).toBe(source.quantity);
    expect(Number(record[8])).toBe(source.price);
    expect(record[3]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('waits for a slow stream to drain instead of buffering everything', async () => {
    const rows = [...generateStore({ customers: 4000, seed: 5, startDay: DEFAULT_START_DAY })];
    let received = 0;
    let maxBuffered = 0;
    const slow: Writable = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        maxBuffered = Math.max(maxBuffered, slow.writableLength);
        setTimeout(callback, 2);
      },
    });
    const result = await writeOrdersCsv(rows, slow);
    expect(result.rows).toBe(rows.length);
    expect(slow.writableFinished).toBe(true);
    expect(received).toBeGreaterThan(2 * (1 << 20));
    // At most the chunk being written and the next one.
    expect(maxBuffered).toBeLessThanOrEqual(2 * (1 << 20));
  });

  it('writes a file that is complete when the promise resolves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regulars-csv-'));
    try {
      const file = join(dir, 'orders.csv');
      const rows = [...generateStore({ customers: 500, seed: 2, startDay: DEFAULT_START_DAY })];
      const result = await writeOrdersCsv(rows, createWriteStream(file));
      const lines = (await readFile(file, 'utf8')).split('\n');
      expect(lines[0]).toBe(HEADER);
      expect(lines).toHaveLength(result.rows + 2); // header, rows, and the empty string after the last LF
      expect(lines.at(-1)).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives a row longer than a chunk a chunk of its own', async () => {
    const long = 'x'.repeat((1 << 20) + 10);
    const { text } = await writeToText([row(), row({ productName: long }), row({ orderId: 'ord_000000009' })]);
    const records = parse(text);
    expect(records).toHaveLength(4);
    expect(records[2][5]).toBe(long);
  });

  it('fails when the stream fails', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    const rows = generateStore({ customers: 20_000, seed: 1, startDay: DEFAULT_START_DAY });
    await expect(writeOrdersCsv(rows, broken)).rejects.toThrow('disk full');
  });
});
