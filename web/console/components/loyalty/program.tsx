import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { type LoyaltyProgram, majorUnits } from './types.ts';

/** The loyalty program at a glance: how points are earned, what they are worth, when they expire. */
export function ProgramSummary({ i18n, program }: { i18n: I18n; program: LoyaltyProgram | null }) {
  const { t } = i18n;
  if (program === null)
    return (
      <Section id="program" title={t('loyalty.program')}>
        <p data-program="none">{t('loyalty.program.none')}</p>
      </Section>
    );
  const rate = program.earn.rate;
  const money = (minor: number) => i18n.money(majorUnits(minor, program.currency), program.currency);
  const actions = Object.entries(program.actions);
  return (
    <Section id="program" title={t('loyalty.program')}>
      <dl class="facts">
        <div>
          <dt>{t('loyalty.program.state')}</dt>
          <dd data-program={program.enabled ? 'on' : 'paused'}>
            {program.enabled ? t('loyalty.program.on') : t('loyalty.program.paused')}
          </dd>
        </div>
        <div>
          <dt>{t('loyalty.program.earn')}</dt>
          <dd>
            {t('loyalty.program.earnRate', {
              points: i18n.plural('loyalty.points', rate.points),
              spend: money(rate.perMinor),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('loyalty.program.value')}</dt>
          <dd>
            {program.pointValue
              ? t('loyalty.program.valueOf', {
                  points: i18n.plural('loyalty.points', program.pointValue.points),
                  value: money(program.pointValue.minor),
                })
              : t('loyalty.program.noValue')}
          </dd>
        </div>
        <div>
          <dt>{t('loyalty.program.expiry')}</dt>
          <dd>
            {program.expiry.months === null
              ? t('loyalty.program.neverExpire')
              : t('loyalty.program.expireAfter', { months: i18n.plural('loyalty.months', program.expiry.months) })}
          </dd>
        </div>
        <div>
          <dt>{t('loyalty.program.pending')}</dt>
          <dd>{i18n.plural('loyalty.days', program.returnWindowDays)}</dd>
        </div>
        {program.firstOrderCashback && (
          <div>
            <dt>{t('loyalty.program.cashback')}</dt>
            <dd>{i18n.percent(program.firstOrderCashback.percent / 100)}</dd>
          </div>
        )}
      </dl>
      {actions.length > 0 && (
        <>
          <h3>{t('loyalty.program.actions')}</h3>
          <ul class="plain">
            {actions.map(([name, rule]) => (
              <li key={name}>
                {t('loyalty.program.action', { name, points: i18n.plural('loyalty.points', rule.points) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {program.redemption.length > 0 && (
        <>
          <h3>{t('loyalty.program.redemption')}</h3>
          <ul class="plain">
            {program.redemption.map((option) => (
              <li key={option.id}>
                {t('loyalty.program.redeemFor', {
                  points: i18n.plural('loyalty.points', option.points),
                  reward:
                    option.reward.kind === 'amount'
                      ? money(option.reward.amountMinor ?? 0)
                      : option.reward.kind === 'percent'
                        ? i18n.percent((option.reward.percent ?? 0) / 100)
                        : option.reward.kind === 'free_shipping'
                          ? t('loyalty.coupons.kind.free_shipping')
                          : (option.reward.sku ?? ''),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
