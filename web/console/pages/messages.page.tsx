import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/client.ts';
import { type CaughtMailSummary as Caught, demoMail } from '../api/demo-mail.ts';
import type { paths } from '../api/schema';
import { PageHeading } from '../components/page-heading.tsx';
import { Failure, Loading } from '../components/status.tsx';
import { CaughtMail } from '../components/messages/caught-mail.tsx';
import { type CaughtSummary, MessageDetail } from '../components/messages/message-detail.tsx';
import type { MessageKey } from '../i18n/messages.en.ts';
import type { PageProps } from '../page.ts';
import './segments.css';
import './messages.css';

type LogQuery = NonNullable<paths['/v1/messages']['get']['parameters']['query']>;
type Entry = paths['/v1/messages']['get']['responses'][200]['content']['application/json']['messages'][number];
type Status = NonNullable<LogQuery['status']>;

const STATUSES: readonly Status[] = [
  'sent',
  'queued',
  'retrying',
  'held_out',
  'capped',
  'quiet_hours',
  'suppressed',
  'stopped_by_order',
  'no_consent',
  'skipped',
  'failed',
];
const CHANNELS = ['email', 'webhook'];
const PAGE = 50;

interface Filters {
  status: string;
  flow: string;
  channel: string;
  customer: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { status: '', flow: '', channel: '', customer: '', from: '', to: '' };

function queryOf(filters: Filters, cursor: string | null): LogQuery {
  const query: LogQuery = { limit: PAGE };
  if (filters.status) query.status = filters.status as Status;
  for (const key of ['flow', 'channel', 'customer', 'from', 'to'] as const) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  if (cursor) query.cursor = cursor;
  return query;
}

/**
 * The outbox log: every message with what became of it and why, filtered and paged (GET
 * /v1/messages); a message opens with its details, and rendered when a copy as sent exists (in the
 * demo, the mail catcher's, whose messages are listed below the log).
 */
export function MessagesPage({ api, i18n, session, headingId }: PageProps) {
  const { t } = i18n;
  const [form, setForm] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [log, setLog] = useState<{ messages: Entry[]; next: string | null } | { error: string } | null>(null);
  const [more, setMore] = useState(false);
  const [open, setOpen] = useState<{ kind: 'message' | 'mail'; id: string } | null>(null);
  const [caught, setCaught] = useState<Caught[] | null>(null);
  const [demoError, setDemoError] = useState<string | null>(null);

  const load = async (filters: Filters, cursor: string | null) => {
    const data = unwrap(await api.GET('/v1/messages', { params: { query: queryOf(filters, cursor) } }));
    return { messages: data.messages, next: data.nextCursor };
  };

  useEffect(() => {
    setLog(null);
    load(applied, null)
      .then(setLog)
      .catch((error: unknown) => setLog({ error: error instanceof Error ? error.message : String(error) }));
  }, [applied]);

  // The demo's mail catcher answers only in the demo; elsewhere the route does not exist (404).
  useEffect(() => {
    demoMail(session.credentials)
      .then(setCaught)
      .catch((error: unknown) => setDemoError(error instanceof Error ? error.message : String(error)));
  }, []);

  useEffect(() => {
    if (open) requestAnimationFrame(() => document.getElementById('message-detail-title')?.focus());
  }, [open?.id]);

  const showMore = async () => {
    if (!log || 'error' in log || !log.next) return;
    setMore(true);
    try {
      const page = await load(applied, log.next);
      setLog({ messages: [...log.messages, ...page.messages], next: page.next });
    } catch (error) {
      setLog({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      setMore(false);
    }
  };

  const field = (key: keyof Filters) => ({
    name: key,
    id: `filter-${key}`,
    value: form[key],
    onInput: (e: Event) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value }),
  });
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.locale) : '—');
  const closeDetail = () => {
    const id = open?.id;
    setOpen(null);
    requestAnimationFrame(() => (document.querySelector(`[data-open="${id}"]`) as HTMLElement | null)?.focus());
  };
  const summaries: CaughtSummary[] | null = caught?.map((c) => ({ id: c.id, messageId: c.messageId })) ?? null;
  const data = log && !('error' in log) ? log : null;

  return (
    <div class="messages-page">
      <PageHeading id={headingId}>{t('messages.title')}</PageHeading>
      <p class="lede">{t('messages.lede')}</p>
      <form
        class="card filters"
        aria-labelledby="filters-title"
        onSubmit={(e) => {
          e.preventDefault();
          setOpen(null);
          setApplied({ ...form });
        }}
      >
        <h2 id="filters-title">{t('messages.filters')}</h2>
        <div class="filter-grid">
          <label for="filter-status">
            {t('messages.filter.status')}
            <select
              {...field('status')}
              onChange={(e) => setForm({ ...form, status: (e.target as HTMLSelectElement).value })}
            >
              <option value="">{t('messages.filter.anyStatus')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`messages.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label for="filter-flow">
            {t('messages.filter.flow')}
            <input {...field('flow')} />
          </label>
          <label for="filter-channel">
            {t('messages.filter.channel')}
            <select
              {...field('channel')}
              onChange={(e) => setForm({ ...form, channel: (e.target as HTMLSelectElement).value })}
            >
              <option value="">{t('messages.filter.anyChannel')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label for="filter-customer">
            {t('messages.filter.customer')}
            <input {...field('customer')} />
          </label>
          <label for="filter-from">
            {t('messages.filter.from')}
            <input type="date" {...field('from')} />
          </label>
          <label for="filter-to">
            {t('messages.filter.to')}
            <input type="date" {...field('to')} />
          </label>
        </div>
        <div class="rule-row">
          <button type="submit" class="button">
            {t('messages.filter.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(NO_FILTERS);
              setApplied(NO_FILTERS);
            }}
          >
            {t('messages.filter.clear')}
          </button>
        </div>
      </form>

      {open?.kind === 'message' && (
        <MessageDetail
          api={api}
          credentials={session.credentials}
          i18n={i18n}
          id={open.id}
          caught={summaries}
          onClose={closeDetail}
        />
      )}
      {open?.kind === 'mail' && (
        <section class="card message-detail" aria-labelledby="message-detail-title">
          <h2 id="message-detail-title" tabIndex={-1}>
            {t('messages.detail', { id: open.id })}
          </h2>
          <button type="button" onClick={closeDetail}>
            {t('messages.detail.close')}
          </button>
          <CaughtMail credentials={session.credentials} i18n={i18n} mailId={open.id} />
        </section>
      )}

      <section class="card" aria-labelledby="log-title" id="outbox-log">
        <h2 id="log-title">{t('messages.log')}</h2>
        {log === null && <Loading i18n={i18n} />}
        {log !== null && 'error' in log && (
          <Failure i18n={i18n} message={log.error} onRetry={() => setApplied({ ...applied })} />
        )}
        {data && data.messages.length === 0 && <p data-empty>{t('messages.none')}</p>}
        {data && data.messages.length > 0 && (
          <div class="scroll" tabIndex={0} role="region" aria-label={t('messages.log')}>
            <table class="log-table" data-count={data.messages.length}>
              <thead>
                <tr>
                  <th scope="col">{t('messages.col.due')}</th>
                  <th scope="col">{t('messages.col.customer')}</th>
                  <th scope="col">{t('messages.col.flow')}</th>
                  <th scope="col">{t('messages.col.channel')}</th>
                  <th scope="col">{t('messages.col.status')}</th>
                  <th scope="col">{t('messages.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {data.messages.map((m) => (
                  <tr key={m.id} data-row={m.id} data-status={m.status}>
                    <td>
                      <button
                        type="button"
                        class="link"
                        data-open={m.id}
                        onClick={() => setOpen({ kind: 'message', id: m.id })}
                      >
                        {when(m.sentAt ?? m.sendAt)}{' '}
                        <span class="visually-hidden">{t('messages.open', { id: m.id })}</span>
                      </button>
                    </td>
                    <td>{m.customerId ?? '—'}</td>
                    <td>{m.flow}</td>
                    <td>{m.channel}</td>
                    <td>
                      <span class={`pill ${m.status}`}>{t(`messages.status.${m.status}` as MessageKey)}</span>
                    </td>
                    <td class="reason">{m.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data?.next && (
          <button type="button" onClick={() => void showMore()} disabled={more}>
            {t('messages.more')}
          </button>
        )}
      </section>

      {demoError !== null && <Failure i18n={i18n} message={demoError} />}
      {caught !== null && (
        <section class="card" aria-labelledby="demo-mail-title" id="demo-mail">
          <h2 id="demo-mail-title">{t('messages.demo')}</h2>
          <p class="help">{t('messages.demo.help')}</p>
          {caught.length === 0 ? (
            <p>{t('messages.demo.none')}</p>
          ) : (
            <div class="scroll" tabIndex={0} role="region" aria-label={t('messages.demo')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('messages.demo.col.received')}</th>
                    <th scope="col">{t('messages.demo.col.to')}</th>
                    <th scope="col">{t('messages.demo.col.subject')}</th>
                  </tr>
                </thead>
                <tbody>
                  {caught.map((c) => (
                    <tr key={c.id} data-mail={c.id}>
                      <td>{when(c.receivedAt)}</td>
                      <td>{c.to.join(', ')}</td>
                      <td>
                        <button
                          type="button"
                          class="link"
                          data-open={c.id}
                          onClick={() => setOpen({ kind: 'mail', id: c.id })}
                        >
                          {c.subject}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
