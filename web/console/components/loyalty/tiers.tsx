import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { Scroll } from '../settings/form-state.tsx';
import { majorUnits, type TierSettings } from './types.ts';

/** The tiers, lowest first: what it takes to reach each and what it gives. */
export function Tiers({ i18n, tiers }: { i18n: I18n; tiers: TierSettings | null }) {
  const { t, number } = i18n;
  const threshold = (value: number) =>
    tiers?.currency
      ? i18n.money(majorUnits(value, tiers.currency), tiers.currency)
      : i18n.plural('loyalty.points', value);
  return (
    <Section id="tiers" title={t('loyalty.tiers')}>
      {tiers === null || tiers.levels.length === 0 ? (
        <p>{t('loyalty.tiers.none')}</p>
      ) : (
        <Scroll label={t('loyalty.tiers')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('loyalty.tiers.name')}</th>
                <th scope="col">
                  {tiers.basis.endsWith('points') ? t('loyalty.tiers.fromPoints') : t('loyalty.tiers.fromSpend')}
                </th>
                <th scope="col">{t('loyalty.tiers.perks')}</th>
              </tr>
            </thead>
            <tbody>
              {tiers.levels.map((level) => (
                <tr key={level.name}>
                  <td>{level.name}</td>
                  <td>{threshold(level.threshold)}</td>
                  <td>
                    {[
                      level.perks.earnMultiplier !== 1 &&
                        t('loyalty.tiers.multiplier', { times: number(level.perks.earnMultiplier, 2) }),
                      level.perks.freeShipping && t('loyalty.coupons.kind.free_shipping'),
                      level.perks.memberCouponPercent !== null &&
                        t('loyalty.tiers.memberCoupon', { percent: number(level.perks.memberCouponPercent) }),
                      ...level.perks.partnerPerks,
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
    </Section>
  );
}
