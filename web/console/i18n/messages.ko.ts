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
import { overviewKo } from './ko/overview.ts';
import { shellKo } from './ko/shell.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const ko: Catalogue = {
  ...shellKo,
  ...overviewKo,
};
