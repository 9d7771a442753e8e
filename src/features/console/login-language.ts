import { type Messages, messagesEn } from './messages.en.js';
import { messagesJa } from './messages.ja.js';
import { messagesKo } from './messages.ko.js';
import { messagesSl } from './messages.sl.js';

/** The languages the server-rendered pages speak, as the browser app does (web/console/i18n). */
export const PAGE_LANGUAGES = { en: messagesEn, ko: messagesKo, ja: messagesJa, sl: messagesSl } as const;
export type PageLanguage = keyof typeof PAGE_LANGUAGES;

/**
 * The language of the browser's Accept-Language header (RFC 9110, 12.5.4) that the pages speak:
 * the highest-weighted tag whose primary subtag is one of them, English otherwise. Tags weighted
 * q=0 are refused, not chosen; equal weights keep the header's order.
 */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const weight = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
      // A weight that is no number (q=abc) counts as a refusal, not as the default 1.
      const q =
        weight === undefined ? 1 : /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i.test(weight) ? Number(weight.slice(2)) : 0;
      return { base: tag.trim().toLowerCase().split('-')[0], q, index };
    })
    .filter((e) => e.base !== '' && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = ranked.find((e) => Object.hasOwn(PAGE_LANGUAGES, e.base));
  return found ? (found.base as PageLanguage) : 'en';
}

export function pageMessages(language: PageLanguage): Messages {
  return PAGE_LANGUAGES[language];
}
