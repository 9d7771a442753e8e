import type { ComponentType } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApi } from './api/client.ts';
import { createI18n, type I18n } from './i18n/i18n.ts';
import { languageOf, loadCatalogue } from './i18n/locales.ts';
import { Header } from './components/header.tsx';
import { Nav } from './components/nav.tsx';
import { Failure, Loading } from './components/status.tsx';
import type { PageProps } from './page.ts';
import { interceptLinks, usePath } from './router.ts';
import { ROUTES, routeOf } from './routes.ts';
import { loadSession, type Session } from './session.ts';
import { NotFoundPage } from './pages/not-found.page.tsx';

const HEADING_ID = 'page-heading';

/** Loads the session and the catalogue, then shows the shell. */
export function App() {
  const [state, setState] = useState<{ session: Session; i18n: I18n } | { error: string } | null>(null);
  useEffect(() => {
    const language = languageOf(navigator.language);
    Promise.all([loadSession(), loadCatalogue(language)])
      .then(([session, catalogue]) => {
        document.documentElement.lang = language;
        if (session) setState({ session, i18n: createI18n(navigator.language, catalogue) });
      })
      .catch((error: unknown) => setState({ error: String(error) }));
  }, []);
  if (state === null) return null;
  if ('error' in state) return <Failure i18n={createI18n('en', {})} message={state.error} />;
  return <Shell session={state.session} i18n={state.i18n} />;
}

function Shell({ session, i18n }: { session: Session; i18n: I18n }) {
  const path = usePath();
  const route = routeOf(path);
  const api = useMemo(() => createApi(session.credentials), [session]);
  const [menuOpen, setMenuOpen] = useState(false);
  const [page, setPage] = useState<{ path: string; Component: ComponentType<PageProps> } | null>(null);
  const firstPath = useRef(path);

  useEffect(() => {
    let live = true;
    setMenuOpen(false);
    document.title = i18n.t('app.pageTitle', { page: i18n.t(route?.label ?? 'page.notFound.title') });
    if (route === null) setPage({ path, Component: NotFoundPage });
    else void route.load().then((Component) => live && setPage({ path, Component }));
    return () => {
      live = false;
    };
  }, [path]);

  // After a navigation (not on the first load, where the skip link comes first), focus moves to the
  // new page's heading, so a screen reader announces it and Tab continues from there.
  useEffect(() => {
    if (page === null || page.path === firstPath.current) return;
    firstPath.current = '';
    document.getElementById(HEADING_ID)?.focus();
  }, [page]);

  const onClick = (event: MouseEvent) => interceptLinks(event, (p) => routeOf(p) !== null);
  return (
    <div class="shell" onClick={onClick}>
      <a class="skip-link" href="#main">
        {i18n.t('app.skipToContent')}
      </a>
      <Header i18n={i18n} session={session} menuOpen={menuOpen} onMenu={() => setMenuOpen(!menuOpen)} />
      <Nav i18n={i18n} path={path} open={menuOpen} />
      <main id="main" tabIndex={-1}>
        {page === null || page.path !== path ? (
          <Loading i18n={i18n} />
        ) : (
          <page.Component
            api={api}
            i18n={i18n}
            session={session}
            route={route ?? ROUTES[0]}
            path={path}
            headingId={HEADING_ID}
          />
        )}
      </main>
    </div>
  );
}
