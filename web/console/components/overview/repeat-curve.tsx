import { useMemo } from 'preact/hooks';
import { Chart } from '../chart.tsx';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from './section.tsx';
import type { OverviewReport } from './types.ts';

/** P(order n+1 | n orders), the curve whose first step is the one most customers never take. */
export function RepeatCurve({ i18n, report, onDrawn }: { i18n: I18n; report: OverviewReport; onDrawn: () => void }) {
  const { t, percent, number } = i18n;
  const points = report.repeatCurve.filter((p) => p.probabilityNext !== null).slice(0, 10);
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => percent(v) },
      xAxis: {
        type: 'category',
        name: t('overview.repeatCurve.axis'),
        nameLocation: 'middle',
        nameGap: 28,
        data: points.map((p) => number(p.orders)),
      },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => percent(v, 0) } },
      series: [
        {
          type: 'line',
          name: t('overview.repeatCurve.series'),
          data: points.map((p) => p.probabilityNext),
          symbolSize: 8,
          color: '#2458a6',
        },
      ],
    }),
    [report],
  );
  return (
    <Section id="repeat-curve" title={t('overview.repeatCurve')} help={t('overview.repeatCurve.help')}>
      <Chart
        i18n={i18n}
        label={t('overview.repeatCurve')}
        option={option}
        onDrawn={onDrawn}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t('overview.repeatCurve.axis')}</th>
                <th scope="col">{t('overview.customers')}</th>
                <th scope="col">{t('overview.repeatCurve.series')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.orders}>
                  <td>{t('overview.repeatCurve.row', { orders: number(p.orders), next: number(p.orders + 1) })}</td>
                  <td class="num">{number(p.customers)}</td>
                  <td class="num">{percent(p.probabilityNext ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </Section>
  );
}
