import { campaignsKo } from './ko/campaigns.ts';
import type { Catalogue } from './locales.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ko: Catalogue = {
  ...campaignsKo,
};
