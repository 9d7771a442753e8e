import { en, type MessageKey } from './messages.en.ts';
import type { Catalogue } from './locales.ts';

type Params = Readonly<Record<string, string | number>>;

/** Plural keys: the catalogue holds `key.one` / `key.other` (and `.few`, `.two` where a language has them). */
type PluralBase<K> = K extends `${infer B}.other` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

/**
 * Looks messages up in one catalogue (English beneath it) and formats numbers, money and dates
 * with Intl in the store's locale. One is made per locale and currency; the pages get it from
 * the shell.
 */
export interface I18n {
  readonly locale: string;
  t(key: MessageKey, params?: Params): string;
  /** The plural form of `key` for `count`, with `{count}` formatted. */
  plural(key: PluralKey, count: number, params?: Params): string;
  number(value: number, digits?: number): string;
  percent(value: number, digits?: number): string;
  /** An amount in major units, with the currency's symbol when one is known. */
  money(value: number, currency: string | null): string;
  /** 'YYYY-MM-DD' as the locale writes a date. */
  date(ymd: string): string;
  /** 'YYYY-MM' as the locale writes a month. */
  month(ym: string): string;
}

function fill(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function createI18n(locale: string, catalogue: Catalogue): I18n {
  const lookup = (key: string): string | undefined =>
    (catalogue as Record<string, string | undefined>)[key] ?? (en as Record<string, string>)[key];
  const plurals = new Intl.PluralRules(locale);
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const numberFormat = (key: string, make: () => Intl.NumberFormat) => {
    let f = numberFormats.get(key);
    if (!f) numberFormats.set(key, (f = make()));
    return f;
  };
  const number = (value: number, digits = 0) =>
    numberFormat(`n${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(value);
  const t = (key: MessageKey, params?: Params) => fill(lookup(key) ?? key, params);
  return {
    locale,
    t,
    plural(key, count, params) {
      const form = lookup(`${key}.${plurals.select(count)}`) ?? lookup(`${key}.other`) ?? key;
      return fill(form, { ...params, count: number(count) });
    },
    number,
    percent: (value, digits = 1) =>
      numberFormat(
        `p${digits}`,
        () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }),
      ).format(value),
    money(value, currency) {
      if (currency === null) return number(value, 2);
      return numberFormat(`c${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(
        value,
      );
    },
    date: (ymd) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
    month: (ym) =>
      new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(`${ym}-01T00:00:00Z`),
      ),
  };
}
