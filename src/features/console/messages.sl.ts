import type { Messages } from './messages.en.js';

/**
 * The server-rendered pages in Slovenian (every key of messages.en.ts: the type requires them all).
 * Minutes are written "min", which no count inflects.
 */
export const messagesSl: Messages = {
  'app.name': 'Regulars',
  'login.title': 'Prijava v Regulars',
  'login.intro': 'Konzola vaše trgovine: stranke, segmenti, kampanje, tokovi in zvestoba.',
  'login.email': 'E-pošta',
  'login.password': 'Geslo',
  'login.submit': 'Prijava',
  'login.failed': 'E-pošta ali geslo ni pravilno.',
  'login.missing': 'Vnesite e-pošto in geslo.',
  'login.locked':
    'Za ta e-poštni naslov je bilo preveč neuspešnih prijav. Prijava je onemogočena za {minutes} min; poskusite znova pozneje.',
  'login.rateLimited': 'Preveč poskusov prijave. Poskusite znova čez {minutes} min.',
  'login.formExpired': 'Obrazec za prijavo je potekel. Prijavite se znova.',
  'login.signedOut': 'Odjavljeni ste.',
  'login.help':
    'Še nimate računa? Lastnik trgovine ga ustvari z ukazom: regulars users create --store ID --email EMAIL --password-stdin',
  'error.code': 'Koda napake: {code}',
  'notBuilt.title': 'Konzola ni zgrajena',
  'notBuilt.body': 'Strežnik deluje, API pod /v1 tudi, vendar v {folder} manjkajo datoteke konzole.',
  'notBuilt.fix': 'Zgradite jo z ukazom npm run build (v izvorni kodi) in znova naložite to stran.',
  'logout.submit': 'Odjava',
};
