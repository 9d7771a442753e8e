import type { Catalogue } from './locales.ts';
import { customersSl } from './sl/customers.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const sl: Catalogue = {
  ...customersSl,
import { flowsSl } from './sl/flows.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const sl: Catalogue = {
  ...flowsSl,
import { loyaltySl } from './sl/loyalty.ts';
import { settingsSl } from './sl/settings.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const sl: Catalogue = {
  ...settingsSl,
  ...loyaltySl,
};
