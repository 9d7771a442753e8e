import type { Catalogue } from './locales.ts';
import { overviewJa } from './ja/overview.ts';
import { shellJa } from './ja/shell.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const ja: Catalogue = {
  ...shellJa,
  ...overviewJa,
};
