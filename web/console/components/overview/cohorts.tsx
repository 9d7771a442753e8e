import { useMemo } from 'preact/hooks';
import { Chart } from '../chart.tsx';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from './section.tsx';
import type { OverviewReport } from './types.ts';

/** The last cohorts shown: a heatmap of more rows than this is unreadable on a phone. */
const MAX_COHORTS = 18;
const MAX_MONTHS = 12;

/** Cohort heatmap: each first-order month's share of customers ordering again, month by month. */
export function Cohorts({ i18n, report, onDrawn }: { i18n: I18n; report: OverviewReport; onDrawn: () => void }) {
  const { t, percent, month, number } = i18n;
  const rows = report.cohorts.rows.slice(-MAX_COHORTS);
  const months = Math.min(MAX_MONTHS, report.cohorts.maxMonths + 1);
  const monthLabels = Array.from({ length: months }, (_, k) => t('overview.cohorts.month', { n: k }));
  const option = useMemo(() => {
    const data: [number, number, number][] = [];
    rows.forEach((row, y) => row.repeatShare.slice(0, months).forEach((share, x) => data.push([x, y, share])));
    return {
      grid: { left: 72, right: 16, top: 8, bottom: 64 },
      tooltip: { valueFormatter: (v: number) => percent(v) },
      xAxis: { type: 'category', data: monthLabels, axisLabel: { rotate: 45 } },
      yAxis: { type: 'category', data: rows.map((r) => month(r.cohort)), inverse: true },
      visualMap: {
        min: 0,
        max: Math.max(0.05, ...data.map((d) => d[2])),
        show: false,
        inRange: { color: ['#f3f6fb', '#2458a6'] },
      },
      series: [{ type: 'heatmap', data }],
    };
  }, [report]);
  return (
    <Section id="cohorts" title={t('overview.cohorts')} help={t('overview.cohorts.help')}>
      <Chart
        i18n={i18n}
        label={t('overview.cohorts')}
        option={option}
        height={Math.max(200, rows.length * 22 + 80)}
        onDrawn={onDrawn}
        table={
          <div class="scroll" tabIndex={0} role="region" aria-label={t('overview.cohorts')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.cohorts.cohort')}</th>
                  <th scope="col">{t('overview.cohorts.size')}</th>
                  {monthLabels.map((label) => (
                    <th scope="col" key={label}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.cohort}>
                    <th scope="row">{month(row.cohort)}</th>
                    <td class="num">{number(row.customers)}</td>
                    {row.repeatShare.slice(0, months).map((share, k) => (
                      <td class="num" key={k}>
                        {percent(share)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        }
      />
    </Section>
  );
}
