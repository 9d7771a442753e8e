import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { Scroll } from '../settings/form-state.tsx';
import type { ChallengeSettings, ChallengeView, ReferralSettings } from './types.ts';

/** Referral rewards: points for both sides, and the limits against abuse. */
export function Referrals({ i18n, settings }: { i18n: I18n; settings: ReferralSettings | null }) {
  const { t, number } = i18n;
  return (
    <Section id="referrals" title={t('loyalty.referrals')}>
      {settings === null ? (
        <p>{t('loyalty.referrals.none')}</p>
      ) : (
        <dl class="facts">
          <div>
            <dt>{t('loyalty.referrals.referrer')}</dt>
            <dd>{i18n.plural('loyalty.points', settings.referrerPoints)}</dd>
          </div>
          <div>
            <dt>{t('loyalty.referrals.referred')}</dt>
            <dd>{i18n.plural('loyalty.points', settings.referredPoints)}</dd>
          </div>
          <div>
            <dt>{t('loyalty.referrals.perIp')}</dt>
            <dd>
              {settings.maxReferralsPerIpPer30Days === null
                ? t('loyalty.referrals.noLimit')
                : number(settings.maxReferralsPerIpPer30Days)}
            </dd>
          </div>
          <div>
            <dt>{t('loyalty.referrals.after')}</dt>
            <dd>{i18n.plural('loyalty.days', settings.pointsAvailableAfterDays)}</dd>
          </div>
        </dl>
      )}
    </Section>
  );
}

/** Personal challenges: the rules in force and the latest issued. */
export function Challenges({
  i18n,
  settings,
  latest,
}: {
  i18n: I18n;
  settings: ChallengeSettings;
  latest: readonly ChallengeView[];
}) {
  const { t, number } = i18n;
  return (
    <Section id="challenges" title={t('loyalty.challenges')} help={t('loyalty.challenges.help')}>
      <dl class="facts">
        <div>
          <dt>{t('loyalty.challenges.window')}</dt>
          <dd>{i18n.plural('loyalty.days', settings.windowDays)}</dd>
        </div>
        {settings.kinds.map((kind) => (
          <div key={kind}>
            <dt>{t('loyalty.challenges.bonus', { kind })}</dt>
            <dd>{i18n.plural('loyalty.points', settings.bonusPoints[kind] ?? 0)}</dd>
          </div>
        ))}
      </dl>
      {latest.length === 0 ? (
        <p>{t('loyalty.challenges.none')}</p>
      ) : (
        <Scroll label={t('loyalty.challenges.latest')}>
          <table>
            <caption class="visually-hidden">{t('loyalty.challenges.latest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('loyalty.challenges.challenge')}</th>
                <th scope="col" class="num">
                  {t('loyalty.challenges.progress')}
                </th>
                <th scope="col">{t('loyalty.challenges.deadline')}</th>
                <th scope="col">{t('loyalty.challenges.status')}</th>
              </tr>
            </thead>
            <tbody>
              {latest.map((c) => (
                <tr key={c.id}>
                  <td>{c.description}</td>
                  <td class="num">
                    {number(c.progress)} / {number(c.target.orders)}
                  </td>
                  <td>{i18n.date(c.deadline)}</td>
                  <td>{c.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </Section>
  );
}
