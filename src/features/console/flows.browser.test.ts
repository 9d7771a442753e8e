/**
 * The console's Flows page in a real browser: headless Chromium signs in, lists the flows, enables
 * one behind its gates, changes a setting (a wrong value is refused beside its field), previews the
 * email at desktop and phone widths, runs a dry run and reads its rows, at 1280 and 390 px, by
 * keyboard, with no serious or critical axe-core finding; writes docs/console/flows-*.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { recordConsent } from '../consent/index.js';
import { DELIVERY_SETTING, runDeliveryWorker, suppressionList } from '../delivery/index.js';
import { builtInFlowSources, enableFlow, loadFlows, runFlows } from '../flows/index.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { updateShopProfile } from '../stores/shop-profile.service.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { writeDemoOrders } from './console-server.fixtures.js';
import { addUser, TEST_PASSWORD, TEST_POLICY } from './console-auth.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  overflows,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

if (!browserReady) console.warn(`Skipping the Flows browser tests: ${SKIP_NOTE}.`);

const [DESKTOP, PHONE] = SCREENS.map((screen) => screen.context);
/** The demo history ends on 2025-12-30: a week in December has review requests to plan. */
const DRY_RUN_FIRST_DAY = '2025-12-01';

describe.skipIf(!browserReady)(
  `the Flows page in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let dir: string;
    let storeId: string;
    let apiKey: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'regulars-flows-console-'));
      const csv = join(dir, 'orders.csv');
      await writeDemoOrders(csv, 600);
      database = await createTestDatabase('sqlite');
      const created = await createStore(database.db, { name: 'Brew Co', shopifySecret: null });
      storeId = created.store.id;
      apiKey = created.apiKey.plaintext;
      await addUser(database.db, storeId, 'owner@brew.example', 'owner');
      await addUser(database.db, storeId, 'viewer@brew.example', 'viewer');
      await importOrderFile({ db: database.db, readOrderExport }, { path: csv, storeId });
      await updateShopProfile(
        database.db,
        storeId,
        { url: 'https://brew.example', address: '1 Roast Street, Leeds' },
        '2024-01-01T00:00:00Z',
      );
      // Two customers in three agreed to marketing email; the others show as skipped for no consent.
      const customers = await database.db
        .selectFrom('customers')
        .select('id')
        .where('store_id', '=', storeId)
        .execute();
      for (const [i, c] of customers.entries())
        if (i % 3 !== 0)
          await recordConsent(database.db, storeId, c.id, {
            channel: 'email',
            purpose: 'marketing',
            status: 'granted',
            source: 'checkout',
            recordedAt: '2024-01-01T00:00:00Z',
            ip: null,
            doubleOptInAt: null,
          });
      app = await buildApp({
        db: database.db,
        dialect: 'sqlite',
        // Scoring every enable with SpamAssassin costs seconds; the API tests cover that gate.
        config: loadConfig({ REGULARS_SPAMASSASSIN: 'off' }),
        console: { folder, policy: TEST_POLICY },
      });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    async function signedIn(context: BrowserContextOptions, email = 'owner@brew.example') {
      const page = await (await browser.newContext(context)).newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${base}/flows`);
      await page.waitForURL(/\/login/);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${base}/flows`);
      await page.locator('.flows[data-drawn="true"]').waitFor({ timeout: 60_000 });
      return { page, errors };
    }

    const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
      app.inject({
        method: (init.method ?? 'GET') as 'GET',
        url: path,
        headers: { authorization: `Bearer ${apiKey}` },
        payload: init.body as object | undefined,
      });

    it('lists the flows with their state and what they do, at desktop and phone widths', async () => {
      for (const [name, context] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const { page, errors } = await signedIn(context);
        expect(await page.title()).toBe('Flows · Regulars');
        const items = page.locator('.flow-list li');
        // The fifteen built-ins (campaigns have their own page).
        expect(await items.count()).toBe(15);
        const review = page.locator('[data-flow="review-request"]');
        expect(await review.locator('.badge').getAttribute('data-state')).toBe('off');
        expect(await review.locator('.summary').textContent()).toMatch(/rating/i);
        expect(await overflows(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `flows-${name}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });

    it('enables a flow, refuses a wrong setting beside its field, saves a right one, previews and dry-runs it', async () => {
      const { page, errors } = await signedIn(DESKTOP);
      await page.locator('[data-flow="review-request"] a').click();
      await page.waitForURL(`${base}/flows/review-request`);
      await page.locator('.flows[data-drawn="true"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('h1').textContent()).toBe('review-request');
      await page.locator('[data-gate="shop-profile"][data-status="pass"]').waitFor();
      expect(await page.locator('[data-gate="mail-transport"]').getAttribute('data-status')).toBe('warn');

      await page.locator('button[data-toggle="enable"]').click();
      await page.locator('[data-outcome="ok"]').waitFor();
      await page.locator('button[data-toggle="disable"]').waitFor();
      const listed = (await api('/v1/flows')).json().flows.find((f: { name: string }) => f.name === 'review-request');
      expect(listed.enabled).toBe(true);

      const delay = page.locator('#setting-delayDays');
      await delay.fill('999');
      await page.locator('.settings-form button[type="submit"]').click();
      await page.locator('[data-settings-error="INVALID_FLOW"]').waitFor();
      expect(await delay.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#setting-delayDays-error').textContent()).toContain('settings.delayDays');
      await delay.fill('10');
      await page.locator('.settings-form button[type="submit"]').click();
      await page.locator('[data-settings-notice]').waitFor();
      const saved = (await api('/v1/flows')).json().flows.find((f: { name: string }) => f.name === 'review-request');
      expect(saved).toMatchObject({ enabled: true, settings: { delayDays: 10 } });

      await page.locator('button[data-preview-run]').click();
      const frame = page.locator('[data-template="review-request"] iframe');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      expect(await frame.getAttribute('data-width')).toBe('640');
      expect(await page.locator('[data-template="review-request"] .subject').textContent()).not.toBe('');
      // The email itself renders inside the sandboxed frame.
      const inner = page.frameLocator('[data-template="review-request"] iframe');
      expect((await inner.locator('body').textContent())?.length ?? 0).toBeGreaterThan(50);
      await page.locator('input[name="preview-width"][value="phone"]').check();
      expect(await frame.getAttribute('data-width')).toBe('390');

      await page.locator('#dry-run-days').fill('0');
      await page.locator('button[data-dry-run]').click();
      await page.locator('[data-dry-run-error="INVALID_ARGUMENT"]').waitFor();
      expect(await page.locator('#dry-run-days').getAttribute('aria-invalid')).toBe('true');
      await page.locator('#dry-run-days').fill('7');
      await page.locator('#dry-run-first').fill(DRY_RUN_FIRST_DAY);
      await page.locator('button[data-dry-run]').click();
      await page.locator('[data-dry-run-done]').waitFor({ timeout: 60_000 });
      // The same numbers as the API gives for the same days.
      const expected = (
        await api('/v1/flows/review-request/dry-run', {
          method: 'POST',
          body: { days: 7, firstDay: DRY_RUN_FIRST_DAY },
        })
      ).json();
      expect(expected.totals.planned).toBeGreaterThan(0);
      expect(await page.locator('.dry-run-rows tbody tr').count()).toBe(expected.rows.length);
      expect(await page.locator('[data-total="planned"] dd').textContent()).toBe(String(expected.totals.planned));
      expect(await page.locator('.dry-run-rows tbody tr[data-outcome="skip"]').count()).toBe(expected.totals.skip);
      expect(await page.locator('.dry-run-rows tbody tr[data-outcome="held_out"]').count()).toBe(
        expected.totals.heldOut,
      );
      expect(expected.totals.skip).toBeGreaterThan(0);
      expect(await page.locator('.dry-run-rows tbody tr').first().textContent()).toContain(expected.rows[0].customerId);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('#flow-dry-run').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'flow-dry-run-desktop.png'), fullPage: true });
      // The browser logs the two answers refused on purpose above (the wrong setting, 0 days); nothing else.
      expect(errors).toEqual(Array.from({ length: 2 }, () => expect.stringContaining('status of 400')));
      await page.context().close();
    });

    it('works by keyboard on a phone: opens a flow and runs its dry run without scrolling sideways', async () => {
      const { page, errors } = await signedIn(PHONE);
      const focused = () =>
        page.evaluate(
          'document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent?.trim() ?? ""',
        );
      let steps = 0;
      while ((await focused()) !== 'Open win-back' && steps++ < 60) await page.keyboard.press('Tab');
      expect(await focused()).toBe('Open win-back');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/flows/win-back`);
      await page.locator('.flows[data-drawn="true"]').waitFor({ timeout: 60_000 });
      await page.locator('#dry-run-days').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('3');
      steps = 0;
      while ((await focused()) !== 'Run the dry run' && steps++ < 10) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator('[data-dry-run-done]').waitFor({ timeout: 60_000 });
      expect(await overflows(page)).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows a viewer the gates and the dry run, with no switch and the settings read-only', async () => {
      const { page, errors } = await signedIn(DESKTOP, 'viewer@brew.example');
      await page.goto(`${base}/flows/win-back`);
      await page.locator('.flows[data-drawn="true"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('button[data-toggle]').count()).toBe(0);
      expect(await page.locator('.settings-form button[type="submit"]').count()).toBe(0);
      expect(await page.locator('#setting-sendHour').isDisabled()).toBe(true);
      await page.locator('#dry-run-days').fill('2');
      await page.locator('button[data-dry-run]').click();
      await page.locator('[data-dry-run-done]').waitFor({ timeout: 60_000 });
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("draws a flow's performance against its holdout, with the lift's interval, as the API measures it", async () => {
      // A review-request flow of its own, run for real over seven weeks of the demo history: planned
      // each week as of that week, sent when due (a channel that accepts every message), a third held out.
      const sources = await builtInFlowSources(loadConfig({ REGULARS_SPAMASSASSIN: 'off' }));
      const reviewRequest = sources.builtIns.find((f) => f.definition.name === 'review-request')!.definition;
      await loadFlows(
        database.db,
        storeId,
        [{ definition: { ...reviewRequest, name: 'thank-you-review' }, source: 'test' }],
        sources,
        '2025-11-01T00:00:00.000Z',
      );
      await writeSetting(
        database.db,
        storeId,
        DELIVERY_SETTING,
        { flowHoldoutShares: { 'thank-you-review': 0.34 } },
        '2025-11-01T00:00:00.000Z',
      );
      await enableFlow(database.db, storeId, 'thank-you-review', sources, '2025-11-01T00:00:00.000Z');
      const channel = { send: async () => ({ providerMessageId: null }) };
      for (let week = 1; week <= 7; week++) {
        const now = new Date(Date.parse('2025-11-01T00:00:00.000Z') + week * 7 * 86_400_000).toISOString();
        await runFlows(
          database.db,
          storeId,
          { now, dryRun: false, flows: ['thank-you-review'], publicUrl: null },
          sources.registry,
          sources.builtIns,
        );
        await runDeliveryWorker(
          {
            db: database.db,
            channels: { email: channel },
            suppression: suppressionList,
            workerId: 'test',
            // Noon of that day: at midnight quiet hours would hold every message.
            clock: () => new Date(Date.parse(now) + 12 * 3_600_000).toISOString(),
            leaseMs: 60_000,
          },
          { storeId, once: true },
        );
      }
      const measured = (await api('/v1/flows/thank-you-review/performance?windowDays=30')).json();
      expect(measured.treatment.recipients).toBeGreaterThan(0);
      expect(measured.holdout.recipients).toBeGreaterThan(0);

      const { page, errors } = await signedIn(DESKTOP);
      await page.goto(`${base}/flows/thank-you-review`);
      await page.locator('.flows[data-drawn="true"]').waitFor({ timeout: 60_000 });
      // The page first measures its default window (5 days); the 30-day answer replaces it.
      const thirtyDays = page.waitForResponse(
        (r) => r.url().includes('/performance') && r.url().includes('windowDays=30'),
      );
      await page.locator('#performance-window').fill('30');
      await thirtyDays;
      await page.locator('[data-performance="measured"]').waitFor({ timeout: 60_000 });
      const drawnCharts = () =>
        page.locator('section[aria-labelledby="flow-performance"] .chart-canvas[data-drawn="true"]').count();
      await expect
        .poll(drawnCharts, { timeout: 60_000 })
        .toBe(2)
        .catch(async (error: Error) => {
          const html = await page.locator('section[aria-labelledby="flow-performance"]').innerHTML();
          throw new Error(`${error.message}\nerrors: ${errors.join('; ')}\n${html.slice(0, 3000)}`);
        });
      // In points, as the page writes a number (en-US in this browser).
      const inPoints = (rate: number) =>
        new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(Math.round(rate * 10_000) / 100);
      await expect
        .poll(() => page.locator('[data-performance="measured"]').textContent())
        .toContain(
          `(95% interval ${inPoints(measured.conversionLift.ci95.low)} to ${inPoints(measured.conversionLift.ci95.high)})`,
        );
      const cells = page.locator('section[aria-labelledby="flow-performance"] table').first().locator('tbody tr');
      expect(await cells.nth(0).locator('td').first().textContent()).toBe(String(measured.treatment.recipients));
      expect(await cells.nth(1).locator('td').first().textContent()).toBe(String(measured.holdout.recipients));
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
