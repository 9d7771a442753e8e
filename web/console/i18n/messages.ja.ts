import type { Catalogue } from './locales.ts';
import { customersJa } from './ja/customers.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ja: Catalogue = {
  ...customersJa,
import { flowsJa } from './ja/flows.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ja: Catalogue = {
  ...flowsJa,
import { loyaltyJa } from './ja/loyalty.ts';
import { settingsJa } from './ja/settings.ts';

/** To be translated: keys left out show in English (messages.en.ts lists them all). */
export const ja: Catalogue = {
  ...settingsJa,
  ...loyaltyJa,
import { overviewJa } from './ja/overview.ts';
import { shellJa } from './ja/shell.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const ja: Catalogue = {
  ...shellJa,
  ...overviewJa,
};
