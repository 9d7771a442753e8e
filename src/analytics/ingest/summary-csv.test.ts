import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSummaryFile } from './summary-csv.reader.js';
import { fixturePath, readCsvObjects } from '../../../test/support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-summary-'));
let n = 0;
function file(text: string | Buffer): string {
  const path = join(dir, `s${++n}.csv`);
  writeFileSync(path, text);
  return path;
}

describe('readSummaryFile', () => {
  it('reads the published CDNOW summary to the same doubles as Number()', async () => {
    const path = fixturePath('cdnow', 'cdnow_summary_weeks.csv');
    const read = await readSummaryFile(path, { kind: 'count' });
    const expected = readCsvObjects(path);
    expect(read.rejectedRows).toBe(0);
    expect(read.frequency.length).toBe(2357);
    expected.forEach((row, i) => {
      expect(read.customerIds.get(i)).toBe(row.customer_id);
      expect(read.frequency[i]).toBe(Number(row.frequency));
      expect(read.recency?.[i]).toBe(Number(row.recency));
      expect(read.span?.[i]).toBe(Number(row.T));
      expect(read.monetary?.[i]).toBe(Number(row.monetary_value));
    });
    expect(read.weights).toBeNull();
  });

  it('parses 17-digit values exactly, also when they repeat (the number cache)', async () => {
    const values = [30.428571428571427, 38.857142857142854, 1e-7, 0.1 + 0.2];
    let text = 'customer_id,frequency,recency,T\n';
    for (let k = 0; k < 50; k++) for (const v of values) text += `c${k}-${v},1,${v},${values[1]}\n`;
    const read = await readSummaryFile(file(text), { kind: 'count' });
    expect(read.rejectedRows).toBe(0);
    for (let i = 0; i < read.frequency.length; i++) expect(read.recency?.[i]).toBe(values[i % values.length]);
  });

  it('takes a byte-order mark, CRLF, quoted ids, spaces, other columns in any order and header spellings', async () => {
    const text =
      '\uFEFFT,Customer ID,recency,frequency,holdout_frequency\r\n 5 ,"x, y",2,1,0\r\n4,"say ""hi""",0,0,3\r\n\r\n';
    const read = await readSummaryFile(file(text), { kind: 'count' });
    expect(read.rejections).toEqual([]);
    expect([read.customerIds.get(0), read.customerIds.get(1)]).toEqual(['x, y', 'say "hi"']);
    expect(Array.from(read.span ?? [])).toEqual([5, 4]);
    expect(read.monetary).toBeNull();
  });

  it('numbers BG/BB rows when there is no customer_id, and reads weights', async () => {
    const read = await readSummaryFile(file('frequency,recency,periods,weights\n0,0,6,3464\n1,x,6,5\n1,1,6,1091\n'), {
      kind: 'discrete',
    });
    expect([read.customerIds.get(0), read.customerIds.get(1)]).toEqual(['1', '3']);
    expect(Array.from(read.weights ?? [])).toEqual([3464, 1091]);
    expect(read.rejections).toEqual([
      { line: 3, field: 'recency', code: 'BAD_NUMBER', reason: 'expected a number >= 0, found "x"' },
    ]);
  });

  it('needs only customer_id, frequency and monetary_value for Gamma-Gamma', async () => {
    const read = await readSummaryFile(file('customer_id,frequency,monetary_value\na,2,10.5\nb,0,0\n'), {
      kind: 'spend',
    });
    expect(read.recency).toBeNull();
    expect(Array.from(read.monetary ?? [])).toEqual([10.5, 0]);
  });

  it('reads a record longer than its first buffer', async () => {
    const id = 'i'.repeat(9 << 20);
    const read = await readSummaryFile(file(`customer_id,frequency,recency,T\n${id},1,1,2\nb,0,0,2\n`), {
      kind: 'count',
    });
    expect(read.customerIds.get(0)).toBe(id);
    expect(read.customerIds.get(1)).toBe('b');
  });

  it('fails on an empty file and a header-only file reads no rows', async () => {
    await expect(readSummaryFile(file(''), { kind: 'count' })).rejects.toThrow('is empty');
    const read = await readSummaryFile(file('customer_id,frequency,recency,T\n'), { kind: 'count' });
    expect(read.frequency.length).toBe(0);
  });
});
