import { useRef, useState } from 'preact/hooks';
import { type Api, unwrap } from '../api/client.ts';
import { ChurnChart } from '../components/loyalty/churn-chart.tsx';
import { Coupons } from '../components/loyalty/coupons.tsx';
import { LiabilityChart } from '../components/loyalty/liability-chart.tsx';
import { Offers } from '../components/loyalty/offers.tsx';
import { ProgramSummary } from '../components/loyalty/program.tsx';
import { Challenges, Referrals } from '../components/loyalty/rewards.tsx';
import { Tiers } from '../components/loyalty/tiers.tsx';
import type {
  ChallengeSettings,
  ChallengeView,
  ChurnReasonReport,
  LiabilityReport,
  LoyaltyProgram,
  MembershipPlan,
  ReferralSettings,
  SubscriptionOffer,
  TierSettings,
} from '../components/loyalty/types.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { ReadOnlyNote, useLoad } from '../components/settings/form-state.tsx';
import '../components/settings/settings.css';
import { Failure, Loading } from '../components/status.tsx';
import type { PageProps } from '../page.ts';
import { canChange } from '../session.ts';

/** A setting the store may not have made yet: 404 is "none", any other failure is an error. */
async function optional<T>(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T | null> {
  const result = await request;
  if (result.response.status === 404) return null;
  return unwrap(result) as T;
}

async function loadAll(api: Api) {
  const [program, tiers, referrals, challengeSettings, challenges, plans, offers, liability, churn] = await Promise.all(
    [
      optional<LoyaltyProgram>(api.GET('/v1/loyalty/program')),
      optional<TierSettings>(api.GET('/v1/tiers')),
      optional<ReferralSettings>(api.GET('/v1/referrals/settings')),
      api.GET('/v1/challenges/settings').then((r) => unwrap(r) as unknown as ChallengeSettings),
      api
        .GET('/v1/challenges', { params: { query: { limit: 10 } } })
        .then((r) => unwrap(r).challenges as unknown as ChallengeView[]),
      api.GET('/v1/membership-plans').then((r) => (unwrap(r) as { plans?: MembershipPlan[] }).plans ?? []),
      api.GET('/v1/subscription-offers').then((r) => unwrap(r).offers as unknown as SubscriptionOffer[]),
      api.GET('/v1/loyalty/liability').then((r) => unwrap(r) as unknown as LiabilityReport),
      api.GET('/v1/subscriptions/churn-reasons').then((r) => unwrap(r) as unknown as ChurnReasonReport),
    ],
  );
  return { program, tiers, referrals, challengeSettings, challenges, plans, offers, liability, churn };
}

/**
 * Loyalty and offers: the program, tiers, referrals, challenges, coupons, memberships and
 * subscription offers, with the points liability and churn-reason charts. Everyone reads;
 * marketers and owners create coupons. The page marks itself data-drawn once both charts are on
 * screen (or have nothing to draw).
 */
export function LoyaltyPage({ api, i18n, session, headingId }: PageProps) {
  const { t } = i18n;
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => loadAll(api), attempt);
  const drawn = useRef(new Set<string>());
  const [drawnCount, setDrawnCount] = useState(0);
  const onDrawn = (name: string) => () => {
    drawn.current.add(name);
    setDrawnCount(drawn.current.size);
  };
  const data = loaded && 'data' in loaded ? loaded.data : null;
  const charts = data
    ? (data.liability.months.length > 0 ? 1 : 0) +
      (data.churn.months.length > 0 && data.churn.total.cancelled.count > 0 ? 1 : 0)
    : 0;
  const editable = canChange(session);

  return (
    <div class="loyalty-page" data-drawn={data !== null && drawnCount >= charts}>
      <PageHeading id={headingId}>{t('loyalty.title')}</PageHeading>
      <p class="lede">{t('loyalty.lede')}</p>
      {!editable && <ReadOnlyNote i18n={i18n} text={t('loyalty.readOnly')} />}
      {loaded === null && <Loading i18n={i18n} />}
      {loaded && 'error' in loaded && (
        <Failure i18n={i18n} message={loaded.error} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {data && (
        <>
          <div class="grid">
            <LiabilityChart i18n={i18n} report={data.liability} onDrawn={onDrawn('liability')} />
            <ChurnChart i18n={i18n} report={data.churn} onDrawn={onDrawn('churn')} />
          </div>
          <Coupons api={api} i18n={i18n} editable={editable} />
          <div class="grid">
            <ProgramSummary i18n={i18n} program={data.program} />
            <Tiers i18n={i18n} tiers={data.tiers} />
            <Referrals i18n={i18n} settings={data.referrals} />
            <Challenges i18n={i18n} settings={data.challengeSettings} latest={data.challenges} />
          </div>
          <Offers i18n={i18n} plans={data.plans} offers={data.offers} />
        </>
      )}
    </div>
  );
}
