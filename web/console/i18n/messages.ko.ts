import type { Catalogue } from './locales.ts';
import { customersKo } from './ko/customers.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ko: Catalogue = {
  ...customersKo,
import { flowsKo } from './ko/flows.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ko: Catalogue = {
  ...flowsKo,
import { loyaltyKo } from './ko/loyalty.ts';
import { settingsKo } from './ko/settings.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ko: Catalogue = {
  ...settingsKo,
  ...loyaltyKo,
};
