import type { Catalogue } from '../locales.ts';

/** The shell (header, navigation, page states) in Slovenian. */
export const shellSl = {
  'app.name': 'Regulars',
  'app.skipToContent': 'Preskoči na glavno vsebino',
  'app.loading': 'Nalaganje …',
  'app.error': 'Prišlo je do napake: {message}',
  'app.retry': 'Poskusi znova',
  'app.signedInAs': 'Prijavljeni kot {email} ({role})',
  'app.store': 'Trgovina: {name}',
  'app.signOut': 'Odjava',
  'app.menu': 'Meni',
  'app.closeMenu': 'Zapri meni',
  'app.mainNavigation': 'Glavni meni',
  'app.devMode': 'Razvojni način: prijava s ključem API',
  'app.pageTitle': '{page} · Regulars',

  'role.owner': 'lastnik',
  'role.marketer': 'tržnik',
  'role.viewer': 'pregledovalec',

  'nav.overview': 'Pregled',
  'nav.customers': 'Stranke',
  'nav.segments': 'Segmenti',
  'nav.campaigns': 'Kampanje',
  'nav.flows': 'Tokovi',
  'nav.loyalty': 'Zvestoba in ponudbe',
  'nav.messages': 'Sporočila',
  'nav.settings': 'Nastavitve',

  'page.notFound.title': 'Strani ni mogoče najti',
  'page.notFound.body': 'Na naslovu {path} ni strani.',
  'page.notFound.home': 'Na pregled',
  'page.soon.body':
    'Ta stran je v pripravi. Do takrat isto opravite z ukazno vrstico regulars ali s HTTP API (glejte /docs).',
} as const satisfies Catalogue;
