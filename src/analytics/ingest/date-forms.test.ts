import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../day.js';
import { DateOrderEvidence, dateOrderOfFormat, DateOrderUnknown, parseDay } from './date-forms.js';

function evidence(values: readonly string[]): DateOrderEvidence {
  const e = new DateOrderEvidence();
  values.forEach((v, i) => e.add(v, i + 2, 'order_date'));
  return e;
}

describe('date forms', () => {
  it('reads the forms spreadsheets write, with or without a time, seconds or AM/PM', () => {
    const d = dayFromIso('2025-06-25');
    for (const t of [
      '6/25/2025 11:34',
      '6/25/2025 11:34:05',
      '6/25/2025 11:34 PM',
      '06/25/2025 9:05 am',
      '6/25/2025',
      '06-25-2025',
    ])
      expect(parseDay(t, 'month-first'), t).toBe(d);
    for (const t of ['25.6.2025 11:34', '25.06.2025 23:05:59', '25/06/2025', '25-6-2025'])
      expect(parseDay(t, 'day-first'), t).toBe(d);
    for (const t of [
      '2025-06-25 11:34',
      '2025-6-25 9:05',
      '2025/06/25 11:34:00',
      '2025.06.25',
      '20250625',
      '2025-06-25T11:34:00-05:00',
    ])
      expect(parseDay(t), t).toBe(d);
  });

  it('never guesses the order of a date with the year last', () => {
    expect(() => parseDay('05/02/2024')).toThrow(DateOrderUnknown);
    expect(parseDay('05/02/2024', 'day-first')).toBe(dayFromIso('2024-02-05'));
    expect(parseDay('05/02/2024', 'month-first')).toBe(dayFromIso('2024-05-02'));
    // YYYY-MM-DD given: only dates with the year first are dates.
    expect(parseDay('05/02/2024', 'year-first')).toBeNaN();
    expect(parseDay('2024-05-02', 'year-first')).toBe(dayFromIso('2024-05-02'));
  });

  it('maps --date-format to an order', () => {
    expect(dateOrderOfFormat(undefined)).toBeNull();
    expect(dateOrderOfFormat('auto')).toBeNull();
    expect(dateOrderOfFormat('DD/MM/YYYY')).toBe('day-first');
    expect(dateOrderOfFormat('DD.MM.YYYY')).toBe('day-first');
    expect(dateOrderOfFormat('MM/DD/YYYY')).toBe('month-first');
    expect(dateOrderOfFormat('YYYY-MM-DD')).toBe('year-first');
    expect(() => dateOrderOfFormat('D/M/Y')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('the order of day and month, from the whole column', () => {
  it('is day first when some first part is above 12, wherever it is in the column', () => {
    expect(evidence(['05/02/2024', '06/02/2024', '01/03/2024 10:00', '25/03/2024']).decide('f.csv')).toBe('day-first');
  });

  it('is month first when some second part is above 12', () => {
    expect(evidence(['6/2/2025 11:34', '6/25/2025 11:34', '7/1/2025']).decide('f.csv')).toBe('month-first');
  });

  it('ignores dates with the year first', () => {
    expect(evidence(['2024-12-31', '2024-01-13', '1/13/2024']).decide('f.csv')).toBe('month-first');
  });

  it('refuses a column that says both, naming both lines', () => {
    const e = evidence(['05/02/2024', '25/02/2024', '02/25/2024']);
    expect(() => e.decide('f.csv')).toThrow(
      expect.objectContaining({
        code: 'MIXED_DATE_ORDERS',
        message: expect.stringMatching(/line 3, order_date: "25\/02\/2024".*line 4, order_date: "02\/25\/2024"/),
      }),
    );
  });

  it('refuses a column that cannot tell, with an example line and the option to pass', () => {
    const e = evidence(['05/02/2024', '06/02/2024 10:00', '12/12/2024']);
    expect(() => e.decide('f.csv')).toThrow(
      expect.objectContaining({
        code: 'AMBIGUOUS_DATES',
        message: expect.stringMatching(/order_date.*line 2, order_date: "05\/02\/2024".*--date-format DD\/MM\/YYYY/),
      }),
    );
  });
});
