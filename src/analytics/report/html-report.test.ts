import { describe, expect, it } from 'vitest';
import type { RetentionReport } from '../report.types.js';
import { sampleReport, sparseReport } from './sample-report.fixtures.js';
import { escapeHtml, renderHtmlReport } from './html-report.js';

const SECTION_IDS = [
  'headline',
  'data-quality',
  'next-steps',
  'repeat-curve',
  'time-between-orders',
  'cohorts',
  'growth',
  'best-customers',
  'rfm',
  'predictions',
  'products',
  'cross-sell',
];

const EVIL = '<script>alert(1)</script>';

/** The sample report with hostile text in every field a renderer prints verbatim. */
function hostileReport(): RetentionReport {
  const r = sampleReport;
  return {
    ...r,
    source: { ...r.source, file: `"><img src=x onerror=alert(1)>.csv`, currency: '<b>' },
    formulas: { ...r.formulas, aov: `revenue / orders ${EVIL}` },
    clvSimple: { ...r.clvSimple, formula: `AOV ${EVIL}` },
    rejections: [{ line: 7, field: `<i>total</i>`, code: 'INGEST_BAD_AMOUNT', reason: `'${EVIL}' is not a number` }],
    repeatCurve: r.repeatCurve,
    rfm: {
      method: `quintiles ${EVIL}`,
      segments: r.rfm.segments.map((s, i) => (i === 0 ? { ...s, name: EVIL, rule: `R > 4 & F < 2` } : s)),
    },
    products: {
      dueCustomers: r.products.dueCustomers,
      replenishment: [{ ...r.products.replenishment[0], name: EVIL, sku: `<sku>` }],
      repeatRateByFirstProduct: [{ ...r.products.repeatRateByFirstProduct[0], name: EVIL }],
    },
    crossSell: [{ ...r.crossSell[0], fromName: EVIL, toName: `</td></tr></table><script>x()</script>` }],
    models: {
      ...r.models!,
      warnings: [`spend ${EVIL}`],
      customers: {
        ...r.models!.customers,
        topByClv: [{ ...r.models!.customers.topByClv[0], customerId: EVIL }],
        mostAtRisk: [{ ...r.models!.customers.mostAtRisk[0], customerId: `<b>lost</b>` }],
      },
    },
    cohorts: { ...r.cohorts, rows: r.cohorts.rows.map((c, i) => (i === 0 ? { ...c, cohort: EVIL } : c)) },
    growth: r.growth.map((g, i) => (i === 1 ? { ...g, period: EVIL } : g)),
    actions: [{ kind: 'replenishment', customers: 3, text: `Remind ${EVIL} buyers` }],
  };
}

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(sampleReport);

  it('is a complete, phone-ready HTML document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Retention report — demo/orders.csv</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has every section, each linked from the table of contents', () => {
    for (const id of SECTION_IDS) {
      expect(html).toContain(`<section id="${id}"`);
      expect(html).toContain(`<a href="#${id}">`);
    }
  });

  it('shows the header facts', () => {
    expect(html).toContain('<h1>demo/orders.csv</h1>');
    expect(html).toContain('2025-06-30');
    expect(html).toContain('2023-07-01 to 2025-06-30');
    expect(html).toContain('<dd>USD</dd>');
    expect(html).toContain('96,418');
  });

  it('shows each headline metric with its formula', () => {
    const headline = sectionOf(html, 'headline');
    for (const text of [
      '41,200',
      '20,000',
      'Revenue (USD)',
      '2,636,800',
      'Average order value (USD)',
      '64.00',
      'revenue / orders',
      '2.06',
      'orders / customers',
      '1.03 per year',
      '41.2%',
      'customers with 2+ orders / customers',
      'Simple CLV (USD)',
      '158.21',
      'AOV x purchases per year x lifespan (years)',
      '= USD\u00a064.00 × 1.03 × 2.4 years (lifespan estimated from the data)',
    ]) {
      expect(headline).toContain(text);
    }
  });

  it('falls back to built-in formulas when the report has none', () => {
    const headline = sectionOf(renderHtmlReport(sparseReport), 'headline');
    expect(headline).toContain('revenue / orders');
    expect(headline).toContain('lifespan given with --lifespan');
  });

  it('reports rejected rows with line, field, code and reason, and excluded orders', () => {
    const section = sectionOf(html, 'data-quality');
    expect(section).toContain('12 rows were rejected');
    expect(section).toContain('The first 5 are listed below');
    expect(section).toContain('20,114');
    expect(section).toContain('(whole row)');
    expect(section).toContain('<code>INGEST_COLUMN_COUNT</code>');
    expect(section).toContain(escapeHtml("'31/02/2024' is not a date"));
    expect(section).toContain('84 cancelled and 131 refunded orders are excluded');
  });

  it('lists the actions in order', () => {
    const section = sectionOf(html, 'next-steps');
    const positions = sampleReport.actions.map((a) => section.indexOf(escapeHtml(a.text)));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows the repeat curve as chart and table', () => {
    const section = sectionOf(html, 'repeat-curve');
    expect(section).toContain('<svg');
    expect(section).toContain('41.2%');
    expect(section).toContain('20,000');
    // The chart labels each bar with its probability.
    expect(section).toMatch(/<text[^>]*>41%<\/text>/);
  });

  it('shows time between orders, cohorts, growth, best customers, RFM, products and cross-sell figures', () => {
    expect(sectionOf(html, 'time-between-orders')).toContain('47 days');
    expect(sectionOf(html, 'time-between-orders')).toContain('5+ → next');
    const cohorts = sectionOf(html, 'cohorts');
    expect(cohorts).toContain('<svg');
    expect(cohorts).toContain('Month 12');
    expect(cohorts).toMatch(/<text[^>]*>2025-06<\/text>/);
    const growth = sectionOf(html, 'growth');
    expect(growth).toMatch(/<text[^>]*>Frequency<\/text>/);
    expect(growth).toContain('2025-Q2');
    expect(sectionOf(html, 'best-customers')).toContain('39.6%');
    const rfm = sectionOf(html, 'rfm');
    expect(rfm).toContain('R 4-5, F 4-5');
    expect(rfm).toMatch(/<text[^>]*>Potential loyalists<\/text>/);
    const products = sectionOf(html, 'products');
    expect(products).toContain('Toothbrush heads (4 pack)');
    expect(products).toContain('58.0%');
    const crossSell = sectionOf(html, 'cross-sell');
    expect(crossSell).toContain('Espresso machine M1 <span class="arrow">→</span> Descaler 250 ml');
    expect(crossSell).toContain('Later order');
    expect(crossSell).toContain('6.10');
  });

  it('draws every chart as inline SVG, twice (phone and wide), scalable through its viewBox', () => {
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    // repeat curve, time between orders, cohort heatmap, growth, RFM, backtest by frequency, tracking.
    expect(svgs).toHaveLength(14);
    for (const svg of svgs) expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(html.match(/class="chart-narrow"/g)).toHaveLength(7);
    expect(html.match(/class="chart-wide"/g)).toHaveLength(7);
    expect(html).toContain('.chart svg{display:block;width:100%;height:auto}');
    expect(html).not.toMatch(/<img\b/i);
  });

  it('references no external resource and ships no script', () => {
    for (const report of [sampleReport, sparseReport, hostileReport()]) {
      const page = renderHtmlReport(report);
      expect(page).not.toMatch(/\b(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
      expect(page).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
      expect(page).not.toMatch(/@import|<link\b|<iframe\b|<object\b|<embed\b/i);
      expect(page).not.toMatch(/<script\b/i);
    }
  });

  it('escapes every text taken from the data', () => {
    const page = renderHtmlReport(hostileReport());
    expect(page).not.toMatch(/<script\b/i);
    expect(page).not.toMatch(/<img\b/i);
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<i>total</i>');
    expect(page).not.toContain('<sku>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.csv');
    expect(page).toContain('R &gt; 4 &amp; F &lt; 2');
    expect(page).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;');
    expect(page).toContain('Remind &lt;script&gt;');
    expect(sectionOf(page, 'predictions')).toContain('&lt;b&gt;lost&lt;/b&gt;');
    expect(sectionOf(page, 'predictions')).toContain('spend &lt;script&gt;');
  });

  it('formats numbers with grouping, fixed decimals, percentages and the currency code', () => {
    expect(html).toContain('2,636,800');
    expect(html).toContain('USD\u00a064.00');
    expect(html).toContain('41.2%');
    const sparse = renderHtmlReport(sparseReport);
    expect(sparse).toContain('<dd>not given</dd>');
    expect(sectionOf(sparse, 'headline')).toContain('120.00');
    expect(sparse).not.toContain('USD');
  });

  it('says so when a section has no data, and draws no empty chart', () => {
    const page = renderHtmlReport(sparseReport);
    for (const id of SECTION_IDS) expect(page).toContain(`<section id="${id}"`);
    expect(page).not.toContain('<svg');
    expect(sectionOf(page, 'data-quality')).toContain('none was rejected');
    expect(sectionOf(page, 'data-quality')).toContain('No cancelled or refunded orders');
    expect(sectionOf(page, 'next-steps')).toContain('Nothing stands out yet');
    expect(sectionOf(page, 'repeat-curve')).toContain('No customer has a repeat order yet');
    expect(sectionOf(page, 'time-between-orders')).toContain('no gaps to show');
    expect(sectionOf(page, 'cohorts')).toContain('No cohorts yet');
    expect(sectionOf(page, 'growth')).toContain('at least two periods');
    expect(sectionOf(page, 'best-customers')).toContain('Too few customers');
    expect(sectionOf(page, 'rfm')).toContain('No RFM segments');
    expect(sectionOf(page, 'products')).toContain('No product has enough repeat purchases');
    expect(sectionOf(page, 'products')).toContain('No product data');
    expect(sectionOf(page, 'cross-sell')).toContain('No product pairs');
    expect(sectionOf(page, 'predictions')).toContain('The models need at least 20 customers');
    expect(sectionOf(page, 'predictions')).not.toContain('From the repeat curve');
    const withCurve = renderHtmlReport({
      ...sparseReport,
      repeatCurvePredictions: {
        ...sampleReport.models!.customers,
        source: 'repeat-curve',
        counts: { customers: 3, likelyActive: 1, atRisk: 0, expectedOrdersNextQuarter: 0.75 },
      },
    });
    expect(sectionOf(withCurve, 'predictions')).toContain(
      'From the repeat curve: 1 of 3 customers likely to order again · expected orders in the next 13 weeks 0.8.',
    );
  });

  it('shows the predictions: the chosen model, the comparison, the backtest and the customer lists', () => {
    const p = sectionOf(html, 'predictions');
    expect(p).toContain('Model: <strong>Pareto/NBD</strong> (lowest holdout error)');
    expect(p).toContain('<strong>2024-12-31</strong> (15,412 customers)');
    expect(p).toContain('26 weeks after it, up to 2025-06-30');
    // The model table marks the chosen row; parameters to 3 significant digits, Greek names.
    expect(p).toMatch(/<strong>Pareto\/NBD<\/strong> <span class="tag">chosen<\/span>/);
    expect(p).toContain('r 0.203 · α 2.87 · a 1.01 · b 3.11');
    expect(p).toContain('r 0.561 · α 7.91 · s 1.58 · β 24.1');
    expect(p).toContain('0.5407');
    expect(p).toContain('-60,797.9');
    // Counts and the backtest totals.
    expect(p).toContain('5,810');
    expect(p).toContain('4,502');
    expect(p).toContain('The other 9,688 customers bought once');
    expect(p).toContain('expected <strong>6,732</strong> repeat purchases');
    expect(p).toContain('they made <strong>7,742</strong> (−13.1% vs actual)');
    expect(p).toContain('7+');
    // Charts: both backtest charts, with the calibration end marked.
    expect(p.match(/<figure class="chart">/g)).toHaveLength(2);
    expect(p).toMatch(/<text[^>]*>holdout<\/text>/);
    // Customer lists, with CLV assumptions stated.
    expect(p).toContain('cus_017530');
    expect(p).toContain('4,257.70');
    expect(p).toContain('cus_004358');
    expect(p).toContain('3,372.45');
    expect(p).toContain('&lt; 0.1%'); // P(alive) 0.0004
    expect(p).toContain('discounted 1% a month');
    expect(p).toContain('Gamma-Gamma model (<span class="formula">p 7.02 · q 2.68 · γ 9.86</span>');
  });

  it('explains a BIC choice, a spend fallback and warnings, and leaves the section out with --model none', () => {
    const m = sampleReport.models!;
    const bic = renderHtmlReport({
      ...sampleReport,
      models: {
        ...m,
        holdoutEnd: null,
        choiceRule: 'bic',
        backtest: null,
        spend: null,
        table: m.table.map((r) => ({ ...r, holdoutMae: null })),
        customers: { ...m.customers, spendSource: 'average-order-value' },
        warnings: ['Expected spend and CLV use each customer’s own average order value'],
      },
    });
    const p = sectionOf(bic, 'predictions');
    expect(p).toContain('(lowest BIC)');
    expect(p).toContain('<code>--holdout-end</code>');
    expect(p).not.toContain('Holdout MAE');
    expect(p).not.toContain('<figure');
    expect(p).toContain('own average order value as expected spend');
    expect(p).toContain('<div class="notice" role="note"><ul class="warnings"><li>Expected spend and CLV');
    const none = renderHtmlReport({ ...sampleReport, models: null, modelsNote: null });
    expect(none).not.toContain('<section id="predictions"');
    expect(none).not.toContain('href="#predictions"');
  });

  it('caps long lists and says where the rest is', () => {
    const many: RetentionReport = {
      ...sampleReport,
      crossSell: Array.from({ length: 40 }, (_, i) => ({ ...sampleReport.crossSell[0], toName: `Accessory ${i}` })),
      repeatCurve: Array.from({ length: 30 }, (_, i) => ({
        orders: i + 1,
        customers: 1000 - i * 30,
        probabilityNext: 0.5,
      })),
    };
    const page = renderHtmlReport(many);
    expect(page).toContain('Showing 25 of 40');
    expect(page).not.toContain('Accessory 25');
    expect(sectionOf(page, 'repeat-curve')).toContain('15 more rows');
  });

  it('stays small: well under 1 MB for a two-year store', () => {
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(400_000);
  });
});

/** The markup of one section, so assertions cannot be satisfied by text elsewhere on the page. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = page.indexOf('</section>', start);
  return page.slice(start, end);
}
