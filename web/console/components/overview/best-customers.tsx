import type { I18n } from '../../i18n/i18n.ts';
import { Section } from './section.tsx';
import type { Money, OverviewReport } from './types.ts';

/** The top fifth of customers by spend against the rest: how much of the revenue they carry. */
export function BestCustomers({ i18n, report, money }: { i18n: I18n; report: OverviewReport; money: Money }) {
  const { t, number, percent } = i18n;
  const groups = [
    { key: 'top', label: t('overview.best.top'), g: report.bestCustomers.top },
    { key: 'rest', label: t('overview.best.rest'), g: report.bestCustomers.rest },
  ];
  return (
    <Section id="best-customers" title={t('overview.best')} help={t('overview.best.help')}>
      <div class="scroll" tabIndex={0} role="region" aria-label={t('overview.best')}>
        <table>
          <thead>
            <tr>
              <td />
              <th scope="col">{t('overview.best.customers')}</th>
              <th scope="col">{t('overview.best.orders')}</th>
              <th scope="col">{t('overview.best.aov')}</th>
              <th scope="col">{t('overview.best.revenuePerCustomer')}</th>
              <th scope="col">{t('overview.best.share')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(({ key, label, g }) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td class="num">{number(g.customers)}</td>
                <td class="num">{number(g.ordersPerCustomer, 2)}</td>
                <td class="num">{money(g.aov)}</td>
                <td class="num">{money(g.revenuePerCustomer)}</td>
                <td class="num">{percent(g.revenueShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
