import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import type { Money, OverviewReport } from './types.ts';

interface Metric {
  readonly label: MessageKey;
  readonly value: string;
  readonly formula: string;
  readonly id: string;
  /** The unrounded figure, for tests and copying. */
  readonly raw: number;
}

/** Why the lifespan is what it is: the report's rule, named by the catalogue. */
function lifespanRule(i18n: I18n, report: OverviewReport): string {
  if (report.clvSimple.lifespanSource === 'given') return i18n.t('formula.lifespan.given');
  return i18n.t(report.clvSimple.formula.includes('churn =') ? 'formula.lifespan.churn' : 'formula.lifespan.repeat');
}

/** The numbers store owners know, each with the formula that made it. */
export function Headline({ i18n, report, money }: { i18n: I18n; report: OverviewReport; money: Money }) {
  const { t, number, percent } = i18n;
  const clv = report.clvSimple;
  const metrics: Metric[] = [
    {
      id: 'orders',
      raw: report.orders,
      label: 'overview.orders',
      value: number(report.orders),
      formula: t('formula.orders'),
    },
    {
      id: 'customers',
      raw: report.customers,
      label: 'overview.customers',
      value: number(report.customers),
      formula: t('formula.customers'),
    },
    {
      id: 'revenue',
      raw: report.revenue,
      label: 'overview.revenue',
      value: money(report.revenue),
      formula: t('formula.revenue'),
    },
    {
      id: 'aov',
      raw: report.aov,
      label: 'overview.aov',
      value: money(report.aov),
      formula: t('formula.aov', { revenue: money(report.revenue), orders: number(report.orders) }),
    },
    {
      id: 'frequency',
      raw: report.purchaseFrequency,
      label: 'overview.frequency',
      value: `${number(report.purchaseFrequency, 2)} · ${t('overview.frequencyPerYear', { value: number(report.purchaseFrequencyPerYear, 2) })}`,
      formula: t('formula.frequency', { orders: number(report.orders), customers: number(report.customers) }),
    },
    {
      id: 'repeat-rate',
      raw: report.repeatCustomerRate,
      label: 'overview.repeatRate',
      value: percent(report.repeatCustomerRate),
      formula: t('formula.repeatRate'),
    },
    {
      id: 'clv',
      raw: clv.value,
      label: 'overview.clv',
      value: money(clv.value),
      formula: `${t('formula.clv', { aov: money(clv.aov), perYear: number(clv.frequencyPerYear, 2), lifespan: number(clv.lifespanYears, 1) })}; ${lifespanRule(i18n, report)}`,
    },
  ];
  return (
    <section class="headline" aria-labelledby="headline-title">
      <h2 id="headline-title" class="visually-hidden">
        {t('overview.headline')}
      </h2>
      <dl class="metrics">
        {metrics.map((m) => (
          <div class="metric" key={m.id} data-metric={m.id} data-raw={String(m.raw)}>
            <dt>{t(m.label)}</dt>
            <dd class="metric-value">{m.value}</dd>
            <dd class="formula">{m.formula}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
