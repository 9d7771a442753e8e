/**
 * The Customers section in a real browser: headless Chromium signs in, searches a customer by
 * email, opens their 360 page and sees its predictions (the metrics refresh's own figures) and
 * timeline, at desktop and phone widths, with no serious or critical axe-core finding and nothing
 * scrolling sideways; the same walk by keyboard alone; and the screenshots docs/console.md shows.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { planMessages } from '../delivery/plan-messages.service.js';
import { postPoints } from '../loyalty/post-points.service.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { segmentsRefreshJob } from '../segments/index.js';
import { setTierSettings } from '../tiers/index.js';
import { addUser, TEST_PASSWORD, TEST_POLICY } from './console-auth.fixtures.js';
import { writeDemoOrders } from './console-server.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  type Screen,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

if (!browserReady) console.warn(`Skipping the Customers browser tests: ${SKIP_NOTE}.`);

describe.skipIf(!browserReady)(
  `the Customers section in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let dir: string;
    /** The customer the tests look up: the model's most promising regular. */
    let regular: { id: string; email: string; pAlive: number; orders: number };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'regulars-customers-'));
      const csv = join(dir, 'orders.csv');
      await writeDemoOrders(csv, 400);
      database = await createTestDatabase('sqlite');
      const db = database.db;
      const { store } = await createStore(db, { name: 'Brew Co', shopifySecret: null });
      await addUser(db, store.id, 'owner@brew.example', 'owner');
      await importOrderFile({ db, readOrderExport }, { path: csv, storeId: store.id });
      // The segments job as the scheduler runs it: metrics with the fitted model, then memberships.
      await segmentsRefreshJob.run(db, store.id, '2026-01-02T00:00:00.000Z');

      // The customer the model expects most from in the next quarter, among those with several orders.
      const top = await db
        .selectFrom('customer_metrics')
        .select(['customer_id', 'orders_count', 'p_alive'])
        .where('store_id', '=', store.id)
        .where('orders_count', '>=', 5)
        .orderBy('expected_orders', 'desc')
        .orderBy('customer_id')
        .executeTakeFirstOrThrow();
      const customer = await db
        .selectFrom('customers')
        .select(['id', 'email'])
        .where('store_id', '=', store.id)
        .where('id', '=', top.customer_id)
        .executeTakeFirstOrThrow();
      const orders = await db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('store_id', '=', store.id)
        .where('customer_id', '=', customer.id)
        .executeTakeFirstOrThrow();
      regular = { id: customer.id, email: customer.email!, pAlive: top.p_alive!, orders: Number(orders.n) };

      // A little of everything else the 360 page shows, through the features' own services.
      await setTierSettings(
        db,
        store.id,
        {
          basis: 'lifetime_spend',
          currency: 'USD',
          levels: [
            { name: 'Silver', threshold: 100_000_000, perks: {} },
            { name: 'Gold', threshold: 200_000_000, perks: {} },
          ],
        },
        '2026-01-01T08:00:00.000Z',
      );
      await recordConsent(db, store.id, regular.id, {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'signup_form',
        recordedAt: '2026-01-01T09:00:00.000Z',
        ip: null,
        doubleOptInAt: null,
      });
      await postPoints(db, store.id, regular.id, {
        kind: 'adjust',
        points: 250,
        sourceKey: 'welcome-bonus',
        reason: 'welcome bonus',
        postedAt: '2026-01-01T10:00:00.000Z',
        availableAt: '2026-01-01T10:00:00.000Z',
      });
      await planMessages(
        db,
        store.id,
        [
          {
            storeId: store.id,
            customerId: regular.id,
            flow: 'win-back',
            triggerKey: 'browser-test',
            channel: 'email',
            purpose: 'marketing',
            template: 'win-back-1',
            data: {},
            sendAt: '2026-01-01T11:00:00.000Z',
            holdoutShare: 1,
          },
        ],
        '2026-01-01T11:00:00.000Z',
      );

      app = await buildApp({ db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
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

    async function signedIn(screen: Screen): Promise<{ page: Page; errors: string[] }> {
      const context = await browser.newContext(screen.context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${base}/`);
      await page.waitForURL(/\/login/);
      await page.locator('input[name="email"]').fill('owner@brew.example');
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${base}/`);
      return { page, errors };
    }

    const sideways = (page: Page) =>
      page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

    /** The 360 page once its parts and the timeline's first page are on screen, checked. */
    async function check360(page: Page): Promise<void> {
      await page.locator('.customer-360[data-drawn="true"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('.customer-360').getAttribute('data-customer-id')).toBe(regular.id);
      expect(await page.locator('#page-heading').textContent()).toContain(regular.email);
      expect(await page.locator('[data-consent]').getAttribute('data-consent')).toBe('granted');
      // The predictions are the metrics refresh's own.
      expect(Number(await page.locator('[data-prediction="p-alive"]').getAttribute('data-raw'))).toBe(regular.pAlive);
      const expected = await Promise.all(
        [30, 90, 365].map(async (d) =>
          Number(await page.locator(`[data-prediction="orders-${d}"]`).getAttribute('data-raw')),
        ),
      );
      expect(regular.pAlive).toBeGreaterThan(0.5);
      expect(expected[0]).toBeGreaterThan(0.1);
      expect(expected[1]).toBeGreaterThan(expected[0]);
      expect(expected[2]).toBeGreaterThan(expected[1]);
      expect(await page.locator('[data-prediction="clv"]').textContent()).toMatch(/\$/);
      expect(await page.locator('[data-points]').getAttribute('data-points')).toBe('250');
      // No one reaches a tier of a million dollars: the way to the first one is shown.
      expect(await page.locator('[data-tier]').textContent()).toMatch(/^no tier · \$[\d,.]+ more for Silver$/);
      // The timeline, newest first: the held-out message, the points, the consent, then the orders.
      const kinds = await page
        .locator('.timeline-entry')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-event')}`));
      expect(kinds.slice(0, 3)).toEqual(['message:held_out', 'points:adjust', 'consent:granted']);
      expect(kinds.length).toBeLessThanOrEqual(30);
      expect(kinds.filter((k) => k.startsWith('order:')).length).toBeGreaterThanOrEqual(Math.min(regular.orders, 20));
      expect(await page.locator('.timeline-entry').first().textContent()).toContain('win-back');
    }

    for (const screen of SCREENS) {
      it(`finds a customer by email and opens the 360 page at ${screen.name} size`, async () => {
        const { page, errors } = await signedIn(screen);
        await page.goto(`${base}/customers`);
        await page.locator('.customer-table tbody tr').first().waitFor({ timeout: 60_000 });
        expect(await page.title()).toBe('Customers · Regulars');
        expect(await page.locator('.customer-table tbody tr').count()).toBe(25);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `customers-${screen.name}.png`), fullPage: true });

        // The next page, and back.
        const firstId = await page.locator('.customer-table tbody tr').first().getAttribute('data-customer-id');
        await page.getByRole('button', { name: 'Next page' }).click();
        await expect
          .poll(() => page.locator('.customer-table tbody tr').first().getAttribute('data-customer-id'))
          .not.toBe(firstId);
        await page.getByRole('button', { name: 'Previous page' }).click();
        await expect
          .poll(() => page.locator('.customer-table tbody tr').first().getAttribute('data-customer-id'))
          .toBe(firstId);

        await page.locator('input[name="query"]').fill(regular.email.toUpperCase());
        await page.locator('input[name="query"]').press('Enter');
        await expect.poll(() => page.locator('.customer-table tbody tr').count()).toBe(1);
        expect(await page.locator('.customer-table tbody tr').getAttribute('data-customer-id')).toBe(regular.id);
        expect(page.url()).toBe(`${base}/customers?q=${encodeURIComponent(regular.email.toUpperCase())}`);
        await page.locator(`.customer-table a[href="/customers/${regular.id}"]`).click();
        await page.waitForURL(`${base}/customers/${regular.id}`);
        await check360(page);
        expect(await sideways(page)).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `customer-360-${screen.name}.png`), fullPage: true });

        // Older entries on demand, a page at a time, until every order is on the page once.
        const older = page.getByRole('button', { name: 'Show older' });
        for (let pages = 0; (await older.count()) > 0 && pages < 20; pages++) {
          const shown = await page.locator('.timeline-entry').count();
          await older.click();
          await expect.poll(() => page.locator('.timeline-entry').count()).toBeGreaterThan(shown);
        }
        expect(await page.locator('.timeline-entry[data-kind="order"]').count()).toBe(regular.orders);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it('is usable by keyboard alone: from the navigation to the search, to the customer, to the 360 page', async () => {
      const { page, errors } = await signedIn(SCREENS[0]);
      await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 60_000 });
      const focused = () => page.evaluate('document.activeElement?.textContent?.trim() ?? ""') as Promise<string>;
      const focusedName = () => page.evaluate('document.activeElement?.getAttribute("name") ?? ""') as Promise<string>;
      let steps = 0;
      while ((await focused()) !== 'Customers' && steps++ < 30) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/customers`);
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('page-heading');
      steps = 0;
      while ((await focusedName()) !== 'query' && steps++ < 10) await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('query');
      await page.keyboard.type(regular.email);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.customer-table tbody tr').count()).toBe(1);
      steps = 0;
      while ((await focused()) !== regular.email && steps++ < 10) await page.keyboard.press('Tab');
      expect(await focused()).toBe(regular.email);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/customers/${regular.id}`);
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('page-heading');
      await check360(page);
      // Back to the list by keyboard: the link above the heading.
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('All customers');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/customers`);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('says so when there is no such customer', async () => {
      const { page } = await signedIn(SCREENS[0]);
      await page.goto(`${base}/customers/cus_00000000000000000000000000`);
      await page.getByRole('alert').waitFor({ timeout: 60_000 });
      expect(await page.getByRole('alert').textContent()).toContain(
        'There is no customer cus_00000000000000000000000000',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  },
);
