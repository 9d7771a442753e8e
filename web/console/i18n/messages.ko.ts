import type { Catalogue } from './locales.ts';
import { overviewKo } from './ko/overview.ts';
import { shellKo } from './ko/shell.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const ko: Catalogue = {
  ...shellKo,
  ...overviewKo,
};
