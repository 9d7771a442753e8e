import type { Catalogue } from './locales.ts';
import { campaignsSl } from './sl/campaigns.ts';
import { customersSl } from './sl/customers.ts';
import { flowsSl } from './sl/flows.ts';
import { loyaltySl } from './sl/loyalty.ts';
import { messagesSl } from './sl/messages.ts';
import { overviewSl } from './sl/overview.ts';
import { segmentsSl } from './sl/segments.ts';
import { settingsSl } from './sl/settings.ts';
import { shellSl } from './sl/shell.ts';
import { surveysSl } from './sl/surveys.ts';

/** Every key of messages.en.ts, one file per part of the console (catalogue.test.ts checks none is missing). */
export const sl: Catalogue = {
  ...campaignsSl,
  ...customersSl,
  ...flowsSl,
  ...loyaltySl,
  ...messagesSl,
  ...overviewSl,
  ...segmentsSl,
  ...settingsSl,
  ...shellSl,
  ...surveysSl,
};
