/**
 * The Surveys page in headless Chromium: NPS over time and by segment, the answers' own words and
 * the reasons subscribers gave, from answers recorded through the real one-click survey page and
 * cancels through the API; read by keyboard on a 390 px phone, with no serious axe-core finding.
 * Screenshots: docs/console/surveys-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signFeedbackToken } from '../feedback/index.js';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { unsubscribeSecret } from '../../platform/stores/store-secret.repository.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { addUser, TEST_POLICY } from './console-auth.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  overflows,
  PHONE,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  signedIn,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

/** NPS answers (customer, score, why?): 2 promoters, 1 passive, 1 detractor: NPS 25. */
const ANSWERS: readonly [string, number, string | null][] = [
  ['c-0', 10, 'The beans arrived the day after roasting.'],
  ['c-1', 9, null],
  ['c-2', 7, null],
  ['c-3', 3, 'The parcel was crushed.'],
];

describe.skipIf(!browserReady)(
  `the Surveys page in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let headers: { authorization: string };

    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers, payload });
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    const form = async (url: string, body: string) => {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        payload: body,
      });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    };

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      const created = await createStore(database.db, { name: 'Brew Co', shopifySecret: null });
      const storeId = created.store.id;
      headers = { authorization: `Bearer ${created.apiKey.plaintext}` };
      await addUser(database.db, storeId, 'viewer@brew.example', 'viewer');
      app = await buildApp({ db: database.db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });

      // Answers through the one-click survey page, as a customer's mail client would post them.
      const secret = await unsubscribeSecret(database.db, storeId, new Date().toISOString());
      for (const [externalId, score, why] of ANSWERS) {
        const customer = await call('POST', '/v1/customers', { externalId });
        const t = signFeedbackToken(secret, {
          storeId,
          customerId: customer.id,
          flow: 'nps',
          question: 'nps',
          answer: String(score),
          subject: `ord_${externalId}`,
        });
        await form('/survey', `t=${encodeURIComponent(t)}`);
        if (why !== null)
          await form('/survey/comment', `t=${encodeURIComponent(t)}&comment=${encodeURIComponent(why)}`);
      }
      // Two subscribers cancel, with their reasons.
      await call('POST', '/v1/subscription-offers', {
        code: 'house-blend',
        sku: 'BEAN-1',
        name: 'House blend, 1 kg a month',
        currency: 'EUR',
        baseMonthlyMinor: 2999,
        terms: [{ months: 1, discountPercent: 0 }],
      });
      for (const [i, reason] of ['too_much_product', 'traveling'].entries()) {
        const sub = await call('POST', '/v1/subscriptions', { customerId: `c-${i}`, sku: 'BEAN-1', termMonths: 1 });
        await call('POST', `/v1/subscriptions/${sub.id}/cancel`, { reason });
      }
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
    });

    for (const screen of SCREENS) {
      it(`shows NPS over time, by segment, the answers' words and why subscribers leave at ${screen.name} size`, async () => {
        const { page, errors } = await signedIn(browser, base, screen, 'viewer@brew.example', '/surveys');
        await page.locator('.surveys-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
        expect(await page.title()).toBe('Surveys · Regulars');
        const report = await call('GET', '/v1/surveys/report');
        expect(report.total.nps.nps).toBe(25);
        expect(await page.locator('[data-nps]').getAttribute('data-nps')).toBe('25');
        expect(await page.locator('#nps .chart-canvas[data-drawn="true"] svg').count()).toBe(1);
        expect(await page.locator('[data-segment]').count()).toBe(report.npsBySegment.length);
        const texts = await page.locator('#answer-texts').textContent();
        expect(texts).toContain('The beans arrived the day after roasting.');
        expect(texts).toContain('The parcel was crushed.');
        expect(await page.locator('[data-answer]').count()).toBe(2);
        expect(await page.locator('[data-churn="subscriptions"]').getAttribute('data-cancelled')).toBe('2');
        expect(await page.locator('[data-churn="subscriptions"]').textContent()).toContain('Travelling');
        expect(await page.locator('[data-churn="memberships"]').textContent()).toContain('No cancels.');
        expect(await overflows(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `surveys-${screen.name}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it('reads by keyboard on a phone: the chart table opens with Enter and holds the month', async () => {
      const { page, errors } = await signedIn(browser, base, PHONE, 'viewer@brew.example', '/surveys');
      await page.locator('.surveys-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
      const focusedInNps = () =>
        page.evaluate('document.activeElement?.tagName === "SUMMARY" && !!document.activeElement.closest("#nps")');
      let steps = 0;
      while (!(await focusedInNps()) && steps++ < 60) await page.keyboard.press('Tab');
      expect(await focusedInNps()).toBe(true);
      await page.keyboard.press('Enter');
      const table = page.locator('#nps details table');
      await table.waitFor();
      const month = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(),
      );
      expect(await table.textContent()).toContain(month);
      expect(await overflows(page)).toBe(false);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
