import type { Catalogue } from './locales.ts';
import { overviewSl } from './sl/overview.ts';
import { shellSl } from './sl/shell.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const sl: Catalogue = {
  ...shellSl,
  ...overviewSl,
};
