import { describe, expect, it } from 'vitest';
import { CsvRecordParser } from './csv-records.js';
import {
  fieldAmount,
  fieldBoolean,
  fieldDay,
  fieldQuantity,
  parseAmount,
  parseBoolean,
  parseDay,
} from './field-parsers.js';
import { dayFromIso } from '../day.js';

/** Feeds the parser as the file reader does: whatever it did not consume is kept for the next read. */
function parseInChunks(text: string, size: number, delimiter: ',' | 'whitespace' = ','): [string[], number][] {
  const records: [string[], number][] = [];
  const parser = new CsvRecordParser((r) => records.push([r.all(), r.line]), delimiter);
  const bytes = Buffer.from(text);
  let pending = Buffer.alloc(0);
  for (let i = 0; i < bytes.length; i += size) {
    const buf = Buffer.concat([pending, bytes.subarray(i, i + size)]);
    const last = i + size >= bytes.length;
    const consumed = parser.parse(buf, 0, buf.length, last);
    pending = buf.subarray(consumed);
  }
  return records;
}

describe('CSV parser', () => {
  const text = 'a,b,c\r\n1,"x, ""quoted""",3\n2,"multi\nline",4\n\n5,,\n6,"end"';
  const expected: [string[], number][] = [
    [['a', 'b', 'c'], 1],
    [['1', 'x, "quoted"', '3'], 2],
    [['2', 'multi\nline', '4'], 3],
    [['5', '', ''], 6],
    [['6', 'end'], 7],
  ];

  it('handles quotes, doubled quotes, line breaks in fields, CRLF and a missing final newline', () => {
    expect(parseInChunks(text, text.length)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (let size = 1; size <= 12; size++) expect(parseInChunks(text, size)).toEqual(expected);
  });

  it('reads records of any width', () => {
    const wide = Array.from({ length: 150 }, (_, i) => `c${i}`);
    const text = `${wide.join(',')}\n${wide.map((_, i) => i).join(',')}\n`;
    const [[header], [values]] = parseInChunks(text, 64);
    expect(header).toEqual(wide);
    expect(values[149]).toBe('149');
  });

  it('keeps multi-byte characters whole across chunk boundaries', () => {
    const utf8 = 'name,city\nZoë,Köln\n"Crème, brûlée",Zürich\n';
    for (let size = 1; size <= 8; size++) {
      expect(parseInChunks(utf8, size).map(([f]) => f)).toEqual([
        ['name', 'city'],
        ['Zoë', 'Köln'],
        ['Crème, brûlée', 'Zürich'],
      ]);
    }
  });

  it('splits whitespace logs on runs of spaces and tabs', () => {
    expect(parseInChunks(' 00001 0001  19970101  2   29.33\n\t00002\t0002 19970102 1 9\n', 5, 'whitespace')).toEqual([
      [['00001', '0001', '19970101', '2', '29.33'], 1],
      [['00002', '0002', '19970102', '1', '9'], 2],
    ]);
  });
});

describe('cell parsers', () => {
  it('reads the day as written in every supported date form', () => {
    const d = dayFromIso('2024-03-01');
    for (const t of [
      '2024-03-01',
      '2024-03-01 23:59:59',
      '2024-03-01T23:30:00-05:00',
      '2024-03-01T01:00:00Z',
      '2024/03/01',
      '20240301',
      ' 2024-03-01 ',
      '2024-3-1 9:05',
    ]) {
      expect(parseDay(t), t).toBe(d);
    }
    expect(parseDay('03/01/2024', 'month-first')).toBe(d);
    expect(parseDay('01.03.2024', 'day-first')).toBe(d);
    for (const t of ['', 'yesterday', '2024-02-30', '2024-03-01x', '2024-03/01', '1/2/24', '123/1/2024'])
      expect(parseDay(t), t).toBeNaN();
    expect(parseDay('13/01/2024', 'month-first')).toBeNaN();
  });

  it('reads money with symbols and thousands separators, and nothing else', () => {
    expect(parseAmount('12.5')).toBe(12.5);
    expect(parseAmount('-3')).toBe(-3);
    expect(parseAmount('$1,234.50')).toBe(1234.5);
    expect(parseAmount('-€1,000')).toBe(-1000);
    for (const t of ['', 'ten', '1,2', '12.5.1', '$']) expect(parseAmount(t), t).toBeNaN();
  });

  it('reads yes/no cells', () => {
    expect(parseBoolean('TRUE')).toBe(1);
    expect(parseBoolean('no')).toBe(0);
    expect(parseBoolean('')).toBe(-1);
    expect(parseBoolean('maybe')).toBeNull();
  });
});

describe('cell parsers on raw bytes', () => {
  /** One record holding the given cells, parsed on the fast (unquoted) path. */
  function record(cells: string[]) {
    let got: import('./csv-records.js').CsvRecord | null = null;
    const parser = new CsvRecordParser((r) => {
      got = r;
    });
    const bytes = Buffer.from(`${cells.join(',')}\n`);
    parser.parse(bytes, 0, bytes.length, true);
    return got!;
  }

  it('reads amounts exactly as Number() does, and the same values as the text parser', () => {
    const cells = [
      '0',
      '12.5',
      '-3.07',
      '1234567.89',
      '0.1',
      '19.99',
      '00012.50',
      '999999999999999',
      '1e3',
      '$1234.50',
      '€12',
      '',
      '.',
      '-',
      '1.2.3',
      'ten',
      '12345678901234567',
    ];
    const r = record(cells);
    cells.forEach((c, i) => {
      const expected = parseAmount(c);
      if (Number.isNaN(expected)) expect(fieldAmount(r, i), c).toBeNaN();
      else expect(fieldAmount(r, i), c).toBe(expected);
    });
    // Many random cents values, against JavaScript's own decimal parsing.
    const many = Array.from({ length: 2000 }, (_, k) => ((k * 7919) % 1_000_000) / 100).map((v) => v.toFixed(2));
    const rm = record(many);
    many.forEach((c, i) => expect(fieldAmount(rm, i)).toBe(Number(c)));
  });

  it('reads dates, quantities and yes/no cells like the text parsers', () => {
    const cells = ['2024-03-01', '2024-03-01 10:00:00', '2024-02-30', '2024-03-01x', '03/01/2024', 'x'];
    const r = record(cells);
    cells.forEach((c, i) => {
      const expected = parseDay(c, 'month-first');
      if (Number.isNaN(expected)) expect(fieldDay(r, i, 'month-first'), c).toBeNaN();
      else expect(fieldDay(r, i, 'month-first'), c).toBe(expected);
    });
    const q = record(['', '3', '1.5', 'x']);
    expect([0, 1, 2].map((i) => fieldQuantity(q, i))).toEqual([1, 3, 1.5]);
    expect(fieldQuantity(q, 3)).toBeNaN();
    const b = record(['true', 'false', '', 'Yes', 'maybe']);
    expect([0, 1, 2, 3, 4].map((i) => fieldBoolean(b, i))).toEqual([1, 0, -1, 1, null]);
  });
});
