import { useMemo } from 'preact/hooks';
import type { I18n } from '../../i18n/i18n.ts';
import { Chart } from '../chart.tsx';
import { Section } from '../overview/section.tsx';
import type { NpsTally, SurveyReport } from './types.ts';

/** An NPS as the page writes it: one decimal, a dash without answers. */
export function npsText(i18n: I18n, tally: NpsTally): string {
  return tally.nps === null ? '–' : i18n.number(tally.nps, 1);
}

/**
 * NPS over time: the score of each month's answers (a month is that of the survey's first answer),
 * with the promoters, passives and detractors behind it in the table.
 */
export function NpsChart({ i18n, report, onDrawn }: { i18n: I18n; report: SurveyReport; onDrawn: () => void }) {
  const { t, number } = i18n;
  const months = report.months.filter((m) => m.nps.answers > 0).slice(-24);
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months.map((m) => i18n.month(m.month)) },
      yAxis: { type: 'value', min: -100, max: 100 },
      series: [{ type: 'line', name: t('surveys.nps'), color: '#2458a6', data: months.map((m) => m.nps.nps) }],
    }),
    [report],
  );
  const total = report.total.nps;
  return (
    <Section id="nps" title={t('surveys.nps.title')} help={t('surveys.nps.help')}>
      <dl class="facts">
        <div>
          <dt>{t('surveys.nps')}</dt>
          <dd data-nps={total.nps ?? ''}>{npsText(i18n, total)}</dd>
        </div>
        <div>
          <dt>{t('surveys.answers')}</dt>
          <dd>{number(total.answers)}</dd>
        </div>
        <div>
          <dt>{t('surveys.csat')}</dt>
          <dd>{report.total.csat.csat === null ? '–' : i18n.percent(report.total.csat.csat / 100)}</dd>
        </div>
      </dl>
      {months.length === 0 ? (
        <p>{t('surveys.nps.empty')}</p>
      ) : (
        <Chart
          i18n={i18n}
          label={t('surveys.nps.chart')}
          option={option}
          onDrawn={onDrawn}
          table={
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('surveys.month')}</th>
                    <th scope="col" class="num">
                      {t('surveys.nps')}
                    </th>
                    <th scope="col" class="num">
                      {t('surveys.promoters')}
                    </th>
                    <th scope="col" class="num">
                      {t('surveys.passives')}
                    </th>
                    <th scope="col" class="num">
                      {t('surveys.detractors')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {months.map((m) => (
                    <tr key={m.month}>
                      <td>{i18n.month(m.month)}</td>
                      <td class="num">{npsText(i18n, m.nps)}</td>
                      <td class="num">{number(m.nps.promoters)}</td>
                      <td class="num">{number(m.nps.passives)}</td>
                      <td class="num">{number(m.nps.detractors)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          }
        />
      )}
    </Section>
  );
}
