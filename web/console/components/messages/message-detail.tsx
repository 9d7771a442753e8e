import { useEffect, useState } from 'preact/hooks';
import { type Api, type Credentials, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import type { I18n } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/messages.en.ts';
import { Failure, Loading } from '../status.tsx';
import { CaughtMail } from './caught-mail.tsx';

type Detail = paths['/v1/messages/{id}']['get']['responses'][200]['content']['application/json'];
export interface CaughtSummary {
  readonly id: string;
  readonly messageId: string;
}

const bare = (id: string | null | undefined) => (id ?? '').trim().replace(/^<|>$/g, '');

/**
 * One outbox message: what became of it and why, the template and its data. The outbox does not
 * keep the email as sent; in the demo the mail catcher does, found by the Message-ID the mail
 * server took it under, and shown rendered.
 */
export function MessageDetail({
  api,
  credentials,
  i18n,
  id,
  caught,
  onClose,
}: {
  api: Api;
  credentials: Credentials;
  i18n: I18n;
  id: string;
  caught: readonly CaughtSummary[] | null;
  onClose: () => void;
}) {
  const { t } = i18n;
  const [detail, setDetail] = useState<Detail | { error: string } | null>(null);
  useEffect(() => {
    setDetail(null);
    api
      .GET('/v1/messages/{id}', { params: { path: { id } } })
      .then((result) => setDetail(unwrap(result)))
      .catch((error: unknown) => setDetail({ error: error instanceof Error ? error.message : String(error) }));
  }, [id]);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.locale) : '—');
  const data = detail && !('error' in detail) ? detail : null;
  const mail = data?.providerMessageId
    ? caught?.find((c) => bare(c.messageId) === bare(data.providerMessageId))
    : undefined;
  return (
    <section class="card message-detail" aria-labelledby="message-detail-title" data-message={id}>
      <h2 id="message-detail-title" tabIndex={-1}>
        {t('messages.detail', { id })}
      </h2>
      <button type="button" onClick={onClose}>
        {t('messages.detail.close')}
      </button>
      {detail === null && <Loading i18n={i18n} />}
      {detail !== null && 'error' in detail && <Failure i18n={i18n} message={detail.error} />}
      {data && (
        <>
          <dl class="pairs">
            <dt>{t('messages.col.status')}</dt>
            <dd>
              <span class={`pill ${data.status}`}>{t(`messages.status.${data.status}` as MessageKey)}</span>
            </dd>
            <dt>{t('messages.col.reason')}</dt>
            <dd>{data.reason ?? '—'}</dd>
            <dt>{t('messages.col.customer')}</dt>
            <dd>
              {data.customerId ? (
                <a href={`/customers/${encodeURIComponent(data.customerId)}`}>{data.customerId}</a>
              ) : (
                '—'
              )}
            </dd>
            <dt>{t('messages.col.flow')}</dt>
            <dd>{data.flow}</dd>
            <dt>{t('messages.col.channel')}</dt>
            <dd>{data.channel}</dd>
            <dt>{t('messages.detail.template')}</dt>
            <dd>{data.template}</dd>
            <dt>{t('messages.detail.planned')}</dt>
            <dd>{when(data.plannedSendAt)}</dd>
            <dt>{t('messages.col.due')}</dt>
            <dd>{when(data.sendAt)}</dd>
            <dt>{t('messages.detail.sentAt')}</dt>
            <dd>{when(data.sentAt)}</dd>
            <dt>{t('messages.detail.attempts')}</dt>
            <dd>{i18n.number(data.attempts)}</dd>
            <dt>{t('messages.detail.providerId')}</dt>
            <dd class="wrap">{data.providerMessageId ?? '—'}</dd>
          </dl>
          {mail ? (
            <CaughtMail credentials={credentials} i18n={i18n} mailId={mail.id} />
          ) : (
            <p class="note">{t('messages.detail.noBody')}</p>
          )}
          <details>
            <summary>{t('messages.detail.data')}</summary>
            <pre class="mail-text">{JSON.stringify(data.data, null, 2)}</pre>
          </details>
        </>
      )}
    </section>
  );
}
