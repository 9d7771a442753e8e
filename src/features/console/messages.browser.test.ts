/**
 * The Messages page in headless Chromium, as in the demo: a store's flows planned messages, the
 * real delivery worker sent some over SMTP to the demo's in-process mail catcher, others were held
 * out or stopped by an order. The log's filters narrow it as the API does; a sent message opens
 * rendered from the catcher's copy (subject, HTML in a sandboxed frame, text); by keyboard; desktop
 * and 390 px, axe-core, screenshots.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { addUser, TEST_POLICY } from './console-auth.fixtures.js';
import { planned, storeWithCustomers } from '../delivery/delivery.fixtures.js';
import { planMessages } from '../delivery/plan-messages.service.js';
import { DELIVERY_SETTING } from '../delivery/delivery-settings.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { insertOutboxMessages, outboxMessageToRow } from '../delivery/outbox.repository.js';
import { createEmailChannel, suppressionList } from '../delivery/deliver-email.service.js';
import { runDeliveryWorker } from '../delivery/delivery-worker.service.js';
import { builtInTemplatesDir, loadTemplate } from '../messaging/templates.adapter.js';
import { createSmtpMailer } from '../messaging/mailer.adapter.js';
import { type MailCatcher, startMailCatcher } from '../demo/mail-catcher.adapter.js';
import { createApiKey } from '../../platform/stores/api-key.repository.js';
import {
  browserReady,
  folder,
  launchChromium,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  overflows,
  signedIn,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

if (!browserReady) console.warn(`Skipping the Messages browser tests: ${SKIP_NOTE}.`);

describe.skipIf(!browserReady)(
  `the Messages page in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let catcher: MailCatcher;
    let base: string;
    let dir: string;
    let auth: { authorization: string };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'regulars-messages-'));
      database = await createTestDatabase('sqlite');
      const db = database.db;
      const { storeId, customerIds } = await storeWithCustomers(db, 5);
      auth = { authorization: `Bearer ${(await createApiKey(db, storeId)).plaintext}` };
      await addUser(db, storeId, 'owner@shop.example', 'owner');
      const now = new Date(Date.now() - 60_000).toISOString();
      // Sent whatever the hour the test runs at: no quiet hours for this store.
      await writeSetting(db, storeId, DELIVERY_SETTING, { quietHours: null }, now);
      const sample = (await loadTemplate(builtInTemplatesDir(), 'newsletter')).sample ?? {};
      await planMessages(
        db,
        storeId,
        customerIds
          .slice(0, 3)
          .map((c) => planned(storeId, c, { flow: 'spring-news', template: 'newsletter', data: sample, sendAt: now })),
        now,
      );
      await insertOutboxMessages(db, storeId, [
        outboxMessageToRow(
          storeId,
          `msg_0${'0'.repeat(20)}1`,
          planned(storeId, customerIds[3], { sendAt: now }),
          { status: 'held_out', reason: "holdout: 10% of the win-back flow's customers are held out" },
          now,
        ),
        outboxMessageToRow(
          storeId,
          `msg_0${'0'.repeat(20)}2`,
          planned(storeId, customerIds[4], { sendAt: now }),
          {
            status: 'skipped',
            reason: `stopped_by_order: the customer ordered at ${now}, after the message was planned`,
          },
          now,
        ),
      ]);
      catcher = await startMailCatcher(join(dir, 'mail'));
      const mailer = createSmtpMailer({ host: '127.0.0.1', port: catcher.port, secure: false, timeoutMs: 5_000 });
      const clock = () => new Date().toISOString();
      const totals = await runDeliveryWorker(
        {
          db,
          channels: {
            email: createEmailChannel({
              db,
              mailer,
              templatesDir: builtInTemplatesDir(),
              from: 'Shop <hello@shop.example>',
              publicUrl: 'http://127.0.0.1',
              clock,
            }),
          },
          suppression: suppressionList,
          workerId: 'test',
          clock,
          leaseMs: 60_000,
        },
        { storeId, once: true },
      );
      expect(totals.sent).toBe(3);
      app = await buildApp({ db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY }, demoMailbox: catcher });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await catcher?.close();
      await database?.destroy();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const apiIds = async (query: string) => {
      const response = await app.inject({ method: 'GET', url: `/v1/messages${query}`, headers: auth });
      return (response.json() as { messages: { id: string }[] }).messages.map((m) => m.id);
    };
    const shownIds = (page: import('playwright-core').Page) =>
      page.locator('.log-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));

    it('filters the log as the API does, and opens a sent message rendered, by keyboard', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[0], 'owner@shop.example', '/messages');
      await page.locator('.log-table').waitFor();
      expect(await page.title()).toBe('Messages · Regulars');
      expect(await shownIds(page)).toEqual(await apiIds(''));
      expect(await shownIds(page)).toHaveLength(5);

      await page.locator('#filter-status').selectOption('sent');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => shownIds(page)).toEqual(await apiIds('?status=sent'));
      expect(await page.locator('.log-table tbody tr').count()).toBe(3);
      expect(await page.locator('.log-table [data-status="sent"] .pill').first().textContent()).toBe('Sent');

      await page.locator('#filter-status').selectOption('');
      await page.locator('#filter-flow').fill('win-back');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => shownIds(page)).toEqual(await apiIds('?flow=win-back'));
      expect(await page.locator('.log-table tbody tr').count()).toBe(2);
      expect(await page.locator('[data-status="stopped_by_order"] .pill').textContent()).toBe('Stopped by order');
      expect(await page.locator('[data-status="held_out"] .pill').textContent()).toBe('Held out');

      await page.locator('#filter-flow').fill('');
      await page.locator('#filter-customer').fill('c-1');
      await page.keyboard.press('Enter');
      await expect.poll(() => shownIds(page)).toEqual(await apiIds('?customer=c-1'));
      expect(await page.locator('.log-table tbody tr').count()).toBe(1);

      // Open it by keyboard: the detail takes focus, and shows the catcher's copy rendered.
      await page.locator('.log-table [data-open]').first().focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('message-detail-title');
      const rendered = page.locator('[data-rendered]');
      await rendered.waitFor();
      const mail = catcher.list({ limit: 10 }).find((m) => m.to.includes('c1@example.com'));
      expect(mail).toBeDefined();
      expect(await rendered.locator('[data-subject]').textContent()).toBe(mail!.subject);
      const frame = page.locator('iframe.mail-frame');
      expect(await frame.getAttribute('sandbox')).toBe('');
      expect((await page.frameLocator('iframe.mail-frame').locator('body').textContent())?.length).toBeGreaterThan(20);
      expect(await rendered.locator('.mail-text').textContent()).toMatch(/unsubscribe/i);
      expect(await seriousViolations(page)).toEqual([]);
      // Chromium paints a cross-origin (sandboxed) frame only once it has been in view.
      await frame.scrollIntoViewIfNeeded();
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
      await page.screenshot({ path: join(SCREENSHOTS, 'messages-desktop.png'), fullPage: true });
      await page.getByRole('button', { name: 'Back to the list' }).click();
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('lists the demo catcher’s mail and opens it at 390 px with nothing sideways', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[1], 'owner@shop.example', '/messages');
      await page.locator('#demo-mail tbody tr').first().waitFor();
      expect(await page.locator('#demo-mail tbody tr').count()).toBe(3);
      await page.locator('#demo-mail [data-open]').first().click();
      await page.locator('[data-rendered]').waitFor();
      expect(await page.locator('[data-rendered] [data-subject]').textContent()).toBe(
        catcher.list({ limit: 1 })[0].subject,
      );
      expect(await overflows(page)).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'messages-phone.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
