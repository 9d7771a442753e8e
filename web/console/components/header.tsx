import type { I18n } from '../i18n/i18n.ts';
import { signOut, type Session } from '../session.ts';

interface Props {
  readonly i18n: I18n;
  readonly session: Session;
  readonly menuOpen: boolean;
  readonly onMenu: () => void;
}

/** The top bar: the product, the store and user, sign out, and on narrow screens the menu button. */
export function Header({ i18n, session, menuOpen, onMenu }: Props) {
  const { t } = i18n;
  return (
    <header class="topbar">
      <button type="button" class="menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={onMenu}>
        <span aria-hidden="true">☰</span> {menuOpen ? t('app.closeMenu') : t('app.menu')}
      </button>
      <a class="brand" href="/">
        {t('app.name')}
      </a>
      <div class="who">
        <span class="store">{t('app.store', { name: session.store.name })}</span>
        <span class="user">
          {t('app.signedInAs', { email: session.user.email, role: t(`role.${session.user.role}`) })}
        </span>
        {session.credentials.kind === 'apiKey' && <span class="dev">{t('app.devMode')}</span>}
      </div>
      <button type="button" class="sign-out" onClick={() => void signOut(session)}>
        {t('app.signOut')}
      </button>
    </header>
  );
}
