import { useMemo } from 'preact/hooks';
import { Chart } from '../chart.tsx';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from './section.tsx';
import type { Money, OverviewReport } from './types.ts';

const MAX_PERIODS = 8;

/** Each quarter's change in revenue split into its three drivers (they add up to the change). */
export function Growth({
  i18n,
  report,
  money,
  onDrawn,
}: {
  i18n: I18n;
  report: OverviewReport;
  money: Money;
  onDrawn: () => void;
}) {
  const { t } = i18n;
  const periods = report.growth.filter((p) => p.change !== null).slice(-MAX_PERIODS);
  const option = useMemo(() => {
    const driver = (
      name: string,
      color: string,
      pick: (c: NonNullable<(typeof periods)[number]['change']>) => number,
    ) => ({
      type: 'bar',
      stack: 'change',
      name,
      color,
      data: periods.map((p) => (p.change ? pick(p.change) : 0)),
    });
    return {
      grid: { left: 72, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v) },
      xAxis: { type: 'category', data: periods.map((p) => p.period) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v) } },
      series: [
        driver(t('overview.growth.customers'), '#2458a6', (c) => c.customers),
        driver(t('overview.growth.frequency'), '#5d9c59', (c) => c.frequency),
        driver(t('overview.growth.aov'), '#c77c02', (c) => c.aov),
      ],
    };
  }, [report]);
  return (
    <Section id="growth" title={t('overview.growth')} help={t('overview.growth.help')}>
      <Chart
        i18n={i18n}
        label={t('overview.growth')}
        option={option}
        onDrawn={onDrawn}
        table={
          <div class="scroll" tabIndex={0} role="region" aria-label={t('overview.growth')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.growth.period')}</th>
                  <th scope="col">{t('overview.growth.revenue')}</th>
                  <th scope="col">{t('overview.growth.change')}</th>
                  <th scope="col">{t('overview.growth.customers')}</th>
                  <th scope="col">{t('overview.growth.frequency')}</th>
                  <th scope="col">{t('overview.growth.aov')}</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{p.period}</th>
                    <td class="num">{money(p.revenue)}</td>
                    <td class="num">{money(p.change?.total ?? 0)}</td>
                    <td class="num">{money(p.change?.customers ?? 0)}</td>
                    <td class="num">{money(p.change?.frequency ?? 0)}</td>
                    <td class="num">{money(p.change?.aov ?? 0)}</td>
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
