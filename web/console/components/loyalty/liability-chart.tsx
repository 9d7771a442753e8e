import { useMemo } from 'preact/hooks';
import type { I18n } from '../../i18n/i18n.ts';
import { Chart } from '../chart.tsx';
import { Section } from '../overview/section.tsx';
import { Legend } from './legend.tsx';
import { Scroll } from '../settings/form-state.tsx';
import { type LiabilityReport, majorUnits } from './types.ts';

const FLOWS = ['earned', 'redeemed', 'expired', 'reversed'] as const;
const COLOURS = { earned: '#2458a6', redeemed: '#15803d', expired: '#b45309', reversed: '#6b7280' } as const;

/**
 * Points liability: what the outstanding points are worth, and the points earned, redeemed,
 * expired and reversed each month (GET /v1/loyalty/liability). Redeemed, expired and reversed
 * points leave the balance, so they are drawn below the axis.
 */
export function LiabilityChart({
  i18n,
  report,
  onDrawn,
}: {
  i18n: I18n;
  report: LiabilityReport;
  onDrawn: () => void;
}) {
  const { t, number } = i18n;
  const months = report.months.slice(-24);
  const option = useMemo(
    () => ({
      grid: { left: 56, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => number(Math.abs(v)) },
      xAxis: { type: 'category', data: months.map((m) => i18n.month(m.month)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => number(v) } },
      series: FLOWS.map((flow) => ({
        type: 'bar',
        stack: flow === 'earned' ? 'in' : 'out',
        name: t(`loyalty.liability.${flow}`),
        color: COLOURS[flow],
        data: months.map((m) => (flow === 'earned' ? m[flow] : -m[flow])),
      })),
    }),
    [report],
  );
  const value =
    report.outstanding.totalMinor !== null && report.currency !== null
      ? i18n.money(majorUnits(report.outstanding.totalMinor, report.currency), report.currency)
      : null;
  return (
    <Section id="liability" title={t('loyalty.liability')} help={t('loyalty.liability.help')}>
      <dl class="facts">
        <div>
          <dt>{t('loyalty.liability.outstanding')}</dt>
          <dd data-outstanding={report.outstanding.total}>{number(report.outstanding.total)}</dd>
        </div>
        <div>
          <dt>{t('loyalty.liability.value')}</dt>
          <dd>{value ?? t('loyalty.liability.noValue')}</dd>
        </div>
        <div>
          <dt>{t('loyalty.liability.pending')}</dt>
          <dd>{number(report.outstanding.pending)}</dd>
        </div>
      </dl>
      {months.length === 0 ? (
        <p>{t('loyalty.liability.empty')}</p>
      ) : (
        <>
          <Legend items={FLOWS.map((f) => ({ name: t(`loyalty.liability.${f}`), colour: COLOURS[f] }))} />
          <Chart
            i18n={i18n}
            label={t('loyalty.liability.chart')}
            option={option}
            onDrawn={onDrawn}
            table={
              <Scroll label={t('loyalty.liability.chart')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('loyalty.month')}</th>
                      {FLOWS.map((f) => (
                        <th scope="col" class="num" key={f}>
                          {t(`loyalty.liability.${f}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {months.map((m) => (
                      <tr key={m.month}>
                        <td>{i18n.month(m.month)}</td>
                        {FLOWS.map((f) => (
                          <td class="num" key={f}>
                            {number(m[f])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Scroll>
            }
          />
        </>
      )}
    </Section>
  );
}
