import type { Catalogue } from './locales.ts';
import { loyaltySl } from './sl/loyalty.ts';
import { settingsSl } from './sl/settings.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const sl: Catalogue = {
  ...settingsSl,
  ...loyaltySl,
};
