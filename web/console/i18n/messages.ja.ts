import type { Catalogue } from './locales.ts';
import { customersJa } from './ja/customers.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ja: Catalogue = {
  ...customersJa,
import { flowsJa } from './ja/flows.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ja: Catalogue = {
  ...flowsJa,
};
