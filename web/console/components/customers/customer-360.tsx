import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, unwrap } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import type { PageProps } from '../../page.ts';
import { Section } from '../overview/section.tsx';
import { PageHeading } from '../page-heading.tsx';
import { Failure, Loading } from '../status.tsx';
import { dateTime, displayName, moneyMinor } from './format.ts';
import { type TimelineEntry, Timeline } from './timeline.tsx';
import type { CustomerSegment, CustomerView, Explanation, TierStatus } from './types.ts';

const TIMELINE_PAGE = 30;

interface Predictions {
  readonly asOfDay: string | null;
  readonly note: string | null;
  readonly pAlive: number | null;
  readonly expectedOrders: readonly { readonly days: number; readonly expectedOrders: number }[];
  readonly predictedClvMinor: number | null;
  readonly clvMonths: number;
  readonly currency: string | null;
  readonly expectedNextOrderDay: string | null;
}

interface Loaded {
  readonly view: CustomerView;
  readonly predictions: Predictions;
  readonly segments: readonly CustomerSegment[];
  /** null when the store has no tiers. */
  readonly tier: TierStatus | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The customer 360: who they are and whether they may be emailed, what the model expects of them,
 * the segments they are in and why, their points and tier, and their timeline. Each part comes
 * from its own read endpoint; the timeline pages with its cursor ("Show older").
 */
export function Customer360({ api, i18n, headingId, id }: PageProps & { id: string }) {
  const { t } = i18n;
  const [loaded, setLoaded] = useState<Loaded | { error: string; notFound: boolean } | null>(null);
  const [timeline, setTimeline] = useState<{ entries: TimelineEntry[]; nextCursor: string | null } | null>(null);
  const [timelineError, setTimelineError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const path = { path: { id } };

  const loadTimeline = (before: string | null, previous: TimelineEntry[]) =>
    api
      .GET('/v1/customers/{id}/timeline', {
        params: { ...path, query: { limit: TIMELINE_PAGE, before: before ?? undefined } },
      })
      .then((result) => {
        const page = unwrap(result);
        setTimeline({ entries: [...previous, ...(page.entries as TimelineEntry[])], nextCursor: page.nextCursor });
        setTimelineError(null);
      })
      .catch((error: unknown) => setTimelineError(message(error)));

  useEffect(() => {
    setLoaded(null);
    setTimeline(null);
    Promise.all([
      api.GET('/v1/customers/{id}', { params: path }).then(unwrap),
      api.GET('/v1/customers/{id}/predictions', { params: path }).then(unwrap),
      api.GET('/v1/customers/{id}/segments', { params: path }).then(unwrap),
      api
        .GET('/v1/customers/{id}/tier', { params: path })
        .then(unwrap)
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.code === 'TIERS_NOT_CONFIGURED') return null;
          throw error;
        }),
    ])
      .then(([view, predictions, segments, tier]) =>
        setLoaded({
          view: view as unknown as CustomerView,
          predictions,
          segments: ((segments as { segments?: unknown }).segments ?? []) as CustomerSegment[],
          tier: tier as unknown as TierStatus | null,
        }),
      )
      .catch((error: unknown) =>
        setLoaded({ error: message(error), notFound: error instanceof ApiError && error.status === 404 }),
      );
    void loadTimeline(null, []);
  }, [id, attempt]);

  if (loaded === null)
    return (
      <div class="customer-360">
        <PageHeading id={headingId}>{t('customers.title')}</PageHeading>
        <Loading i18n={i18n} />
      </div>
    );
  if ('error' in loaded)
    return (
      <div class="customer-360">
        <PageHeading id={headingId}>{t('customers.title')}</PageHeading>
        <p>
          <a href="/customers">{t('customers.back')}</a>
        </p>
        {loaded.notFound ? (
          <p role="alert">{t('customer.notFound', { id })}</p>
        ) : (
          <Failure i18n={i18n} message={loaded.error} onRetry={() => setAttempt(attempt + 1)} />
        )}
      </div>
    );

  const { view, predictions, segments, tier } = loaded;
  const profile = view.profile;
  const consent = view.consent.filter((c) => c.channel === 'email' && c.purpose === 'marketing').at(-1);
  const consentText = t(`customer.consent.${consent?.status ?? 'none'}` as MessageKey);
  return (
    <div class="customer-360" data-customer-id={profile.id} data-drawn={timeline !== null}>
      <p class="crumb">
        <a href="/customers">{t('customers.back')}</a>
      </p>
      <PageHeading id={headingId}>{t('customer.title', { name: displayName(profile) ?? profile.id })}</PageHeading>
      <ul class="facts">
        {profile.email && <li>{profile.email}</li>}
        <li>{t('customer.externalId', { id: profile.externalId })}</li>
        <li data-consent={consent?.status ?? 'none'}>
          {t('customer.consent')}: <strong>{consentText}</strong>
        </li>
      </ul>
      <dl class="metrics">
        <Metric label={t('customer.orders')} value={i18n.number(view.orders.count)} />
        <Metric
          label={t('customer.spent')}
          value={
            view.orders.totalSpentMinor === null
              ? '–'
              : moneyMinor(i18n, view.orders.totalSpentMinor, view.orders.currency)
          }
        />
        <Metric
          label={t('customer.lastOrder')}
          value={view.orders.lastOrderAt ? dateTime(i18n, view.orders.lastOrderAt) : '–'}
        />
        <Metric label={t('customer.rfm')} value={view.rfm?.segment ?? '–'} />
      </dl>
      <div class="grid">
        <PredictionsCard i18n={i18n} p={predictions} />
        <Section id="loyalty" title={t('customer.loyalty')}>
          <dl class="pairs">
            <dt>{t('customer.points')}</dt>
            <dd data-points={view.points.available}>
              {i18n.number(view.points.available)}
              {view.points.pending > 0 && (
                <span class="note"> · {i18n.plural('customer.points.pending', view.points.pending)}</span>
              )}
            </dd>
            <dt>{t('customer.tier')}</dt>
            <dd data-tier={tier?.tier?.name ?? ''}>
              {tier === null
                ? t('customer.tier.off')
                : (tier.tier?.name ?? t('customer.tier.none')) +
                  (tier.nextTier
                    ? ` · ${t('customer.tier.next', {
                        missing:
                          tier.measure.basis.endsWith('_spend') && tier.measure.currency
                            ? moneyMinor(i18n, tier.nextTier.missing, tier.measure.currency)
                            : i18n.number(tier.nextTier.missing),
                        tier: tier.nextTier.name,
                      })}`
                    : '')}
            </dd>
          </dl>
        </Section>
      </div>
      <Section id="segments" title={t('customer.segments')} help={t('customer.segments.help')}>
        {segments.length === 0 ? (
          <p>{t('customer.segments.none')}</p>
        ) : (
          <ul class="segments">
            {segments.map((s) => (
              <li key={s.segmentId} data-segment={s.name}>
                <strong>{s.name}</strong>
                {s.enteredAt && (
                  <span class="note">
                    {' '}
                    · {t('customer.segments.since', { date: i18n.date(s.enteredAt.slice(0, 10)) })}
                  </span>
                )}
                <Why i18n={i18n} e={s.explanation} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="timeline" title={t('timeline.title')} help={t('timeline.help')}>
        {timeline === null && timelineError === null && <Loading i18n={i18n} />}
        {timelineError !== null && (
          <Failure
            i18n={i18n}
            message={timelineError}
            onRetry={() => void loadTimeline(timeline?.nextCursor ?? null, timeline?.entries ?? [])}
          />
        )}
        {timeline !== null && timeline.entries.length === 0 && <p>{t('timeline.empty')}</p>}
        {timeline !== null && <Timeline i18n={i18n} entries={timeline.entries} />}
        {timeline?.nextCursor && (
          <button type="button" onClick={() => void loadTimeline(timeline.nextCursor, timeline.entries)}>
            {t('timeline.more')}
          </button>
        )}
      </Section>
    </div>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div class="metric">
      <dt>{label}</dt>
      <dd class="metric-value">{value}</dd>
    </div>
  );
}

function PredictionsCard({ i18n, p }: { i18n: I18n; p: Predictions }) {
  const { t } = i18n;
  if (p.asOfDay === null || p.pAlive === null)
    return (
      <Section id="predictions" title={t('customer.predictions')}>
        <p>{t('customer.predictions.none', { note: p.note ?? '' })}</p>
      </Section>
    );
  return (
    <Section
      id="predictions"
      title={t('customer.predictions')}
      help={t('customer.predictions.help', { date: i18n.date(p.asOfDay) })}
    >
      <dl class="pairs">
        <dt>{t('customer.pAlive')}</dt>
        <dd data-prediction="p-alive" data-raw={p.pAlive}>
          {i18n.percent(p.pAlive)}
        </dd>
        {p.expectedOrders.map((h) => (
          <Fragment key={h.days}>
            <dt>{t('customer.expectedOrders', { days: i18n.number(h.days) })}</dt>
            <dd data-prediction={`orders-${h.days}`} data-raw={h.expectedOrders}>
              {i18n.number(h.expectedOrders, 2)}
            </dd>
          </Fragment>
        ))}
        <dt>{t('customer.clv', { months: i18n.number(p.clvMonths) })}</dt>
        <dd data-prediction="clv" data-raw={p.predictedClvMinor ?? ''}>
          {p.predictedClvMinor === null ? '–' : moneyMinor(i18n, p.predictedClvMinor, p.currency)}
        </dd>
        <dt>{t('customer.nextOrder')}</dt>
        <dd data-prediction="next-order">
          {p.expectedNextOrderDay ? i18n.date(p.expectedNextOrderDay) : t('customer.nextOrder.none')}
        </dd>
      </dl>
    </Section>
  );
}

/** A rule's value or the customer's: numbers in the reader's locale (at most 3 decimals), lists joined. */
function show(i18n: I18n, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return i18n.number(value, Math.abs(value) >= 1 || value === 0 ? 2 : 3);
  if (Array.isArray(value)) return value.map((v) => show(i18n, v)).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A segment rule's explanation as a nested list: each condition with the customer's own value. */
function Why({ i18n, e }: { i18n: I18n; e: Explanation }) {
  const { t } = i18n;
  const mark = (held: boolean) => (
    <span class={held ? 'held' : 'not-held'}>{held ? t('customer.why.held') : t('customer.why.notHeld')}</span>
  );
  if ('all' in e || 'any' in e) {
    const parts = 'all' in e ? e.all : e.any;
    return (
      <div class="why">
        {t('all' in e ? 'customer.why.all' : 'customer.why.any')} ({mark(e.held)})
        <ul>
          {parts.map((p, i) => (
            <li key={i}>
              <Why i18n={i18n} e={p} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if ('not' in e)
    return (
      <div class="why">
        {t('customer.why.not')} ({mark(e.held)})
        <ul>
          <li>
            <Why i18n={i18n} e={e.not} />
          </li>
        </ul>
      </div>
    );
  return (
    <div class="why-condition">
      <code>
        {e.field} {e.op} {show(i18n, e.value)}
      </code>{' '}
      · {t('customer.why.actual', { value: show(i18n, e.actual) })} · {mark(e.held)}
    </div>
  );
}
