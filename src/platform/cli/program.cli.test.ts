import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, readCsvObjects } from '../../../test/support/fixtures.js';
import { realBinaryInRun, runCli, runCliProcess } from '../../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-'));

describe('regulars CLI', () => {
  it.each(['analyze', 'summary', 'generate', 'demo'])('has --help for %s', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: regulars ${command}`);
  });

  it('lists its commands', async () => {
    const run = await runCli(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['analyze', 'summary', 'generate', 'demo']) expect(run.stdout).toContain(command);
  });

  it('writes the CDNOW summary with a holdout', async () => {
    const out = join(dir, 'summary.csv');
    const run = await runCli([
      'summary',
      fixturePath('cdnow', 'CDNOW_sample.txt'),
      '--time-unit',
      'week',
      '--calibration-end',
      '1997-09-30',
      '--holdout-end',
      '1998-06-30',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('wrote 2357 customers');
    expect(run.stdout).toContain('6919 rows read, 0 rejected');
    const rows = readCsvObjects(out);
    expect(Object.keys(rows[0])).toEqual([
      'customer_id',
      'frequency',
      'recency',
      'T',
      'monetary_value',
      'holdout_frequency',
      'holdout_monetary_value',
    ]);
    expect(rows[0]).toMatchObject({ customer_id: '1', frequency: '2', holdout_frequency: '1' });
  });

  it('analyzes a Shopify export into terminal, JSON and HTML reports', async () => {
    const json = join(dir, 'shopify.json');
    const html = join(dir, 'shopify.html');
    const run = await runCli(['analyze', fixturePath('shopify', 'orders_export.csv'), '--json', json, '--html', html]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('AOV');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    for (const key of [
      'orders',
      'customers',
      'revenue',
      'aov',
      'purchaseFrequency',
      'repeatCustomerRate',
      'clvSimple',
      'rejectedRows',
      'repeatCurve',
      'cohorts',
      'rfm',
      'products',
      'crossSell',
    ]) {
      expect(report, key).toHaveProperty(key);
    }
    expect(report).toMatchObject({
      orders: 5,
      customers: 3,
      revenue: 219,
      rejectedRows: 0,
      excludedOrders: { cancelled: 1, refunded: 1 },
    });
    // Ada ordered three times; Bob's second order was cancelled; Dee ordered once.
    expect(report.repeatCurve[0]).toEqual({ orders: 1, customers: 3, probabilityNext: 1 / 3 });
    expect(readFileSync(html, 'utf8')).toContain('<svg');
  });

  it('reports rejected rows and fails clearly on a missing column', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer,date,amount\na,2024-01-01,10\nb,2024-02-30,5\na,2024-03-01,12\n');
    const json = join(dir, 'bad.json');
    // One row in three rejected: over the default share, allowed here to look at the report.
    const run = await runCli(['analyze', bad, '--json', json, '--quiet', '--max-rejected-share', '0.5']);
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.rejectedRows).toBe(1);
    expect(report.rejections[0]).toEqual({
      line: 3,
      field: 'date',
      code: 'BAD_DATE',
      reason: 'cannot read date "2024-02-30"',
    });
    expect(run.stderr).toContain('1 row rejected');
    expect(run.stderr).toContain('line 3, date: BAD_DATE');

    const strict = await runCli(['analyze', bad, '--strict', '--quiet']);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain('error BAD_DATE: line 3, date');

    const noDate = join(dir, 'nodate.csv');
    writeFileSync(noDate, 'customer,amount\na,1\n');
    const missing = await runCli(['analyze', noDate]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error MISSING_COLUMN: no order date column; .*found: customer, amount/);

    const badOption = await runCli(['analyze', bad, '--as-of', 'soon']);
    expect(badOption.status).not.toBe(0);
    expect(badOption.stderr).toContain('expected a date as YYYY-MM-DD');
  });

  it('adds the predictions to the analysis, or leaves them out with --model none', async () => {
    const cdnow = fixturePath('cdnow', 'CDNOW_sample.txt');
    const json = join(dir, 'cdnow.json');
    const run = await runCli([
      'analyze',
      cdnow,
      '--model',
      'bgnbd',
      '--calibration-end',
      '1997-09-30',
      '--holdout-end',
      '1998-06-30',
      '--json',
      json,
    ]);
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('PREDICTIONS');
    expect(run.stdout).toContain('Model: BG/NBD (chosen with --model;');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.models).toMatchObject({
      chosen: 'bgnbd',
      choiceRule: 'given',
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
    });
    expect(report.models.backtest.totalActual).toBe(1882);
    expect(report.modelsNote).toBeNull();

    const none = await runCli(['analyze', cdnow, '--model', 'none', '--json', json]);
    expect(none.status).toBe(0);
    expect(none.stdout).not.toContain('PREDICTIONS');
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ models: null, modelsNote: null });
  });

  it('predicts a store of fewer than 20 customers from its repeat curve instead of leaving predictions empty', async () => {
    const csv = join(dir, 'eight-customers.csv');
    const rows = ['order_id,customer_id,order_date,sku,quantity,price,currency'];
    // c0 orders three times, c1 twice, c2..c7 once.
    const orders: [string, string][] = [
      ['c0', '2025-01-05'],
      ['c0', '2025-02-05'],
      ['c0', '2025-03-05'],
      ['c1', '2025-01-10'],
      ['c1', '2025-04-10'],
      ...['c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((c, i): [string, string] => [c, `2025-02-1${i}`]),
    ];
    orders.forEach(([c, d], i) => rows.push(`o${i},${c},${d},SKU1,1,30.00,USD`));
    writeFileSync(csv, rows.join('\n') + '\n');
    const json = join(dir, 'eight-customers.json');
    const run = await runCli(['analyze', csv, '--json', json]);
    expect(run.status).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      'From the repeat curve: 1 of 8 customers likely to order again · expected orders in the next 13 weeks 2.0',
    );
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.models).toBeNull();
    expect(report.modelsNote).toContain('The models need at least 20 customers');
    const p = report.repeatCurvePredictions;
    expect(p.source).toBe('repeat-curve');
    expect(p.counts.customers).toBe(8);
    // After one order 2 of 8 ordered again; after two, 1 of 2.
    expect(p.topByClv.find((c: { customerId: string }) => c.customerId === 'c2').pAlive).toBe(2 / 8);
    expect(p.topByClv.find((c: { customerId: string }) => c.customerId === 'c1').pAlive).toBe(1 / 2);
  });

  it('checks the model options and exits 2 with INVALID_ARGUMENT', async () => {
    const cdnow = fixturePath('cdnow', 'CDNOW_sample.txt');
    const cases: [string[], string][] = [
      [['--holdout-end', '1998-06-30'], 'error INVALID_ARGUMENT: --holdout-end needs --calibration-end'],
      [
        ['--calibration-end', '1998-01-01', '--holdout-end', '1997-12-31'],
        'error INVALID_ARGUMENT: --holdout-end (1997-12-31) must be after --calibration-end (1998-01-01)',
      ],
      [['--calibration-end', '1998-01-01', '--holdout-end', '1998-01-01'], 'must be after --calibration-end'],
      [
        ['--calibration-end', '1997-13-01'],
        'error INVALID_ARGUMENT: --calibration-end must be a date as YYYY-MM-DD, got "1997-13-01"',
      ],
      [
        ['--calibration-end', '1997-09-30', '--holdout-end', '30/06/1998'],
        'error INVALID_ARGUMENT: --holdout-end must be a date as YYYY-MM-DD',
      ],
      [
        ['--model', 'lifetimes'],
        'error INVALID_ARGUMENT: --model must be one of auto, bgnbd, mbgnbd, pareto-nbd, none, got "lifetimes"',
      ],
      [
        ['--calibration-end', '1997-09-30', '--holdout-end', '1998-07-31'],
        'error INVALID_ARGUMENT: --holdout-end (1998-07-31) is after the as-of day 1998-06-30',
      ],
      [
        ['--as-of', '1997-12-31', '--calibration-end', '1998-01-31'],
        'error INVALID_ARGUMENT: --calibration-end (1998-01-31) is after the as-of day 1997-12-31',
      ],
    ];
    for (const [flags, message] of cases) {
      const run = await runCli(['analyze', cdnow, '--quiet', ...flags]);
      expect(run.status, flags.join(' ')).toBe(2);
      expect(run.stderr, flags.join(' ')).toContain(message);
    }
  });

  it('generates the same store from the same seed', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    expect((await runCli(['generate', '--customers', '300', '--seed', '7', '--out', a])).status).toBe(0);
    expect((await runCli(['generate', '--customers', '300', '--seed', '7', '--out', b])).status).toBe(0);
    const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(hash(a)).toBe(hash(b));
    expect(readFileSync(a, 'utf8').split('\n')[0]).toBe(
      'order_id,customer_id,email,order_date,sku,product_name,category,quantity,price,currency,status,accepts_marketing,birthday',
    );
  });

  it('runs the demo end to end', async () => {
    const out = join(dir, 'demo');
    // One-shot, and with the clock the expectations below were written for: the history ends 2025-12-30.
    const run = await runCli(['demo', '--out', out, '--today', '2025-12-30', '--no-serve']);
    expect(run.stderr).not.toContain('unexpected error');
    expect(run.status, run.stderr).toBe(0);
    for (const f of ['orders.csv', 'report.json', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.customers).toBeGreaterThan(15_000);
    expect(report.rejectedRows).toBe(0);
    expect(report.actions.length).toBeGreaterThan(0);
    expect(report.products.replenishment.length).toBeGreaterThan(0);
    expect(report.crossSell.length).toBeGreaterThan(0);
    // The demo backtests the models on its last 26 weeks.
    expect(report.models).toMatchObject({
      calibrationEnd: '2025-07-01',
      holdoutEnd: '2025-12-30',
      choiceRule: 'holdout-mae',
    });
    expect(report.models.table).toHaveLength(3);
    expect(report.models.backtest.tracking.length).toBeGreaterThan(100);
    expect(report.models.customers.topByClv).toHaveLength(20);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<section id="predictions"');
  });
});

// The tests above run the program in this process (runCli); this one runs the built binary as a
// shell does, for what only a process shows: its exit status, and that the two answer alike.
describe.skipIf(!realBinaryInRun)('the regulars binary', () => {
  it('exits 0 after its help, 1 on a usage error, 2 on a Regulars error, as the in-process runs say', async () => {
    const cases: [string[], number, string][] = [
      [['--help'], 0, 'Usage: regulars'],
      [['analyze', '--no-such-option'], 1, "error: unknown option '--no-such-option'"],
      [['stores', 'create'], 1, "error: missing required argument 'name'"],
      [['analyze', join(dir, 'no-such-file.csv')], 2, 'error FILE_NOT_FOUND: cannot read'],
    ];
    for (const [args, status, output] of cases) {
      const run = await runCliProcess(args);
      expect(run.status, args.join(' ')).toBe(status);
      expect(run.stdout + run.stderr, args.join(' ')).toContain(output);
      expect(await runCli(args), args.join(' ')).toEqual(run);
    }
  });
});
