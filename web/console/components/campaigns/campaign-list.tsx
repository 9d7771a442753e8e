import { useState } from 'preact/hooks';
import type { I18n } from '../../i18n/i18n.ts';
import { type CampaignList as List, type CampaignStatus, formatSendAt, STATUSES } from './types.ts';

/** The store's campaigns with a filter by status; each opens its page. */
export function CampaignList({ i18n, list }: { i18n: I18n; list: List }) {
  const [shown, setShown] = useState<CampaignStatus | 'all'>('all');
  const campaigns = list.campaigns.filter((c) => shown === 'all' || c.status === shown);
  const total = list.campaigns.length;
  return (
    <section aria-labelledby="campaign-list-heading">
      <h2 id="campaign-list-heading" class="visually-hidden">
        {i18n.t('campaigns.title')}
      </h2>
      <div class="campaign-filter" role="group" aria-label={i18n.t('campaigns.filter')}>
        <button type="button" aria-pressed={shown === 'all'} onClick={() => setShown('all')}>
          {i18n.t('campaigns.filter.all', { count: i18n.number(total) })}
        </button>
        {STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            aria-pressed={shown === status}
            data-status={status}
            onClick={() => setShown(status)}
          >
            {i18n.t('campaigns.statusCount', {
              status: i18n.t(`campaigns.status.${status}`),
              count: i18n.number(list.counts[status]),
            })}
          </button>
        ))}
      </div>
      {total === 0 && <p>{i18n.t('campaigns.empty')}</p>}
      <ul class="campaign-list">
        {campaigns.map((c) => {
          const m = c.messages;
          const when = formatSendAt(c.sendAt, list.timeZone, i18n.locale);
          return (
            <li key={c.name} class="campaign-card" data-campaign={c.name}>
              <div class="campaign-card-head">
                <a href={`/campaigns/${encodeURIComponent(c.name)}`}>{c.subject || c.name}</a>
                <span class={`badge badge-${c.status}`}>{i18n.t(`campaigns.status.${c.status}`)}</span>
              </div>
              <dl class="campaign-facts">
                <div>
                  <dt>{i18n.t('campaigns.col.name')}</dt>
                  <dd>{c.name}</dd>
                </div>
                <div>
                  <dt>{i18n.t('campaigns.col.audience')}</dt>
                  <dd>{c.segmentName ?? c.segment ?? i18n.t('campaigns.everyone')}</dd>
                </div>
                <div>
                  <dt>{i18n.t('campaigns.col.sendAt')}</dt>
                  <dd>{c.localTime ? i18n.t('campaigns.localTime', { time: when }) : when}</dd>
                </div>
                <div>
                  <dt>{i18n.t('campaigns.col.messages')}</dt>
                  <dd>
                    {i18n.t('campaigns.messagesSummary', {
                      sent: i18n.number(m.sent ?? 0),
                      waiting: i18n.number((m.planned ?? 0) + (m.postponed ?? 0) + (m.sending ?? 0)),
                      heldOut: i18n.number(m.held_out ?? 0),
                      skipped: i18n.number(m.skipped ?? 0),
                    })}
                  </dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
