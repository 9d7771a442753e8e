import { describe, expect, it } from 'vitest';
import type { RetentionReport } from '../report.types.js';
import { sampleReport, sparseReport } from './sample-report.fixtures.js';
import { renderTerminalReport } from './terminal-report.js';

const ESC = '\x1b';

describe('renderTerminalReport', () => {
  const text = renderTerminalReport(sampleReport, { color: false });

  it('shows the headline metrics with their formulas', () => {
    expect(text).toMatch(/Orders\s+41,200\s+distinct orders/);
    expect(text).toMatch(/Customers\s+20,000/);
    expect(text).toMatch(/Revenue\s+USD 2,636,800\s+sum of order totals/);
    expect(text).toMatch(/AOV\s+USD 64\.00\s+revenue \/ orders/);
    expect(text).toMatch(/Purchase frequency\s+2\.06\s+orders \/ customers/);
    expect(text).toMatch(/per year\s+1\.03\s+orders \/ customers \/ years observed/);
    expect(text).toMatch(/Repeat customer rate\s+41\.2%\s+customers with 2\+ orders \/ customers/);
    expect(text).toMatch(/Simple CLV\s+USD 158\.21\s+AOV x purchases per year x lifespan \(years\)/);
    expect(text).toContain('= USD 64.00 x 1.03 x 2.4 years (lifespan estimated from the data)');
  });

  it('shows the first 8 rows of the repeat curve and says how many more there are', () => {
    expect(text).toContain('P(order x+1) = customers with >= x+1 orders / customers with >= x orders');
    expect(text).toMatch(/^\s+1\s+20,000\s+41\.2%\s+█+$/m);
    expect(text).toMatch(/^\s+8\s+463\s+70\.0%\s+█+$/m);
    expect(text).not.toMatch(/^\s+9\s+324\s/m);
    expect(text).toContain('(6 more rows in the JSON and HTML reports)');
  });

  it('shows the median days to the second order, RFM counts, replenishment cycles and cross-sell pairs', () => {
    expect(text).toContain('Median time to the 2nd order: 47 days');
    expect(text).toMatch(/Champions\s+1,310\s+6\.6%\s+28\.4%/);
    expect(text).toMatch(/Lost\s+2,870\s+14\.4%\s+1\.6%/);
    expect(text).toMatch(/Coffee beans 1 kg\s+31 days\s+2,914 rebought\s+412 due now/);
    expect(text).not.toMatch(/Water filter cartridge\s+88 days/); // the sixth cycle: only five are listed
    expect(text).toContain('(1 more in the JSON and HTML reports)');
    expect(text).toContain('Espresso machine M1 -> Descaler 250 ml');
    expect(text).toContain('later order · lift 6.10 · confidence 32.4% · support 2.0% · 402 customers');
    expect(text).toContain('same order · lift 3.90');
  });

  it('shows rejected rows, excluded orders and the numbered actions', () => {
    expect(text).toContain('! 12 of 96,418 rows rejected');
    expect(text).toContain("line 418 INGEST_BAD_DATE created_at: '31/02/2024' is not a date");
    expect(text).toContain('(9 more; the JSON report lists the first 5)');
    expect(text).toContain('84 cancelled and 131 refunded orders excluded.');
    expect(text).toMatch(/^ {2}1\. 1,240 customers are due for a replenishment reminder/m);
    expect(text).toMatch(/^ {2}6\. 6,120 customers have not given/m);
  });

  it('shows a short predictions block: model, why, parameters, backtest, counts and the top 5 by CLV', () => {
    const flat = text.replace(/\s+/g, ' '); // long lines wrap where the width says
    expect(text).toContain('PREDICTIONS');
    expect(flat).toContain(
      'Model: Pareto/NBD (lowest holdout error of 3 models; calibration to 2024-12-31, holdout to 2025-06-30)',
    );
    expect(flat).toContain('r 0.561, alpha 7.91, s 1.58, beta 24.1 (time in weeks)');
    expect(flat).toContain(
      'Backtest: MAE 0.54 purchases per customer; predicted 6,732 vs actual 7,742 repeat purchases in the 26-week holdout',
    );
    expect(flat).toContain('Likely active 5,810 · at risk 4,502 · expected orders in the next 13 weeks 4,996');
    expect(text).toMatch(/cus_017530\s+6 orders\s+P\(alive\)\s+95%\s+CLV USD 4,258/);
    expect(text).toContain('cus_016788');
    expect(text).not.toContain('cus_015008'); // the sixth: only five are listed
    const none = renderTerminalReport({ ...sampleReport, models: null, modelsNote: null }, { color: false });
    expect(none).not.toContain('PREDICTIONS');
    expect(renderTerminalReport(sparseReport, { color: false })).toContain('The models need at least 20 customers');
    const withCurve = renderTerminalReport(
      {
        ...sparseReport,
        repeatCurvePredictions: {
          ...sampleReport.models!.customers,
          source: 'repeat-curve',
          counts: { customers: 3, likelyActive: 1, atRisk: 0, expectedOrdersNextQuarter: 0.75 },
        },
      },
      { color: false },
    );
    expect(withCurve.replace(/\s+/g, ' ')).toContain(
      'From the repeat curve: 1 of 3 customers likely to order again · expected orders in the next 13 weeks 0.8',
    );
  });

  it('uses ANSI colour only when asked', () => {
    expect(text).not.toContain(ESC);
    expect(text).toContain('HEADLINE');
    const colored = renderTerminalReport(sampleReport, { color: true });
    expect(colored).toContain(`${ESC}[1m`);
    expect(colored).toContain(`${ESC}[0m`);
    // Same content once the escape sequences are removed (headings change case only).
    expect(colored.replace(/\x1b\[\d+m/g, '').toLowerCase()).toBe(text.toLowerCase());
  });

  it('keeps every line within the given width', () => {
    for (const width of [60, 80, 120]) {
      for (const report of [sampleReport, sparseReport]) {
        const lines = renderTerminalReport(report, { color: false, width }).split('\n');
        const tooLong = lines.filter((line) => line.length > width);
        expect(tooLong, `width ${width}`).toEqual([]);
      }
    }
  });

  it('strips control characters from data so it cannot drive the terminal', () => {
    const hostile: RetentionReport = {
      ...sampleReport,
      source: { ...sampleReport.source, file: `orders${ESC}[2J.csv` },
      products: {
        ...sampleReport.products,
        replenishment: [{ ...sampleReport.products.replenishment[0], name: `Beans${ESC}]0;pwned\x07\r\nline` }],
      },
      actions: [{ kind: 'vip', customers: 1, text: `Call ${ESC}[31mnow\u009b` }],
    };
    const out = renderTerminalReport(hostile, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\x07');
    expect(out).not.toContain('\u009b');
    expect(out).toContain('orders[2J.csv');
    expect(out).toContain('Call [31mnow');
  });

  it('reads sensibly for a store with no repeat orders', () => {
    const out = renderTerminalReport(sparseReport, { color: false });
    expect(out).toContain('currency not given');
    expect(out).toMatch(/Revenue\s+120\.00/);
    expect(out).toContain('No customer has a repeat order yet.');
    expect(out).toContain('Median time to the 2nd order: no second orders yet');
    expect(out).toContain('No customers to score.');
    expect(out).toContain('Nothing stands out yet.');
    expect(out).not.toContain('rejected');
  });
});
