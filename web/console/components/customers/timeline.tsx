import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { dateTime, moneyMinor } from './format.ts';

export interface TimelineEntry {
  readonly at: string;
  readonly kind: 'order' | 'message' | 'points' | 'tier' | 'challenge' | 'coupon' | 'consent';
  readonly event: string;
  readonly id: string;
  readonly source: string;
  readonly detail: { readonly [key: string]: string | number | boolean | null };
}

const MESSAGE_EVENTS = new Set([
  'sent',
  'held_out',
  'suppressed',
  'capped',
  'quiet_hours',
  'stopped',
  'failed',
  'no_consent',
  'no_address',
]);

/** One line of text per entry, from the catalogue: what happened, with its figures. */
export function describeEntry(i18n: I18n, e: TimelineEntry): string {
  const { t } = i18n;
  const d = e.detail;
  const text = (key: string) => (d[key] === null || d[key] === undefined ? '' : String(d[key]));
  const num = (key: string) => (typeof d[key] === 'number' ? d[key] : 0);
  const currency = typeof d.currency === 'string' ? d.currency : null;
  switch (e.kind) {
    case 'order':
      return t(`timeline.order.${e.event}` as MessageKey, {
        id: text('externalId'),
        total: moneyMinor(i18n, num('totalMinor'), currency),
        refunded: moneyMinor(i18n, num('refundedMinor'), currency),
      });
    case 'message': {
      const params = { flow: text('flow'), template: text('template'), channel: text('channel'), status: e.event };
      return MESSAGE_EVENTS.has(e.event)
        ? t(`timeline.message.${e.event}` as MessageKey, params)
        : t('timeline.message.other', params);
    }
    case 'points':
      return t(`timeline.points.${e.event}` as MessageKey, {
        points: i18n.number(Math.abs(num('points'))),
        reason: text('reason'),
      });
    case 'tier':
      return t(`timeline.tier.${e.event}` as MessageKey, { to: text('to') || t('timeline.tier.noTier') });
    case 'challenge':
      return t(`timeline.challenge.${e.event}` as MessageKey, {
        target: i18n.number(num('targetOrders')),
        deadline: typeof d.deadline === 'string' ? i18n.date(d.deadline) : '',
        bonus: i18n.number(num('bonusPoints')),
        progress: i18n.number(num('progress')),
      });
    case 'coupon':
      return t(`timeline.coupon.${e.event}` as MessageKey, { code: text('code') });
    case 'consent':
      return t(`timeline.consent.${e.event}` as MessageKey, {
        channel: text('channel'),
        purpose: text('purpose'),
        source: text('source'),
      });
  }
}

/** The timeline as an ordered list, newest first; each entry says its kind, its time and what happened. */
export function Timeline({ i18n, entries }: { i18n: I18n; entries: readonly TimelineEntry[] }) {
  const { t } = i18n;
  return (
    <ol class="timeline">
      {entries.map((e) => (
        <li key={`${e.source}:${e.id}`} class={`timeline-entry kind-${e.kind}`} data-kind={e.kind} data-event={e.event}>
          <span class="timeline-kind">{t(`timeline.kind.${e.kind}`)}</span>
          <time dateTime={e.at}>{dateTime(i18n, e.at)}</time>
          <span class="timeline-text">{describeEntry(i18n, e)}</span>
          {e.kind === 'message' && e.event !== 'sent' && typeof e.detail.reason === 'string' && (
            <span class="timeline-reason">{t('timeline.reason', { reason: e.detail.reason })}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
