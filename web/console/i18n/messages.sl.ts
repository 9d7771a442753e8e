import type { Catalogue } from './locales.ts';
import { flowsSl } from './sl/flows.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const sl: Catalogue = {
  ...flowsSl,
};
