import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFeedbackToken } from '../feedback/index.js';
import { upsertCustomerByExternalId } from '../customers/index.js';
import { surveyAnswersOf } from './survey-report.service.js';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { unsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import {
  CHROMIUM_SKIP_NOTE,
  chromiumReady,
  launchChromium,
  overflows,
  seriousViolations,
} from '../../../test/support/browser.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

const SCREENSHOTS = join(import.meta.dirname, '../../../docs/surveys');

describe.skipIf(!chromiumReady)(
  `the survey page in headless Chromium${chromiumReady ? '' : ` (skipped: ${CHROMIUM_SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let storeId: string;
    let link: (answer: string) => string;

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      storeId = (await createStore(database.db, { name: 'Brew Co' })).store.id;
      const customer = await upsertCustomerByExternalId(database.db, storeId, { externalId: 'alice' });
      const secret = await unsubscribeSecret(database.db, storeId, '2026-01-01T00:00:00.000Z');
      link = (answer) =>
        `/survey?t=${signFeedbackToken(secret, { storeId, customerId: customer.id, flow: 'nps', question: 'nps', answer, subject: 'ord_1' })}`;
      app = await buildApp({ db: database.db, dialect: 'sqlite' });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
    });

    it('one click records the score, the why? box works without script at 320 px, axe-core clean', async () => {
      const context = await browser.newContext({
        viewport: { width: 320, height: 700 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      // With scripts: the landing page submits itself and shows the thank-you page.
      await page.goto(`${base}${link('9')}`);
      await page.waitForURL(`${base}/survey`);
      await page.waitForSelector('#comment');
      expect(await page.textContent('h1')).toBe('Thank you!');
      expect(await page.textContent('body')).toContain('Your answer: 9 out of 10');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await page.fill('#comment', 'The grinder arrived in two days.');
      await page.screenshot({ path: join(SCREENSHOTS, 'survey-thank-you-320.png'), fullPage: true });
      await Promise.all([page.waitForURL(`${base}/survey/comment`), page.click('button[type=submit]')]);
      expect(await page.textContent('body')).toContain('We have your words');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();

      // Without the auto-submit script (a mail client's browser with scripts off): the landing page
      // shows a button. The script is cut from the response so axe-core (which needs scripts) can run.
      const noScript = await browser.newContext({ viewport: { width: 320, height: 700 } });
      const still = await noScript.newPage();
      await still.route('**/survey?t=*', async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace(/<script nonce="[^"]+">[^<]*<\/script>/, '');
        await route.fulfill({ response, body });
      });
      await still.goto(`${base}${link('3')}`);
      expect(await still.textContent('body')).toContain('Your answer: 3 out of 10');
      expect(await seriousViolations(still)).toEqual([]);
      expect(await overflows(still)).toBe(false);
      await Promise.all([still.waitForURL(`${base}/survey`), still.click('button[type=submit]')]);
      expect(await still.textContent('body')).toContain('Would you tell us why? (optional)');
      // The words written after the first answer are shown back for editing.
      expect(await still.inputValue('#comment')).toBe('The grinder arrived in two days.');
      await noScript.close();

      const { answers } = await surveyAnswersOf(database.db, storeId, { limit: 10 });
      // One survey asked: the latest score, with the words written after the first.
      expect(answers.map((a) => [a.score, a.comment])).toEqual([[3, 'The grinder arrived in two days.']]);
    });
  },
);
