import { useMemo } from 'preact/hooks';
import { Chart } from '../chart.tsx';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from './section.tsx';
import type { ClvDistribution as Distribution, Money } from './types.ts';

interface Props {
  readonly i18n: I18n;
  readonly distribution: Distribution | null;
  readonly money: Money;
  readonly onDrawn: () => void;
}

/** How predicted customer value spreads: most customers are worth little, a few a lot. */
export function ClvDistribution({ i18n, distribution, money, onDrawn }: Props) {
  const { t, number } = i18n;
  const labels = (distribution?.buckets ?? []).map((b) =>
    b.to === null
      ? t('overview.clvDistribution.open', { from: money(b.from) })
      : t('overview.clvDistribution.bucket', { from: money(b.from), to: money(b.to) }),
  );
  const option = useMemo(
    () => ({
      grid: { left: 56, right: 16, top: 16, bottom: 72 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45 } },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: t('overview.clvDistribution.series'),
          data: distribution?.buckets.map((b) => b.customers) ?? [],
          color: '#2458a6',
        },
      ],
    }),
    [distribution],
  );
  if (distribution === null)
    return (
      <Section id="clv-distribution" title={t('overview.clvDistribution')}>
        <p>{t('overview.clvDistribution.none')}</p>
      </Section>
    );
  return (
    <Section
      id="clv-distribution"
      title={t('overview.clvDistribution')}
      help={t('overview.clvDistribution.help', { median: money(distribution.median) })}
    >
      <Chart
        i18n={i18n}
        label={t('overview.clvDistribution')}
        option={option}
        onDrawn={onDrawn}
        table={
          <table>
            <tbody>
              {distribution.buckets.map((b, i) => (
                <tr key={b.from}>
                  <th scope="row">{labels[i]}</th>
                  <td class="num">{number(b.customers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </Section>
  );
}
