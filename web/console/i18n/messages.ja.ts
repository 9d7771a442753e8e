import type { Catalogue } from './locales.ts';
import { loyaltyJa } from './ja/loyalty.ts';
import { settingsJa } from './ja/settings.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ja: Catalogue = {
  ...settingsJa,
  ...loyaltyJa,
};
