import type { Api } from './api/client.ts';
import type { I18n } from './i18n/i18n.ts';
import type { Route } from './routes.ts';
import type { Session } from './session.ts';

/** What every page is given by the shell. */
export interface PageProps {
  readonly api: Api;
  readonly i18n: I18n;
  readonly session: Session;
  readonly route: Route;
  readonly path: string;
  /** The page's heading id: the shell moves focus to it after a navigation. */
  readonly headingId: string;
}
