import type { I18n } from '../../i18n/i18n.ts';
import { Section } from './section.tsx';
import type { Money, OverviewReport } from './types.ts';

/**
 * The top tenth of customers by spend against the rest: how much of the revenue they carry. The
 * measures are the rows and the two groups the columns, so the table is three columns wide and
 * fits its half of the grid at 1280 px (five measures side by side did not) and a phone.
 */
export function BestCustomers({ i18n, report, money }: { i18n: I18n; report: OverviewReport; money: Money }) {
  const { t, number, percent } = i18n;
  const { top, rest } = report.bestCustomers;
  const rows: { key: string; label: string; cell: (g: typeof top) => string }[] = [
    { key: 'customers', label: t('overview.best.customers'), cell: (g) => number(g.customers) },
    { key: 'orders', label: t('overview.best.orders'), cell: (g) => number(g.ordersPerCustomer, 2) },
    { key: 'aov', label: t('overview.best.aov'), cell: (g) => money(g.aov) },
    { key: 'revenue', label: t('overview.best.revenuePerCustomer'), cell: (g) => money(g.revenuePerCustomer) },
    { key: 'share', label: t('overview.best.share'), cell: (g) => percent(g.revenueShare) },
  ];
  return (
    <Section id="best-customers" title={t('overview.best')} help={t('overview.best.help')}>
      <div class="scroll" tabIndex={0} role="region" aria-label={t('overview.best')}>
        <table class="best-customers">
          <thead>
            <tr>
              <th scope="col">{t('overview.best.measure')}</th>
              <th scope="col" class="num">
                {t('overview.best.top')}
              </th>
              <th scope="col" class="num">
                {t('overview.best.rest')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, label, cell }) => (
              <tr key={key} data-measure={key}>
                <th scope="row">{label}</th>
                <td class="num">{cell(top)}</td>
                <td class="num">{cell(rest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
