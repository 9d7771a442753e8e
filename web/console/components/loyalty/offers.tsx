import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { Scroll } from '../settings/form-state.tsx';
import { majorUnits, type MembershipPlan, type SubscriptionOffer } from './types.ts';

/** Paid memberships and subscription offers: what each costs and gives. */
export function Offers({
  i18n,
  plans,
  offers,
}: {
  i18n: I18n;
  plans: readonly MembershipPlan[];
  offers: readonly SubscriptionOffer[];
}) {
  const { t, number } = i18n;
  const money = (minor: number, currency: string) => i18n.money(majorUnits(minor, currency), currency);
  return (
    <Section id="offers" title={t('loyalty.offers')}>
      <h3>{t('loyalty.offers.plans')}</h3>
      {plans.length === 0 ? (
        <p>{t('loyalty.offers.noPlans')}</p>
      ) : (
        <Scroll label={t('loyalty.offers.plans')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('loyalty.offers.name')}</th>
                <th scope="col">{t('loyalty.offers.fee')}</th>
                <th scope="col">{t('loyalty.tiers.perks')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.code}>
                  <td>{plan.name}</td>
                  <td>
                    {t('loyalty.offers.per', {
                      price: money(plan.feeMinor, plan.currency),
                      months: i18n.plural('loyalty.months', plan.periodMonths),
                    })}
                  </td>
                  <td>
                    {[
                      plan.perks.freeShipping && t('loyalty.coupons.kind.free_shipping'),
                      plan.perks.extraPointsMultiplier !== 1 &&
                        t('loyalty.tiers.multiplier', { times: number(plan.perks.extraPointsMultiplier, 2) }),
                      plan.perks.memberCouponPercent !== null &&
                        t('loyalty.tiers.memberCoupon', { percent: number(plan.perks.memberCouponPercent) }),
                    ]
                      .filter(Boolean)
                      .join(', ') || t('loyalty.tiers.noPerks')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <h3>{t('loyalty.offers.subscriptions')}</h3>
      {offers.length === 0 ? (
        <p>{t('loyalty.offers.noOffers')}</p>
      ) : (
        <Scroll label={t('loyalty.offers.subscriptions')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('loyalty.offers.name')}</th>
                <th scope="col">{t('loyalty.offers.base')}</th>
                <th scope="col">{t('loyalty.offers.terms')}</th>
              </tr>
            </thead>
            <tbody>
              {offers.map((offer) => (
                <tr key={offer.code}>
                  <td>
                    {offer.name} <code>{offer.sku}</code>
                  </td>
                  <td>{t('loyalty.offers.monthly', { price: money(offer.baseMonthlyMinor, offer.currency) })}</td>
                  <td>
                    {offer.terms
                      .map((term) =>
                        term.monthlyMinor !== null
                          ? t('loyalty.offers.term', {
                              months: i18n.plural('loyalty.months', term.months),
                              price: money(term.monthlyMinor, offer.currency),
                            })
                          : t('loyalty.offers.termDiscount', {
                              months: i18n.plural('loyalty.months', term.months),
                              percent: i18n.percent((term.discountBasisPoints ?? 0) / 10000, 2),
                            }),
                      )
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </Section>
  );
}
