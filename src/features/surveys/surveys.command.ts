import { type Command, InvalidArgumentError } from 'commander';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { printJson } from '../../platform/cli/command-output.js';
import type { SurveyReportResult } from './survey-report.service.js';
import type { NpsTally } from './survey.js';
import type { ChurnReasonReport } from '../subscriptions/index.js';

function dayOrInstant(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('expected a day YYYY-MM-DD (UTC) or an ISO 8601 instant');
  return value;
}

const dash = (n: number | null, suffix = ''): string => (n === null ? '-' : `${n}${suffix}`);

function npsCells(t: NpsTally): string[] {
  return [String(t.answers), String(t.promoters), String(t.passives), String(t.detractors), dash(t.nps)];
}

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function churnLines(label: string, report: ChurnReasonReport): string {
  const total = report.total.cancelled;
  if (total.count === 0) return `${label}: no cancels`;
  return `${label}: ${total.count} cancel${total.count === 1 ? '' : 's'}: ${total.reasons
    .map((r) => `${r.reason} ${r.count} (${(r.share * 100).toFixed(1)}%)`)
    .join(', ')}`;
}

/** The report as the terminal shows it. */
export function surveyReportText(report: SurveyReportResult): string {
  const t = report.total;
  const out: string[] = [];
  const period = `${report.from ?? 'the start'} to ${report.to ?? 'now'}`;
  out.push(`Surveys of store ${report.storeId}, answers first given from ${period}`);
  out.push('');
  out.push(
    `NPS ${dash(t.nps.nps)} from ${t.nps.answers} answers (${t.nps.promoters} promoters, ${t.nps.passives} passives, ${t.nps.detractors} detractors)`,
  );
  out.push(
    `CSAT ${dash(t.csat.csat, '%')} satisfied from ${t.csat.answers} answers (average ${dash(t.csat.average)} of 5)`,
  );
  out.push(`Ratings: average ${dash(t.rating.average)} stars from ${t.rating.answers} answers`);
  out.push(`Checkout easy: ${dash(t.checkoutEasy.yesShare, '%')} yes from ${t.checkoutEasy.answers} answers`);
  if (report.months.length > 0) {
    out.push('', 'By month (UTC):');
    out.push(
      table(
        ['month', 'NPS answers', 'promoters', 'passives', 'detractors', 'NPS', 'CSAT answers', 'CSAT %'],
        report.months.map((m) => [m.month, ...npsCells(m.nps), String(m.csat.answers), dash(m.csat.csat)]),
      ),
    );
  }
  if (report.npsBySegment.length > 0) {
    out.push('', 'NPS by segment (members today):');
    out.push(
      table(
        ['segment', 'answers', 'promoters', 'passives', 'detractors', 'NPS'],
        report.npsBySegment.map((s) => [s.name, ...npsCells(s.nps)]),
      ),
    );
  }
  out.push('', 'Why customers leave:');
  out.push(churnLines('  subscriptions', report.churn.subscriptions));
  out.push(churnLines('  memberships', report.churn.memberships));
  return `${out.join('\n')}\n`;
}

/** `regulars surveys report`. */
export function registerSurveysCommand(program: Command): void {
  const surveys = program.command('surveys').description('NPS, CSAT, ratings and churn reasons: the survey report');
  addDatabaseOption(
    surveys
      .command('report')
      .description(
        'NPS and CSAT by month and by segment, star ratings, "was checkout easy?", and why subscribers and members cancel',
      )
      .requiredOption('--store <id>', 'the store')
      .option('--from <day>', 'answers first given from this day (YYYY-MM-DD, UTC) or instant, inclusive', dayOrInstant)
      .option('--to <day>', 'up to this day or instant, exclusive', dayOrInstant)
      .option('--json', "print the report as JSON (the API's GET /v1/surveys/report)", false),
  ).action(async (flags: DatabaseFlags & { store: string; from?: string; to?: string; json: boolean }) => {
    const [{ withDatabase, getStore }, { surveyReportOf }] = await Promise.all([
      loadStoreLayer(),
      import('./survey-report.service.js'),
    ]);
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const report = await surveyReportOf(db, flags.store, { from: flags.from ?? null, to: flags.to ?? null });
      if (flags.json) printJson(report);
      else process.stdout.write(surveyReportText(report));
    });
  });
}
