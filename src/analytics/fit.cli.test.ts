import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, readCsvObjects } from '../../test/support/fixtures.js';
import { runCli } from '../../test/support/run-cli.js';
import { dayFromIso, ymdFromDay } from './day.js';
import { bgNbdExpectedPurchases } from './models/index.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-fit-'));
const CDNOW = fixturePath('cdnow', 'cdnow_summary_weeks.csv');
const DONATIONS = fixturePath('donations', 'donations_summary.csv');

/** The published fits (../shared/data/README.md). */
const PUBLISHED = {
  bgnbd: { params: { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 }, ll: -9582.429 },
  mbgnbd: { params: { r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.614 }, ll: -9582.136 },
  'pareto-nbd': { params: { r: 0.5533971, alpha: 10.5802, s: 0.6060625, beta: 11.65622 }, ll: -9594.976 },
  'gamma-gamma': { params: { p: 6.249349, q: 3.744256, gamma: 15.444307 }, ll: -4055.9177 },
  bgbb: { params: { alpha: 1.203507, beta: 0.7497667, gamma: 0.6567568, delta: 2.783887 }, ll: -33225.581 },
} as const;

let files = 0;
function writeSummary(text: string): string {
  const path = join(dir, `summary-${++files}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Runs `regulars fit` with --json and returns the run and the parsed JSON. */
async function fit(args: string[]) {
  const json = join(dir, `fit-${++files}.json`);
  const run = await runCli(['fit', ...args, '--json', json]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return { run, result: JSON.parse(readFileSync(json, 'utf8')) };
}

describe('regulars fit', () => {
  it.each(Object.entries(PUBLISHED))('reproduces the published %s fit', async (model, published) => {
    const { run, result } = await fit([model === 'bgbb' ? DONATIONS : CDNOW, '--model', model]);
    expect(Object.keys(result).slice(0, 7)).toEqual([
      'model',
      'params',
      'logLikelihood',
      'converged',
      'iterations',
      'standardErrors',
      'warnings',
    ]);
    expect(result.model).toBe(model);
    expect(Object.keys(result.params)).toEqual(Object.keys(published.params));
    expect(result.converged).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(Math.abs(result.logLikelihood - published.ll)).toBeLessThan(0.01);
    for (const [name, value] of Object.entries(published.params)) {
      // Pareto/NBD's beta is weakly identified (the README says so): compare it loosely.
      const tolerance = model === 'pareto-nbd' && name === 'beta' ? 0.005 : 0.001;
      expect(Math.abs(result.params[name] / value - 1), `${model} ${name}`).toBeLessThan(tolerance);
      expect(result.standardErrors[name]).toBeGreaterThan(0);
    }
    expect(run.stdout).toContain(`${model}: converged`);
    expect(run.stdout).toMatch(/\(se \d/);
  });

  it('predicts every customer with expected spend and CLV, matching the published customer', async () => {
    const predictions = join(dir, 'predictions.csv');
    const { run, result } = await fit([
      CDNOW,
      '--model',
      'bgnbd',
      '--predictions',
      predictions,
      '--horizon',
      '39',
      '--as-of',
      '1997-09-30',
    ]);
    expect(run.stdout).toContain(`wrote ${predictions}`);
    expect(result.spendModel.model).toBe('gamma-gamma');
    const rows = readCsvObjects(predictions);
    expect(rows).toHaveLength(2357);
    expect(Object.keys(rows[0])).toEqual([
      'customer_id',
      'p_alive',
      'expected_purchases',
      'next_order_in',
      'next_order_date',
      'expected_spend',
      'clv',
    ]);
    // The published customer: x = 2, t_x = 30.43, T = 38.86 -> 1.226 purchases in 39 weeks, P(alive) 0.7266.
    const summary = readCsvObjects(CDNOW);
    const published = summary.find(
      (s) =>
        s.frequency === '2' && Math.abs(Number(s.recency) - 30.43) < 0.005 && Math.abs(Number(s.T) - 38.86) < 0.005,
    );
    const row = rows.find((r) => r.customer_id === published?.customer_id);
    expect(Number(row?.expected_purchases)).toBeCloseTo(1.226, 3);
    expect(Number(row?.p_alive)).toBeCloseTo(0.7266, 4);
    // Next order: when the expected purchases after week 38.86 reach 1 (before 39 weeks, where they are 1.226).
    const wait = Number(row?.next_order_in);
    expect(wait).toBeGreaterThan(20);
    expect(wait).toBeLessThan(39);
    const h = { x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) };
    expect(bgNbdExpectedPurchases(result.params, h, wait)[0]).toBeCloseTo(1, 2);
    expect(row?.next_order_date).toBe(ymdFromDay(dayFromIso('1997-09-30') + Math.ceil(wait * 7)));
    // Customers the model thinks gone never reach one expected purchase: no date.
    expect(rows.some((r) => r.next_order_in === '' && r.next_order_date === '')).toBe(true);
    for (const r of rows) {
      expect(Number(r.p_alive)).toBeGreaterThanOrEqual(0);
      expect(Number(r.p_alive)).toBeLessThanOrEqual(1);
      expect(Number(r.clv)).toBeGreaterThan(0);
    }
  });

  it('predicts BG/BB over whole periods and Gamma-Gamma spend without a horizon', async () => {
    const bgbb = join(dir, 'bgbb.csv');
    await fit([DONATIONS, '--model', 'bgbb', '--predictions', bgbb, '--horizon', '5']);
    const rows = readCsvObjects(bgbb);
    expect(rows).toHaveLength(22); // one per row of the grouped file; ids are row numbers
    expect(Object.keys(rows[0])).toEqual(['customer_id', 'p_alive', 'expected_purchases']);
    expect(rows.map((r) => r.customer_id).slice(0, 3)).toEqual(['1', '2', '3']);
    // Row 1 (no donation in 6 years) is far less likely alive than row 22 (a donation every year).
    expect(Number(rows[0].p_alive)).toBeLessThan(Number(rows[21].p_alive));

    const spend = join(dir, 'spend.csv');
    await fit([CDNOW, '--model', 'gamma-gamma', '--predictions', spend]);
    const spendRows = readCsvObjects(spend);
    expect(spendRows).toHaveLength(2357);
    expect(Object.keys(spendRows[0])).toEqual(['customer_id', 'expected_spend']);

    const fractional = await runCli(['fit', DONATIONS, '--model', 'bgbb', '--predictions', bgbb, '--horizon', '2.5']);
    expect(fractional.status).toBe(2);
    expect(fractional.stderr).toContain('--horizon must be a whole number');
  });

  it('leaves out expected spend and CLV, with a warning, when Gamma-Gamma cannot be used', async () => {
    const noRepeats = writeSummary(
      'customer_id,frequency,recency,T,monetary_value\na,0,0,10,0\nb,0,0,12,0\nc,1,3,12,0\nd,2,5,9,0\n',
    );
    const predictions = join(dir, 'no-spend.csv');
    const { run, result } = await fit([noRepeats, '--model', 'bgnbd', '--predictions', predictions, '--horizon', '10']);
    expect(result.spendModel).toBeNull();
    expect(result.warnings.join(' ')).toContain(
      'Gamma-Gamma needs customers with repeat purchases and a monetary_value above 0',
    );
    expect(run.stdout).toContain('warning: Gamma-Gamma needs');
    expect(Object.keys(readCsvObjects(predictions)[0])).toEqual([
      'customer_id',
      'p_alive',
      'expected_purchases',
      'next_order_in',
    ]);
  });

  it('predicts but does not fit customers with T = 0', async () => {
    const summary = writeSummary('customer_id,frequency,recency,T\na,1,2,5\nb,0,0,5\nc,2,4,6\nd,0,0,0\n');
    const predictions = join(dir, 'zero-t.csv');
    const { result } = await fit([summary, '--model', 'bgnbd', '--predictions', predictions, '--horizon', '4']);
    expect(result.nObservations).toBe(3);
    expect(result.warnings.join(' ')).toContain('1 customer with T = 0');
    const d = readCsvObjects(predictions).find((r) => r.customer_id === 'd');
    expect(Number(d?.p_alive)).toBe(1);
  });

  it('rejects bad rows with their line, field and code', async () => {
    const bad = writeSummary(
      'customer_id,frequency,recency,T,holdout_frequency\n' +
        'a,1,2,5,0\n' + // line 2: fine
        'b,x,1,5,0\n' + // line 3: not a number
        'c,2,9,5,0\n' + // line 4: recency after T
        'd,1.5,1,5,0\n' + // line 5: not a whole number
        'e,0,0,5,0\n' + // line 6: fine
        'f,1,3\n' + // line 7: too few fields
        'g,2,-1,5,0\n' + // line 8: negative
        'h,0,0,6,0\n',
    );
    const json = join(dir, 'bad.json');
    const run = await runCli(['fit', bad, '--model', 'bgnbd', '--json', json]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('5 rows rejected');
    expect(run.stderr).toContain('line 3, frequency: BAD_NUMBER expected a number >= 0, found "x"');
    expect(run.stderr).toContain('line 4, recency: BAD_ROW recency 9 is after the end of observation (T 5)');
    expect(run.stderr).toContain(
      'line 5, frequency: BAD_NUMBER frequency counts repeat purchases: expected a whole number, found 1.5',
    );
    expect(run.stderr).toContain('line 7: BAD_ROW expected 5 fields, found 3');
    expect(run.stderr).toContain('line 8, recency: BAD_NUMBER expected a number >= 0, found "-1"');
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.rejectedRows).toBe(5);
    expect(result.rowsRead).toBe(8);
    expect(result.nObservations).toBe(3);
    expect(result.rejections[0]).toEqual({
      line: 3,
      field: 'frequency',
      code: 'BAD_NUMBER',
      reason: 'expected a number >= 0, found "x"',
    });

    const strict = await runCli(['fit', bad, '--model', 'bgnbd', '--strict']);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain('error BAD_NUMBER: line 3, frequency: expected a number >= 0, found "x"');

    const discrete = writeSummary('frequency,recency,periods\n1,2,6\n2,1,6\n0,0,0\n3,3,6\n');
    const bgbb = await runCli(['fit', discrete, '--model', 'bgbb']);
    expect(bgbb.stderr).toContain('line 3, frequency: BAD_ROW frequency 2 is above recency 1');
    expect(bgbb.stderr).toContain('line 4, periods: BAD_ROW periods must be at least 1');
  });

  it('stops with a clear error on a missing column, a missing file or a missing horizon', async () => {
    const noT = writeSummary('customer_id,frequency,recency\na,1,2\n');
    const missing = await runCli(['fit', noT, '--model', 'bgnbd']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(
      'error MISSING_COLUMN: the summary lacks T (needs customer_id, frequency, recency, T); found: customer_id, frequency, recency',
    );

    const noMonetary = await runCli(['fit', noT, '--model', 'gamma-gamma']);
    expect(noMonetary.stderr).toContain('error MISSING_COLUMN: the summary lacks monetary_value');

    const noFile = await runCli(['fit', join(dir, 'nope.csv'), '--model', 'bgnbd']);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('error FILE_NOT_FOUND');

    const noHorizon = await runCli(['fit', CDNOW, '--model', 'bgnbd', '--predictions', join(dir, 'p.csv')]);
    expect(noHorizon.status).toBe(2);
    expect(noHorizon.stderr).toContain('--predictions needs --horizon');

    const badModel = await runCli(['fit', CDNOW, '--model', 'lifetimes']);
    expect(badModel.status).not.toBe(0);
    expect(badModel.stderr).toContain('Allowed choices are bgnbd, mbgnbd, pareto-nbd, bgbb, gamma-gamma');
  });

  it('has --help', async () => {
    const run = await runCli(['fit', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: regulars fit [options] <summary>');
    for (const option of [
      '--model',
      '--json',
      '--predictions',
      '--horizon',
      '--penalty',
      '--time-unit',
      '--clv-months',
      '--discount-rate',
      '--strict',
    ]) {
      expect(run.stdout).toContain(option);
    }
  });
});
