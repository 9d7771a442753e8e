import { useMemo } from 'preact/hooks';
import type { I18n } from '../../i18n/i18n.ts';
import { Chart } from '../chart.tsx';
import { Section } from '../overview/section.tsx';
import { Legend } from './legend.tsx';
import type { ChurnReasonReport } from './types.ts';

/** The reasons a customer picks from (subscription-state.ts CHANGE_REASONS), and "none given". */
const REASONS = [
  'too_expensive',
  'too_much_product',
  'not_using',
  'quality',
  'delivery_problems',
  'found_alternative',
  'traveling',
  'temporary_break',
  'other',
  'unspecified',
] as const;
type Reason = (typeof REASONS)[number];

/** Reasons drawn one by one; the rest are summed as "other", so the legend stays readable. */
const TOP_REASONS = 6;
const PALETTE = ['#2458a6', '#b45309', '#15803d', '#7c3aed', '#be123c', '#0f766e', '#6b7280'];

/**
 * Why subscribers cancel: cancellations per month split by the reason they gave
 * (GET /v1/subscriptions/churn-reasons), with the totals for skips and pauses beside.
 */
export function ChurnChart({ i18n, report, onDrawn }: { i18n: I18n; report: ChurnReasonReport; onDrawn: () => void }) {
  const { t, number, percent } = i18n;
  const months = report.months.slice(-24);
  const top = report.total.cancelled.reasons.slice(0, TOP_REASONS).map((r) => r.reason);
  const label = (reason: string) =>
    (REASONS as readonly string[]).includes(reason) ? t(`loyalty.churn.reason.${reason as Reason}`) : reason;
  const series = useMemo(() => {
    const countOf = (m: ChurnReasonReport['months'][number], reason: string) =>
      m.cancelled.reasons.find((r) => r.reason === reason)?.count ?? 0;
    const drawn = top.map((reason, i) => ({
      type: 'bar',
      stack: 'cancelled',
      name: label(reason),
      color: PALETTE[i],
      data: months.map((m) => countOf(m, reason)),
    }));
    const others = months.map((m) => m.cancelled.count - top.reduce((sum, r) => sum + countOf(m, r), 0));
    if (others.some((n) => n > 0))
      drawn.push({ type: 'bar', stack: 'cancelled', name: t('loyalty.churn.other'), color: PALETTE[6], data: others });
    return drawn;
  }, [report]);
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months.map((m) => i18n.month(m.month)) },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    }),
    [series],
  );
  const total = report.total;
  return (
    <Section id="churn" title={t('loyalty.churn')} help={t('loyalty.churn.help')}>
      <dl class="facts">
        <div>
          <dt>{t('loyalty.churn.cancelled')}</dt>
          <dd data-cancelled={total.cancelled.count}>{number(total.cancelled.count)}</dd>
        </div>
        <div>
          <dt>{t('loyalty.churn.skipped')}</dt>
          <dd>{number(total.skipped.count)}</dd>
        </div>
        <div>
          <dt>{t('loyalty.churn.paused')}</dt>
          <dd>{number(total.paused.count)}</dd>
        </div>
      </dl>
      {months.length === 0 || total.cancelled.count === 0 ? (
        <p>{t('loyalty.churn.empty')}</p>
      ) : (
        <>
          <Legend items={series.map((s) => ({ name: s.name, colour: s.color }))} />
          <Chart
            i18n={i18n}
            label={t('loyalty.churn.chart')}
            option={option}
            onDrawn={onDrawn}
            table={
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('loyalty.churn.reason')}</th>
                    <th scope="col" class="num">
                      {t('loyalty.churn.cancelled')}
                    </th>
                    <th scope="col" class="num">
                      {t('loyalty.churn.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {total.cancelled.reasons.map((r) => (
                    <tr key={r.reason}>
                      <td>{label(r.reason)}</td>
                      <td class="num">{number(r.count)}</td>
                      <td class="num">{percent(r.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </>
      )}
    </Section>
  );
}
