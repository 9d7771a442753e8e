/**
 * `regulars analyze` with the CDNOW split of Fader, Hardie & Lee (2005): calibration to 1997-09-30
 * (39 weeks), holdout to 1998-06-30 (weeks 40-78). The use case runs in process on the sample log;
 * the numbers are checked against the published fit and the published summary's holdout counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeOrderFile } from '../analyze-order-file.service.js';
import type { RetentionReport } from '../report.types.js';
import { readOrderFile } from '../ingest/order-file.reader.js';
import { renderHtmlReport } from '../report/html-report.js';
import { renderTerminalReport } from '../report/terminal-report.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { loadCdnowSummary } from './model.fixtures.js';

const PUBLISHED_BG_NBD = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const summary = loadCdnowSummary();
const total = (values: Float64Array): number => values.reduce((s, v) => s + v, 0);

describe('analyze CDNOW_sample.txt --calibration-end 1997-09-30 --holdout-end 1998-06-30', () => {
  let report: RetentionReport;
  beforeAll(async () => {
    report = await analyzeOrderFile(
      { readOrderFile },
      { path: fixturePath('cdnow', 'CDNOW_sample.txt'), calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' },
    );
  });

  it('fits the three models on the 2,357 customers; BG/NBD as published', () => {
    const m = report.models!;
    expect(report.modelsNote).toBeNull();
    expect(m).toMatchObject({
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
      timeUnit: 'week',
      calibrationCustomers: 2357,
      choiceRule: 'holdout-mae',
    });
    expect(m.table.map((r) => r.model)).toEqual(['bgnbd', 'mbgnbd', 'pareto-nbd']);
    const bg = m.table[0];
    for (const [k, v] of Object.entries(PUBLISHED_BG_NBD)) expect(Math.abs(bg.params[k] / v - 1), k).toBeLessThan(1e-3);
    expect(bg.logLikelihood).toBeCloseTo(-9582.429, 2);
    expect(bg.bic).toBeCloseTo(-2 * bg.logLikelihood + 4 * Math.log(2357), 9);
    expect(m.table[1].logLikelihood).toBeCloseTo(-9582.136, 2);
    expect(m.table[2].logLikelihood).toBeCloseTo(-9594.976, 2);
    for (const r of m.table) expect(r.converged).toBe(true);
    // BG/NBD's holdout MAE from the conditional expectation (FHL 2005 eq. 10) at the published
    // parameters, computed independently (SciPy's hyp2f1 over the published summary): 0.785454.
    expect(bg.holdoutMae!).toBeCloseTo(0.785454, 4);
    // The chosen model is the one with the lowest holdout error (Pareto/NBD on these data).
    const best = Math.min(...m.table.map((r) => r.holdoutMae!));
    expect(m.table.find((r) => r.model === m.chosen)!.holdoutMae).toBe(best);
    expect(m.chosen).toBe('pareto-nbd');
    // Gamma-Gamma on the 946 repeat customers, as published.
    expect(m.spend!.customers).toBe(946);
    expect(m.spend!.params.p).toBeCloseTo(6.249, 2);
    expect(m.spend!.params.q).toBeCloseTo(3.744, 2);
    expect(m.spend!.params.gamma).toBeCloseTo(15.44, 1);
    expect(m.warnings).toEqual([]);
  });

  it('backtests on weeks 40-78: actual purchases as in the published summary, predictions close', () => {
    const b = report.models!.backtest!;
    const holdoutTotal = total(summary.holdout);
    expect(holdoutTotal).toBe(1882);
    expect(b.holdoutWeeks).toBe(39);
    expect(b.totalActual).toBe(holdoutTotal);
    expect(b.mae).toBe(report.models!.table[2].holdoutMae);
    // Sum of the conditional expectations: 1,666 against 1,882 (the models under-forecast this
    // holdout: BG/NBD's sum is 1,653, as the independent computation above also gives).
    expect(Math.abs(b.totalPredicted / b.totalActual - 1)).toBeLessThan(0.12);
    // By calibration frequency: 0..6 and 7+, every customer in one row, and the means add up.
    expect(b.byFrequency.map((r) => r.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(b.byFrequency[7].pooled).toBe(true);
    expect(b.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(b.byFrequency.reduce((s, r) => s + r.actual * r.customers, 0)).toBeCloseTo(1882, 6);
    expect(b.byFrequency.reduce((s, r) => s + r.predicted * r.customers, 0)).toBeCloseTo(b.totalPredicted, 6);
    expect(b.byFrequency[0].customers).toBe(summary.x.filter((x) => x === 0).length);
  });

  it('tracks cumulative repeat purchases week by week as in FHL 2005, fig. 3', () => {
    const b = report.models!.backtest!;
    // The cohort first bought from 1997-01-01: 78 weeks to 1998-06-30, calibration ends after week 39.
    expect(b.tracking).toHaveLength(78);
    expect(b.tracking.map((p) => p.week)).toEqual(Array.from({ length: 78 }, (_, i) => i + 1));
    expect(b.calibrationEndWeek).toBe(39);
    // 2,457 repeat purchases in the calibration period (the published summary's sum of x), 1,882 after.
    expect(b.tracking[38].actual).toBe(total(summary.x));
    expect(b.tracking[38].actual).toBe(2457);
    expect(b.tracking[77].actual - b.tracking[38].actual).toBe(1882);
    for (let i = 1; i < 78; i++) {
      expect(b.tracking[i].actual).toBeGreaterThanOrEqual(b.tracking[i - 1].actual);
      expect(b.tracking[i].predicted).toBeGreaterThan(b.tracking[i - 1].predicted);
    }
    // The unconditional forecast of the whole cohort stays within a few percent of the actual curve.
    expect(Math.abs(b.tracking[38].predicted / 2457 - 1)).toBeLessThan(0.05);
    expect(Math.abs(b.tracking[77].predicted / b.tracking[77].actual - 1)).toBeLessThan(0.05);
  });

  it('predicts every customer at the as-of day and lists the most valuable and the most likely lost', () => {
    const c = report.models!.customers;
    expect(c).toMatchObject({
      asOf: '1998-06-30',
      horizonWeeks: 13,
      clvMonths: 12,
      monthlyDiscountRate: 0.01,
      spendSource: 'gamma-gamma',
    });
    expect(c.counts.customers).toBe(2357);
    expect(c.counts.likelyActive + c.counts.atRisk).toBeLessThanOrEqual(2357);
    expect(c.topByClv).toHaveLength(20);
    for (let i = 1; i < 20; i++) expect(c.topByClv[i].clv12m).toBeLessThanOrEqual(c.topByClv[i - 1].clv12m);
    for (const t of c.topByClv) {
      // 12 months of discounted purchases are worth more than the next quarter's, at most 4x + a margin.
      expect(t.clv12m).toBeGreaterThan(t.expectedPurchasesNextQuarter * t.expectedSpend * 0.9);
      expect(t.clv12m).toBeLessThan(t.expectedPurchasesNextQuarter * t.expectedSpend * 4.2);
    }
    expect(c.mostAtRisk).toHaveLength(20);
    for (const r of c.mostAtRisk) {
      expect(r.pAlive).toBeLessThan(0.5);
      expect(r.orders).toBeGreaterThanOrEqual(2);
      expect(Number.isInteger(r.daysSinceLastOrder)).toBe(true);
    }
    const lost = c.mostAtRisk.map((r) => r.spend * (1 - r.pAlive));
    for (let i = 1; i < lost.length; i++) expect(lost[i]).toBeLessThanOrEqual(lost[i - 1]);
  });

  it('renders the predictions with both backtest charts as SVG, and a terminal block', () => {
    const html = renderHtmlReport(report);
    const start = html.indexOf('<section id="predictions"');
    expect(start).toBeGreaterThan(0);
    const section = html.slice(start, html.indexOf('</section>', start));
    expect(section).toContain('Model: <strong>Pareto/NBD</strong> (lowest holdout error)');
    expect(section.match(/<figure class="chart">/g)).toHaveLength(2);
    expect(section.match(/<svg/g)).toHaveLength(4);
    expect(section).toContain('BG/NBD');
    const text = renderTerminalReport(report, { color: false });
    expect(text).toContain('PREDICTIONS');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'predicted 1,666 vs actual 1,882 repeat purchases in the 39-week holdout',
    );
  });
});
