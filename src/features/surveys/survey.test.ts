import { describe, expect, it } from 'vitest';
import { csatOf, npsOf, ratingOf, surveyReport, surveyScore, yesNoOf } from './survey.js';

describe('survey arithmetic', () => {
  it('NPS is % promoters (9-10) minus % detractors (0-6), from the counts', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50% - 20% = 30.
    expect(npsOf([10, 9, 9, 10, 9, 8, 7, 7, 6, 0])).toEqual({
      answers: 10,
      promoters: 5,
      passives: 3,
      detractors: 2,
      nps: 30,
    });
    // 1 promoter of 3, no detractor: 33.3 (one decimal).
    expect(npsOf([9, 7, 8]).nps).toBe(33.3);
    // 2 detractors of 3: -66.7, rounded away from zero.
    expect(npsOf([0, 6, 8]).nps).toBe(-66.7);
    expect(npsOf([10, 10]).nps).toBe(100);
    expect(npsOf([0, 1, 2]).nps).toBe(-100);
  });

  it('no answers: null, not 0; all passives: 0', () => {
    expect(npsOf([])).toEqual({ answers: 0, promoters: 0, passives: 0, detractors: 0, nps: null });
    expect(npsOf([7, 8, 7, 8]).nps).toBe(0);
    expect(csatOf([])).toEqual({ answers: 0, satisfied: 0, csat: null, average: null });
    expect(ratingOf([]).average).toBeNull();
    expect(yesNoOf([]).yesShare).toBeNull();
  });

  it('CSAT is the % of 4-5 answers; ratings average and distribution; checkout % yes', () => {
    expect(csatOf([5, 4, 3, 1])).toEqual({ answers: 4, satisfied: 2, csat: 50, average: 3.25 });
    expect(csatOf([4, 5, 5]).csat).toBe(100);
    expect(ratingOf([5, 5, 4, 1])).toEqual({ answers: 4, average: 3.75, distribution: [1, 0, 0, 1, 2] });
    expect(yesNoOf([1, 1, 0])).toEqual({ answers: 3, yes: 2, yesShare: 66.7 });
  });

  it('scores only the answers a question takes', () => {
    expect(surveyScore('nps', '0')).toBe(0);
    expect(surveyScore('nps', '10')).toBe(10);
    expect(surveyScore('nps', '11')).toBeNull();
    expect(surveyScore('nps', '07')).toBeNull();
    expect(surveyScore('csat', '0')).toBeNull();
    expect(surveyScore('rating', '5')).toBe(5);
    expect(surveyScore('checkout_easy', 'yes')).toBe(1);
    expect(surveyScore('checkout_easy', 'no')).toBe(0);
    expect(surveyScore('checkout_easy', 'maybe')).toBeNull();
  });

  it('the report: NPS and CSAT by UTC month, totals, NPS by segment (empty segments too)', () => {
    const f = (customerId: string, question: 'nps' | 'csat' | 'rating', score: number, answeredAt: string) => ({
      customerId,
      question,
      score,
      answeredAt,
    });
    const report = surveyReport(
      [
        f('a', 'nps', 10, '2026-01-31T23:30:00-01:00'), // February in UTC
        f('b', 'nps', 3, '2026-01-15T10:00:00Z'),
        f('c', 'nps', 9, '2026-02-03T10:00:00Z'),
        f('a', 'csat', 5, '2026-02-04T10:00:00Z'),
        f('b', 'rating', 4, '2026-03-04T10:00:00Z'),
      ],
      [
        { id: 'seg_vip', name: 'VIP' },
        { id: 'seg_new', name: 'New' },
      ],
      new Map([['seg_vip', new Set(['a', 'b'])]]),
    );
    expect(report.months.map((m) => [m.month, m.nps.nps, m.csat.csat])).toEqual([
      ['2026-01', -100, null],
      ['2026-02', 100, 100],
    ]);
    expect(report.total.nps).toMatchObject({ answers: 3, promoters: 2, detractors: 1, nps: 33.3 });
    expect(report.total.rating.average).toBe(4);
    expect(report.npsBySegment).toEqual([
      { segmentId: 'seg_vip', name: 'VIP', nps: { answers: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 } },
      { segmentId: 'seg_new', name: 'New', nps: { answers: 0, promoters: 0, passives: 0, detractors: 0, nps: null } },
    ]);
  });
});
