import type { I18n } from '../i18n/i18n.ts';
import { ROUTES, routeOf } from '../routes.ts';

/** The main navigation: a side column on wide screens, a menu the header's button opens on narrow ones. */
export function Nav({ i18n, path, open }: { i18n: I18n; path: string; open: boolean }) {
  const current = routeOf(path);
  return (
    <nav id="nav" class={open ? 'nav open' : 'nav'} aria-label={i18n.t('app.mainNavigation')}>
      <ul>
        {ROUTES.map((route) => (
          <li key={route.path}>
            <a href={route.path} aria-current={route === current ? 'page' : undefined}>
              {i18n.t(route.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
