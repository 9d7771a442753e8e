import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { unwrap } from '../api/client.ts';
import { BestCustomers } from '../components/overview/best-customers.tsx';
import { ClvDistribution } from '../components/overview/clv-distribution.tsx';
import { Cohorts } from '../components/overview/cohorts.tsx';
import { Growth } from '../components/overview/growth.tsx';
import { Headline } from '../components/overview/headline.tsx';
import { NextSteps } from '../components/overview/next-steps.tsx';
import { RepeatCurve } from '../components/overview/repeat-curve.tsx';
import type { StoreOverview } from '../components/overview/types.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Failure, Loading } from '../components/status.tsx';
import { createI18n } from '../i18n/i18n.ts';
import type { PageProps } from '../page.ts';
import { canChange } from '../session.ts';

/**
 * The store at a glance, from its stored orders: the same figures as `regulars analyze`. The page
 * marks itself data-drawn once the numbers and every chart are on screen (the console benchmark
 * and the browser tests wait for it).
 */
export function OverviewPage({ api, i18n, session, headingId }: PageProps) {
  const [overview, setOverview] = useState<StoreOverview | { error: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const drawn = useRef(new Set<string>());
  const [allDrawn, setAllDrawn] = useState(false);
  useEffect(() => {
    setOverview(null);
    api
      .GET('/v1/console/overview')
      .then((result) => setOverview(unwrap(result)))
      .catch((error: unknown) => setOverview({ error: error instanceof Error ? error.message : String(error) }));
  }, [attempt]);

  // Numbers in the store's own locale and currency once the overview says them.
  const local = useMemo(
    () => (overview && 'locale' in overview && overview.locale ? createI18n(overview.locale, {}) : i18n),
    [overview],
  );
  const view = {
    ...i18n,
    number: local.number,
    percent: local.percent,
    money: local.money,
    date: local.date,
    month: local.month,
  };
  const data = overview && !('error' in overview) ? overview : null;
  const charts = data?.report ? (data.clvDistribution ? 4 : 3) : 0;
  const onDrawn = (name: string) => () => {
    drawn.current.add(name);
    if (drawn.current.size >= charts) setAllDrawn(true);
  };
  const money = (value: number) => view.money(value, data?.currency ?? null);
  const computedAt = data?.computedAt
    ? new Intl.DateTimeFormat(local.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(data.computedAt),
      )
    : '';

  return (
    <div class="overview" data-drawn={data !== null && (charts === 0 || allDrawn)}>
      <PageHeading id={headingId}>{i18n.t('overview.title')}</PageHeading>
      {overview === null && <Loading i18n={i18n} />}
      {overview !== null && 'error' in overview && (
        <Failure i18n={i18n} message={overview.error} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {data !== null && data.report === null && <p>{i18n.t('overview.empty')}</p>}
      {data?.report && (
        <>
          <p class="lede">
            {i18n.t('overview.asOf', {
              date: view.date(data.asOf!),
              first: view.date(data.firstOrderDate!),
              last: view.date(data.lastOrderDate!),
            })}
          </p>
          {data.stale && (
            <p class="note stale" role="status">
              {i18n.t('overview.stale', { time: computedAt })}
            </p>
          )}
          <Headline i18n={view} report={data.report} money={money} />
          <NextSteps i18n={view} report={data.report} canChange={canChange(session)} />
          <div class="grid">
            <RepeatCurve i18n={view} report={data.report} onDrawn={onDrawn('repeat')} />
            <Growth i18n={view} report={data.report} money={money} onDrawn={onDrawn('growth')} />
            <Cohorts i18n={view} report={data.report} onDrawn={onDrawn('cohorts')} />
            <ClvDistribution i18n={view} distribution={data.clvDistribution} money={money} onDrawn={onDrawn('clv')} />
            <BestCustomers i18n={view} report={data.report} money={money} />
          </div>
          {!data.stale && (
            <p class="note">{i18n.t('overview.cached', { time: computedAt, ms: view.number(data.computeMs) })}</p>
          )}
        </>
      )}
    </div>
  );
}
