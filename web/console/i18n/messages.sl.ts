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
import { overviewSl } from './sl/overview.ts';
import { shellSl } from './sl/shell.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const sl: Catalogue = {
  ...shellSl,
  ...overviewSl,
};
