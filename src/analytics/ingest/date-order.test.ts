import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/support/fixtures.js';
import { dayFromIso } from '../day.js';
import { readOrderFile } from './order-file.reader.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-dates-'));
let n = 0;
function csv(text: string): string {
  const file = join(dir, `f${n++}.csv`);
  writeFileSync(file, text);
  return file;
}

/** The Shopify fixture as a spreadsheet saves it again: every timestamp rewritten by `form`. */
function resaved(form: (y: string, m: string, d: string, hh: string, mm: string) => string): string {
  const text = readFileSync(fixturePath('shopify', 'orders_export.csv'), 'utf8').replace(
    /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):\d{2} [+-]\d{4}/g,
    (_, y: string, m: string, d: string, hh: string, mm: string) => form(y, m, d, hh, mm),
  );
  return csv(text);
}

const strip = (v: string) => String(Number(v));

describe('dates with the year last, read in the order the whole column shows', () => {
  it('reads day-first dates, even when the first rows could be either', async () => {
    const read = await readOrderFile(csv('customer,date,amount\na,05/02/2024,1\nb,06/02/2024,1\nc,25/02/2024,1\n'));
    expect(read.rejectedRows).toBe(0);
    expect(Array.from(read.log.orderDay)).toEqual(['2024-02-05', '2024-02-06', '2024-02-25'].map(dayFromIso));
  });

  it('reads month-first dates', async () => {
    const read = await readOrderFile(csv('customer,date,amount\na,05/02/2024,1\nb,06/02/2024,1\nc,02/25/2024,1\n'));
    expect(Array.from(read.log.orderDay)).toEqual(['2024-05-02', '2024-06-02', '2024-02-25'].map(dayFromIso));
  });

  it('decides from dates far down the file, after ISO ones', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `c${i},2024-01-01,1`);
    const read = await readOrderFile(csv(`customer,date,amount\n${rows.join('\n')}\nx,03/04/2024,1\ny,13/04/2024,1\n`));
    expect(read.rejectedRows).toBe(0);
    expect(read.log.orderDay[3000]).toBe(dayFromIso('2024-04-03'));
  });

  it('refuses a column that cannot tell, unless --date-format says', async () => {
    const file = csv('customer,date,amount\na,05/02/2024,1\nb,06/02/2024 10:00,1\n');
    await expect(readOrderFile(file)).rejects.toMatchObject({
      code: 'AMBIGUOUS_DATES',
      message: expect.stringContaining('--date-format DD/MM/YYYY'),
    });
    const us = await readOrderFile(file, { dateFormat: 'MM/DD/YYYY' });
    expect(Array.from(us.log.orderDay)).toEqual(['2024-05-02', '2024-06-02'].map(dayFromIso));
    const eu = await readOrderFile(file, { dateFormat: 'DD.MM.YYYY' });
    expect(Array.from(eu.log.orderDay)).toEqual(['2024-02-05', '2024-02-06'].map(dayFromIso));
  });

  it('refuses a column that contradicts itself, naming the lines', async () => {
    const file = csv('customer,date,amount\na,25/02/2024,1\nb,02/25/2024,1\n');
    await expect(readOrderFile(file)).rejects.toMatchObject({
      code: 'MIXED_DATE_ORDERS',
      message: expect.stringMatching(/line 2, date: "25\/02\/2024".*line 3, date: "02\/25\/2024"/),
    });
    // Told the order, the dates that do not fit it are rejected rows.
    const told = await readOrderFile(file, { dateFormat: 'DD/MM/YYYY' });
    expect(told.rejections).toEqual([expect.objectContaining({ line: 3, field: 'date', code: 'BAD_DATE' })]);
  });

  it('reads birthdays in the same order', async () => {
    const read = await readOrderFile(
      csv(
        'customer,email,date,amount,birthday\na,a@x.com,2024-01-02,1,31/12/1990\nb,b@x.com,2024-01-02,1,01/02/1985\n',
      ),
    );
    expect(read.rejectedRows).toBe(0);
    expect(Array.from(read.log.customerBirthdays!)).toEqual(['1990-12-31', '1985-02-01'].map(dayFromIso));
  });

  it('reads a Shopify export saved again by a spreadsheet as the original', async () => {
    const original = await readOrderFile(fixturePath('shopify', 'orders_export.csv'));
    const forms = [
      (y: string, m: string, d: string, hh: string, mm: string) => `${strip(m)}/${strip(d)}/${y} ${strip(hh)}:${mm}`,
      (y: string, m: string, d: string, hh: string, mm: string) =>
        `${strip(m)}/${strip(d)}/${y} ${Number(hh) % 12 || 12}:${mm} ${Number(hh) < 12 ? 'AM' : 'PM'}`,
      (y: string, m: string, d: string, hh: string, mm: string) => `${strip(d)}.${strip(m)}.${y} ${hh}:${mm}`,
      (y: string, m: string, d: string, hh: string, mm: string) => `${y}-${m}-${d} ${hh}:${mm}`,
    ];
    for (const form of forms) {
      const read = await readOrderFile(resaved(form));
      expect(read.rejectedRows).toBe(0);
      expect(Array.from(read.log.orderDay)).toEqual(Array.from(original.log.orderDay));
      expect(Array.from(read.log.orderAmount)).toEqual(Array.from(original.log.orderAmount));
      expect(read.excluded).toEqual(original.excluded);
    }
  });
});
