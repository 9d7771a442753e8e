import type { Catalogue } from './locales.ts';
import { messagesSl } from './sl/messages.ts';
import { segmentsSl } from './sl/segments.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const sl: Catalogue = {
  ...segmentsSl,
  ...messagesSl,
};
