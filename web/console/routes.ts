import type { ComponentType } from 'preact';
import type { MessageKey } from './i18n/messages.en.ts';
import type { PageProps } from './page.ts';

/**
 * The console's pages: path, navigation label, and the page's module, loaded when first opened so
 * the first visit downloads only the shell and the page it lands on. Adding a page is a line here
 * and a file in pages/.
 */
export interface Route {
  readonly path: string;
  readonly label: MessageKey;
  readonly load: () => Promise<ComponentType<PageProps>>;
}

export const ROUTES: readonly Route[] = [
  { path: '/', label: 'nav.overview', load: async () => (await import('./pages/overview.page.tsx')).OverviewPage },
  {
    path: '/customers',
    label: 'nav.customers',
    load: async () => (await import('./pages/customers.page.tsx')).CustomersPage,
  },
  {
    path: '/segments',
    label: 'nav.segments',
    load: async () => (await import('./pages/segments.page.tsx')).SegmentsPage,
  },
  {
    path: '/campaigns',
    label: 'nav.campaigns',
    load: async () => (await import('./pages/campaigns.page.tsx')).CampaignsPage,
  },
  { path: '/flows', label: 'nav.flows', load: async () => (await import('./pages/flows.page.tsx')).FlowsPage },
  { path: '/loyalty', label: 'nav.loyalty', load: async () => (await import('./pages/loyalty.page.tsx')).LoyaltyPage },
  {
    path: '/surveys',
    label: 'nav.surveys',
    load: async () => (await import('./pages/surveys.page.tsx')).SurveysPage,
  },
  {
    path: '/messages',
    label: 'nav.messages',
    load: async () => (await import('./pages/messages.page.tsx')).MessagesPage,
  },
  {
    path: '/settings',
    label: 'nav.settings',
    load: async () => (await import('./pages/settings.page.tsx')).SettingsPage,
  },
];

/** The route of a path: its own, or the section it is below (/customers/cus_1 is Customers'). */
export function routeOf(pathname: string): Route | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/') return ROUTES[0];
  return ROUTES.find((r) => r.path !== '/' && (path === r.path || path.startsWith(`${r.path}/`))) ?? null;
}
