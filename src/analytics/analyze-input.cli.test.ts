import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/support/fixtures.js';
import { runCli } from '../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'regulars-cli-input-'));
let n = 0;
function csv(text: string): string {
  const file = join(dir, `f${n++}.csv`);
  writeFileSync(file, text);
  return file;
}

/** The Shopify fixture as Excel saves it again in the US: '2024-01-15 10:23:45 -0500' becomes '1/15/2024 10:23'. */
function excelShopify(): string {
  return csv(
    readFileSync(fixturePath('shopify', 'orders_export.csv'), 'utf8').replace(
      /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):\d{2} [+-]\d{4}/g,
      (_, y: string, m: string, d: string, hh: string, mm: string) =>
        `${Number(m)}/${Number(d)}/${y} ${Number(hh)}:${mm}`,
    ),
  );
}

const AMBIGUOUS = 'customer,order_date,amount\na,05/02/2024,10\nb,06/02/2024 10:00,5\na,07/03/2024,12\n';

describe('the order of day and month, on the command line', () => {
  it('analyze refuses dates it cannot place, then reads them as --date-format says', async () => {
    const file = csv(AMBIGUOUS);
    const refused = await runCli(['analyze', file, '--quiet']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('error AMBIGUOUS_DATES');
    expect(refused.stderr).toContain('line 2, order_date: "05/02/2024"');
    expect(refused.stderr).toContain('--date-format DD/MM/YYYY');

    const json = join(dir, 'eu.json');
    const eu = await runCli([
      'analyze',
      file,
      '--quiet',
      '--model',
      'none',
      '--date-format',
      'DD/MM/YYYY',
      '--json',
      json,
    ]);
    expect(eu.status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).source.asOf).toBe('2024-03-07');
    const us = await runCli([
      'analyze',
      file,
      '--quiet',
      '--model',
      'none',
      '--date-format',
      'MM/DD/YYYY',
      '--json',
      json,
    ]);
    expect(us.status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).source.asOf).toBe('2024-07-03');
  });

  it('summary takes --date-format too, and rejects a value it does not know', async () => {
    const file = csv(AMBIGUOUS);
    const out = join(dir, 'summary.csv');
    const refused = await runCli(['summary', file, '--out', out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('error AMBIGUOUS_DATES');
    const ok = await runCli(['summary', file, '--out', out, '--date-format', 'DD.MM.YYYY']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('calibration end 2024-03-07');
    const bad = await runCli(['summary', file, '--out', out, '--date-format', 'D/M/Y']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--date-format');
  });

  it('a column that mixes both orders is refused, naming the lines', async () => {
    const run = await runCli(['analyze', csv('customer,date,amount\na,25/02/2024,1\nb,02/25/2024,1\n'), '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error MIXED_DATE_ORDERS: .*line 2, date: "25\/02\/2024".*line 3, date: "02\/25\/2024"/);
  });
});

describe('the share of rejected rows', () => {
  it('reads a Shopify export that Excel saved again, every row', async () => {
    const json = join(dir, 'excel.json');
    const run = await runCli(['analyze', excelShopify(), '--quiet', '--model', 'none', '--json', json]);
    expect(run.stderr).toContain('wrote');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.rejectedRows).toBe(0);
    expect(report.source.asOf).toBe('2024-03-11');
  });

  it('exits non-zero with the reason when more than 5% of the rows are rejected, unless allowed', async () => {
    const rows = ['customer,date,amount'];
    for (let i = 0; i < 100; i++) rows.push(`c${i},${i < 94 ? '2024-01-05' : 'soon'},1`);
    const file = csv(`${rows.join('\n')}\n`);
    const run = await runCli(['analyze', file, '--quiet', '--model', 'none']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'error TOO_MANY_REJECTED: ' + file + ': 6 of 100 rows rejected (6.0%, more than the 5.0% allowed; BAD_DATE 6)',
    );
    expect(run.stderr).toContain('First: line 96, date: BAD_DATE cannot read date "soon"');
    const allowed = await runCli(['analyze', file, '--quiet', '--model', 'none', '--max-rejected-share', '0.1']);
    expect(allowed.status).toBe(0);
    const five = csv(`${rows.slice(0, 96).join('\n')}\nc95,soon,1\n`); // 1 of 96: within 5%
    expect((await runCli(['analyze', five, '--quiet', '--model', 'none'])).status).toBe(0);
  });

  it('does not count guest rows (no customer) towards the share', async () => {
    const rows = ['customer,date,amount'];
    for (let i = 0; i < 20; i++) rows.push(`${i < 15 ? `c${i}` : ''},2024-01-05,1`);
    const run = await runCli(['analyze', csv(`${rows.join('\n')}\n`), '--quiet', '--model', 'none']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('5 rows rejected');
  });
});
