import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, readCsvObjects } from '../support/fixtures.js';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-fit-'));
const CDNOW = fixturePath('cdnow', 'cdnow_summary_weeks.csv');

/** The published fits (../shared/data/README.md). */
const PUBLISHED = {
  bgnbd: { params: { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 }, ll: -9582.429 },
  mbgnbd: { params: { r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.614 }, ll: -9582.136 },
  'pareto-nbd': { params: { r: 0.5533971, alpha: 10.5802, s: 0.6060625, beta: 11.65622 }, ll: -9594.976 },
  'gamma-gamma': { params: { p: 6.249349, q: 3.744256, gamma: 15.444307 }, ll: -4055.9177 },
} as const;

function fit(args: string[]) {
  const json = join(dir, `${args.join('_').replace(/[^a-z0-9]/gi, '')}.json`);
  const run = runCli(['fit', ...args, '--json', json]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return { run, result: JSON.parse(readFileSync(json, 'utf8')) };
}

describe('regulars fit', () => {
  it.each(Object.entries(PUBLISHED))('reproduces the published %s fit on the CDNOW summary', (model, published) => {
    const { result } = fit([CDNOW, '--model', model]);
    expect(Object.keys(result).slice(0, 7)).toEqual(['model', 'params', 'logLikelihood', 'converged', 'iterations', 'standardErrors', 'warnings']);
    expect(result.model).toBe(model);
    expect(result.converged).toBe(true);
    expect(Math.abs(result.logLikelihood - published.ll)).toBeLessThan(0.01);
    for (const [name, value] of Object.entries(published.params)) {
      // Pareto/NBD's beta is weakly identified (the README says so): compare it loosely.
      const tolerance = model === 'pareto-nbd' && name === 'beta' ? 0.005 : 0.001;
      expect(Math.abs(result.params[name] / value - 1), `${model} ${name}`).toBeLessThan(tolerance);
    }
  });

  it('reproduces BG/BB on the donations data', () => {
    const { result } = fit([fixturePath('donations', 'donations_summary.csv'), '--model', 'bgbb']);
    const published = { alpha: 1.203507, beta: 0.7497667, gamma: 0.6567568, delta: 2.783887 };
    for (const [name, value] of Object.entries(published)) expect(Math.abs(result.params[name] / value - 1), name).toBeLessThan(0.001);
    expect(Math.abs(result.logLikelihood - -33225.581)).toBeLessThan(0.01);
  });

  it('writes predictions with expected spend and CLV, matching the published customer', () => {
    const predictions = join(dir, 'predictions.csv');
    const { run } = fit([CDNOW, '--model', 'bgnbd', '--predictions', predictions, '--horizon', '39']);
    expect(run.stdout).toContain('bgnbd: converged');
    const rows = readCsvObjects(predictions);
    expect(rows).toHaveLength(2357);
    expect(Object.keys(rows[0])).toEqual(['customer_id', 'p_alive', 'expected_purchases', 'expected_spend', 'clv']);
    // Customer 1: x = 2, t_x = 30.43, T = 38.86 -> 1.226 purchases in 39 weeks, P(alive) 0.7266.
    expect(Number(rows[0].expected_purchases)).toBeCloseTo(1.226, 3);
    expect(Number(rows[0].p_alive)).toBeCloseTo(0.7266, 4);
    expect(Number(rows[0].clv)).toBeGreaterThan(0);
  });

  it('rejects bad rows with their line and stops on a missing column', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer_id,frequency,recency,T\na,1,2,5\nb,x,1,5\nc,2,9,5\nd,1.5,1,5\ne,0,0,5\n');
    const json = join(dir, 'bad.json');
    const run = runCli(['fit', bad, '--model', 'bgnbd', '--json', json]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('3 rows rejected');
    expect(run.stderr).toContain('line 3, frequency: BAD_ROW expected a number >= 0, found "x"');
    expect(run.stderr).toContain('line 4, recency: BAD_ROW recency 9 is after the end of observation (T 5)');
    expect(run.stderr).toContain('line 5, frequency: BAD_ROW');
    expect(JSON.parse(readFileSync(json, 'utf8')).rejectedRows).toBe(3);

    const noT = join(dir, 'not.csv');
    writeFileSync(noT, 'customer_id,frequency,recency\na,1,2\n');
    const missing = runCli(['fit', noT, '--model', 'bgnbd']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error MISSING_COLUMN: the summary lacks T; found: customer_id, frequency, recency');

    const noHorizon = runCli(['fit', CDNOW, '--model', 'bgnbd', '--predictions', join(dir, 'p.csv')]);
    expect(noHorizon.status).toBe(2);
    expect(noHorizon.stderr).toContain('--predictions needs --horizon');
  });

  it('has --help', () => {
    const run = runCli(['fit', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: regulars fit');
  });
});
