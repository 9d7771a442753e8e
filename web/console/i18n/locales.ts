import { en, type MessageKey } from './messages.en.ts';

/**
 * The console's languages. English is complete; Korean, Japanese and Slovenian (the languages of
 * the stores Regulars is written for) are added as catalogues of the same keys, each loaded only
 * when chosen. A key a catalogue lacks shows in English.
 */
export const LANGUAGES = ['en', 'ko', 'ja', 'sl'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The plural categories of Intl.PluralRules; a language's catalogue holds the ones it uses. */
export const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
type PluralBase<K> = K extends `${infer B}.other` ? B : never;
/**
 * A language's messages: English's keys, and for each counted message (`key.one` / `key.other` in
 * English) the forms that language's plural rules name, such as Slovenian's `key.two` and `key.few`.
 */
export type Catalogue = Partial<
  Record<MessageKey | `${PluralBase<MessageKey>}.${(typeof PLURAL_FORMS)[number]}`, string>
>;

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Catalogue>> = {
  ko: async () => (await import('./messages.ko.ts')).ko,
  ja: async () => (await import('./messages.ja.ts')).ja,
  sl: async () => (await import('./messages.sl.ts')).sl,
};

/** The language of a tag such as ko-KR or sl, or English for any other. */
export function languageOf(tag: string | null | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

export async function loadCatalogue(language: Language): Promise<Catalogue> {
  return language === 'en' ? en : loaders[language]();
}
