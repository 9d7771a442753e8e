import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../src/ingest/csv-parser.js';
import { parseAmount, parseBoolean, parseDay } from '../../src/ingest/field-parsers.js';
import { dayFromIso } from '../../src/domain/analytics/day.js';

function parseInChunks(text: string, size: number): [string[], number][] {
  const records: [string[], number][] = [];
  const parser = new CsvParser((f, line) => records.push([f, line]));
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.end();
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
});

describe('cell parsers', () => {
  it('reads the day as written in every supported date form', () => {
    const d = dayFromIso('2024-03-01');
    for (const t of ['2024-03-01', '2024-03-01 23:59:59', '2024-03-01T23:30:00-05:00', '2024-03-01T01:00:00Z', '2024/03/01', '20240301', '03/01/2024', '01.03.2024', ' 2024-03-01 ']) {
      expect(parseDay(t), t).toBe(d);
    }
    for (const t of ['', 'yesterday', '2024-3-1', '2024-02-30', '13/01/2024', '2024-03-01x']) expect(parseDay(t), t).toBeNaN();
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
