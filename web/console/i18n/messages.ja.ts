import type { Catalogue } from './locales.ts';
import { campaignsJa } from './ja/campaigns.ts';
import { customersJa } from './ja/customers.ts';
import { flowsJa } from './ja/flows.ts';
import { loyaltyJa } from './ja/loyalty.ts';
import { messagesJa } from './ja/messages.ts';
import { overviewJa } from './ja/overview.ts';
import { segmentsJa } from './ja/segments.ts';
import { settingsJa } from './ja/settings.ts';
import { shellJa } from './ja/shell.ts';
import { surveysJa } from './ja/surveys.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const ja: Catalogue = {
  ...campaignsJa,
  ...customersJa,
  ...flowsJa,
  ...loyaltyJa,
  ...messagesJa,
  ...overviewJa,
  ...segmentsJa,
  ...settingsJa,
  ...shellJa,
  ...surveysJa,
};
