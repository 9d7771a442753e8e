import type { Catalogue } from './locales.ts';
import { campaignsKo } from './ko/campaigns.ts';
import { customersKo } from './ko/customers.ts';
import { flowsKo } from './ko/flows.ts';
import { loyaltyKo } from './ko/loyalty.ts';
import { messagesKo } from './ko/messages.ts';
import { overviewKo } from './ko/overview.ts';
import { segmentsKo } from './ko/segments.ts';
import { settingsKo } from './ko/settings.ts';
import { shellKo } from './ko/shell.ts';
import { surveysKo } from './ko/surveys.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const ko: Catalogue = {
  ...campaignsKo,
  ...customersKo,
  ...flowsKo,
  ...loyaltyKo,
  ...messagesKo,
  ...overviewKo,
  ...segmentsKo,
  ...settingsKo,
  ...shellKo,
  ...surveysKo,
};
