import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/client.ts';
import { CampaignCompose } from '../components/campaigns/campaign-compose.tsx';
import { useNotice } from '../components/campaigns/notice.ts';
import { CampaignList } from '../components/campaigns/campaign-list.tsx';
import type { CampaignList as List } from '../components/campaigns/types.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Failure, Loading } from '../components/status.tsx';
import type { PageProps } from '../page.ts';
import { canChange } from '../session.ts';
import '../components/campaigns/campaigns.css';

/**
 * Campaigns: the list (/campaigns), a new one (/campaigns/new) and one campaign
 * (/campaigns/<name>), which is a draft to edit or a scheduled, sent or cancelled one to look at.
 */
export function CampaignsPage({ api, i18n, session, path, headingId }: PageProps) {
  const [list, setList] = useState<List | { error: string } | null>(null);
  const [version, setVersion] = useState(0);
  const notice = useNotice();
  useEffect(() => {
    api
      .GET('/v1/campaigns')
      .then((r) => setList(unwrap(r)))
      .catch((error: unknown) => setList({ error: error instanceof Error ? error.message : String(error) }));
  }, [version]);

  const sub = decodeURIComponent(path.replace(/^\/campaigns\/?/, '').replace(/\/+$/, ''));
  const data = list !== null && !('error' in list) ? list : null;
  const existing = data && sub !== '' && sub !== 'new' ? (data.campaigns.find((c) => c.name === sub) ?? null) : null;
  const mayChange = canChange(session);

  const title =
    sub === ''
      ? i18n.t('campaigns.title')
      : sub === 'new'
        ? i18n.t('compose.title')
        : i18n.t('compose.editTitle', { name: sub });
  return (
    <div class="campaigns" data-ready={data !== null}>
      <PageHeading id={headingId}>{title}</PageHeading>
      {sub === '' ? (
        <div class="page-actions">
          <p class="lede">{i18n.t('campaigns.lede')}</p>
          {mayChange && (
            <a class="button" href="/campaigns/new">
              {i18n.t('campaigns.new')}
            </a>
          )}
        </div>
      ) : (
        <p>
          <a href="/campaigns">{i18n.t('campaigns.back')}</a>
        </p>
      )}
      {list === null && <Loading i18n={i18n} />}
      {list !== null && 'error' in list && (
        <Failure i18n={i18n} message={list.error} onRetry={() => setVersion(version + 1)} />
      )}
      {data !== null && sub === '' && <CampaignList i18n={i18n} list={data} />}
      {data !== null && sub !== '' && (sub === 'new' || existing !== null) && (
        <CampaignCompose
          key={`${sub}:${existing?.status ?? ''}`}
          api={api}
          i18n={i18n}
          canChange={mayChange}
          email={session.user.email}
          timeZone={data.timeZone}
          existing={existing}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}
      <div aria-live="polite" class="notice-area">
        {notice !== null && (
          <p class={notice.ok ? 'status notice' : 'status failure'} role={notice.ok ? 'status' : 'alert'}>
            {notice.text}
          </p>
        )}
      </div>
      {data !== null && sub !== '' && sub !== 'new' && existing === null && (
        <Failure i18n={i18n} message={i18n.t('page.notFound.body', { path })} />
      )}
    </div>
  );
}
