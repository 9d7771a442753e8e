import type { Catalogue } from './locales.ts';
import { messagesKo } from './ko/messages.ts';
import { segmentsKo } from './ko/segments.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ko: Catalogue = {
  ...segmentsKo,
  ...messagesKo,
};
