import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { PageProps } from '../../page.ts';
import { PageHeading } from '../page-heading.tsx';
import { Failure, Loading } from '../status.tsx';
import { displayName } from './format.ts';
import type { CustomerSummary } from './types.ts';

const PAGE_SIZE = 25;

/** The query in the address (?q=), so a search can be bookmarked and survives the back button. */
function queryOfLocation(): string {
  return new URLSearchParams(location.search).get('q') ?? '';
}

/**
 * The store's customers, searchable by email, name or the shop's id (GET /v1/customers), a page at
 * a time; each name opens the customer's 360 page. The table scrolls sideways inside its own
 * region on a narrow screen, never the page.
 */
export function CustomerList({ api, i18n, headingId }: PageProps) {
  const { t } = i18n;
  const [draft, setDraft] = useState(queryOfLocation);
  const [query, setQuery] = useState(queryOfLocation);
  // Cursors of the pages seen so far: [null] is the first page.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<
    { customers: CustomerSummary[]; nextCursor: string | null } | { error: string } | null
  >(null);
  const [attempt, setAttempt] = useState(0);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let live = true;
    setPage(null);
    api
      .GET('/v1/customers', {
        params: { query: { query: query === '' ? undefined : query, limit: PAGE_SIZE, cursor: cursor ?? undefined } },
      })
      .then((result) => {
        const data = unwrap(result);
        if (live) setPage({ customers: data.customers as unknown as CustomerSummary[], nextCursor: data.nextCursor });
      })
      .catch((error: unknown) => live && setPage({ error: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [query, cursor, attempt]);

  const search = (event: Event) => {
    event.preventDefault();
    const q = draft.trim();
    history.replaceState(null, '', q === '' ? '/customers' : `/customers?q=${encodeURIComponent(q)}`);
    setQuery(q);
    setCursors([null]);
  };
  const clear = () => {
    setDraft('');
    history.replaceState(null, '', '/customers');
    setQuery('');
    setCursors([null]);
  };

  return (
    <div class="customers">
      <PageHeading id={headingId}>{t('customers.title')}</PageHeading>
      <form role="search" class="search" onSubmit={search}>
        <label for="customer-query">{t('customers.search')}</label>
        <p id="customer-query-help" class="help">
          {t('customers.search.help')}
        </p>
        <div class="search-row">
          <input
            id="customer-query"
            name="query"
            type="search"
            value={draft}
            aria-describedby="customer-query-help"
            autoComplete="off"
            onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          />
          <button type="submit">{t('customers.search.submit')}</button>
          {query !== '' && (
            <button type="button" onClick={clear}>
              {t('customers.search.clear')}
            </button>
          )}
        </div>
      </form>
      {page === null && <Loading i18n={i18n} />}
      {page !== null && 'error' in page && (
        <Failure i18n={i18n} message={page.error} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {page !== null && !('error' in page) && (
        <section class="card" aria-labelledby="customer-list-title">
          <h2 id="customer-list-title">{query === '' ? t('customers.list') : t('customers.results', { query })}</h2>
          {page.customers.length === 0 ? (
            <p>{query === '' ? t('customers.empty') : t('customers.none')}</p>
          ) : (
            <div class="scroll" tabIndex={0} role="region" aria-labelledby="customer-list-title">
              <table class="customer-table">
                <thead>
                  <tr>
                    <th scope="col">{t('customers.col.name')}</th>
                    <th scope="col">{t('customers.col.email')}</th>
                    <th scope="col">{t('customers.col.externalId')}</th>
                    <th scope="col">{t('customers.col.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.customers.map((c) => (
                    <tr key={c.id} data-customer-id={c.id}>
                      <th scope="row">
                        <a href={`/customers/${encodeURIComponent(c.id)}`}>
                          {[c.firstName, c.lastName].filter(Boolean).join(' ') ||
                            (displayName(c) ?? t('customers.noName'))}
                        </a>
                      </th>
                      <td>{c.email ?? ''}</td>
                      <td>
                        <code>{c.externalId}</code>
                      </td>
                      <td>{i18n.date(c.createdAt.slice(0, 10))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav class="pager" aria-label={t('customers.list')}>
            <span>{t('customers.page.number', { n: i18n.number(cursors.length) })}</span>
            {cursors.length > 1 && (
              <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('customers.page.previous')}
              </button>
            )}
            {page.nextCursor !== null && (
              <button type="button" onClick={() => setCursors([...cursors, page.nextCursor])}>
                {t('customers.page.next')}
              </button>
            )}
          </nav>
        </section>
      )}
    </div>
  );
}
