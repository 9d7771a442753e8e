import type { Catalogue } from './locales.ts';
import { messagesJa } from './ja/messages.ts';
import { segmentsJa } from './ja/segments.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ja: Catalogue = {
  ...segmentsJa,
  ...messagesJa,
};
