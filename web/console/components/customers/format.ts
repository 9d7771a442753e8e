import type { I18n } from '../../i18n/i18n.ts';

/** Digits after the point of a currency (JPY 0, EUR 2, KWD 3), as Intl knows them. */
function digitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in minor units (as the API gives money) in the currency's major units. */
export function moneyMinor(i18n: I18n, minor: number, currency: string | null): string {
  return i18n.money(currency === null ? minor / 100 : minor / 10 ** digitsOf(currency), currency);
}

/** A UTC instant as the reader's clock shows it. */
export function dateTime(i18n: I18n, instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** The customer's name for a heading or a link: first and last, else the email, else the shop id. */
export function displayName(c: {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly email?: string | null;
  readonly externalId?: string | null;
}): string | null {
  const name = [c.firstName, c.lastName].filter((p) => p && p.trim() !== '').join(' ');
  return name !== '' ? name : (c.email ?? c.externalId ?? null);
}
