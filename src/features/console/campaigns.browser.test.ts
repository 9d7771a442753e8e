/**
 * The Campaigns page in a real browser: headless Chromium signs in, composes a newsletter without
 * JSON, sees the server-rendered preview at desktop and phone widths, the lint findings and the
 * SpamAssassin score, sends a test to an SMTP server running in this process, schedules and
 * cancels; at 390 px, by keyboard, with no serious or critical axe-core finding; and writes the
 * screenshots docs/console.md shows (docs/console/campaign*.png).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { updateShopProfile } from '../stores/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { writeDemoOrders } from './console-server.fixtures.js';
import { addUser, TEST_PASSWORD, TEST_POLICY } from './console-auth.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

if (!browserReady) console.warn(`Skipping the campaigns browser tests: ${SKIP_NOTE}.`);

const [DESKTOP, PHONE] = SCREENS.map((screen) => screen.context);

describe.skipIf(!browserReady)(
  `the Campaigns page in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let smtp: SMTPServer;
    const received: { to: string[]; raw: Buffer }[] = [];
    let base: string;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'regulars-campaigns-'));
      const csv = join(dir, 'orders.csv');
      await writeDemoOrders(csv, 300);
      database = await createTestDatabase('sqlite');
      const created = await createStore(database.db, { name: 'Brew Co', shopifySecret: null });
      const storeId = created.store.id;
      await addUser(database.db, storeId, 'owner@brew.example', 'owner');
      await addUser(database.db, storeId, 'viewer@brew.example', 'viewer');
      await importOrderFile({ db: database.db, readOrderExport }, { path: csv, storeId });
      await updateShopProfile(
        database.db,
        storeId,
        { url: 'https://brew.example', address: '5 Kettle Yard, Leeds LS1 2AB', supportEmail: 'hello@brew.example' },
        new Date().toISOString(),
      );
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const config = loadConfig({
        REGULARS_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        REGULARS_MAIL_FROM: 'Brew Co <hello@brew.example>',
      });
      app = await buildApp({ db: database.db, dialect: 'sqlite', config, console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
      await database?.destroy();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    async function signedIn(screen: BrowserContextOptions, email = 'owner@brew.example', next = '/campaigns') {
      const context = await browser.newContext(screen);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${base}${next}`);
      await page.waitForURL(/\/login/);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${base}${next}`);
      await page.locator('.campaigns[data-ready="true"]').waitFor();
      return { page, errors };
    }

    const notice = (page: Page) => page.locator('.notice-area');

    it('composes a newsletter, previews it at both widths, checks it, test-sends, schedules and cancels it', async () => {
      const { page, errors } = await signedIn(DESKTOP);
      expect(await page.title()).toBe('Campaigns · Regulars');
      await page.getByRole('link', { name: 'New campaign' }).click();
      await page.waitForURL(`${base}/campaigns/new`);

      await page.getByLabel('Name', { exact: true }).fill('spring-roasts');
      // Every customer, with the live count of the stored customers.
      const everyone = page.locator('#campaign-segment option').first();
      await expect.poll(() => everyone.textContent()).toMatch(/^Every customer \(\d+\)$/);
      await page.getByLabel('Subject').fill('Our spring roasts are here');
      await page.getByLabel('Preheader').fill('Two new coffees from this harvest');
      const body = page.locator('#campaign-body');
      await body.fill(
        "Hi {{ customer.first_name | default: 'there' }},\n\n## Colombia La Esperanza\n\nBright and juicy, with notes of red apple.\n\n- 250 g bags\n- whole bean or ground\n\n[Read about La Esperanza](https://brew.example/products/colombia)\n\n",
      );
      // The toolbar wraps the selection: select "juicy" and make it bold.
      await page.evaluate(
        "(() => { const el = document.getElementById('campaign-body'); const at = el.value.indexOf('juicy'); el.setSelectionRange(at, at + 5); })()",
      );
      await page.getByRole('button', { name: 'Bold' }).click();
      await expect.poll(() => body.inputValue()).toContain('**juicy**');

      // The preview is the server's rendering, for the sample customer, in a sandboxed frame.
      const frame = page.locator('.preview iframe');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      const inFrame = page.frameLocator('.preview iframe');
      await expect.poll(() => inFrame.locator('h3').first().textContent()).toBe('Colombia La Esperanza');
      expect(await inFrame.locator('strong').first().textContent()).toBe('juicy');
      expect(await inFrame.locator('body').textContent()).toContain('Hi Alice,');
      expect(await inFrame.locator('body').textContent()).toContain('5 Kettle Yard, Leeds LS1 2AB');
      expect(Math.round((await frame.boundingBox())!.width)).toBe(640);
      await page.getByLabel('Phone').check();
      await expect.poll(async () => Math.round((await frame.boundingBox())!.width)).toBe(375);
      await page.getByLabel('Desktop').check();
      // The documentation's picture: the window as the user sees it. A full-page capture resizes
      // the window, and Chromium then draws the sandboxed frame (a process of its own) blank.
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(SCREENSHOTS, 'campaign-compose-desktop.png') });

      // The checks scheduling makes, shown first: lint findings and the SpamAssassin score.
      // By keyboard, as the test send below: a mouse click can land on the preview frame while the page scrolls.
      await page.getByRole('button', { name: 'Run the checks' }).press('Enter');
      const result = page.locator('.lint-result');
      await result.waitFor({ timeout: 120_000 });
      expect(await result.getAttribute('data-blocked')).toBe('false');
      expect(await page.locator('.spam-score').textContent()).toMatch(/^SpamAssassin score: -?\d+(\.\d)? \(limit 5\)/);

      // A test send arrives at the SMTP server, to the signed-in user.
      expect(await page.getByLabel('Send to').inputValue()).toBe('owner@brew.example');
      // By keyboard (a mouse click here can land on the preview frame while the page scrolls to the button).
      await page.getByRole('button', { name: 'Send a test' }).press('Enter');
      await expect.poll(() => notice(page).textContent(), { timeout: 60_000 }).toBe('Test sent to owner@brew.example.');
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual(['owner@brew.example']);
      const mail = await PostalMime.parse(received[0]!.raw);
      expect(mail.subject).toBe('[Test] Our spring roasts are here');
      expect(mail.html).toContain('<strong>juicy</strong>');
      expect(mail.text).toContain('Read about La Esperanza: https://brew.example/products/colombia');
      expect(await seriousViolations(page, { iframes: false })).toEqual([]);

      // Schedule at tomorrow 09:00 in the store's zone (the default), then cancel.
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      await expect
        .poll(() => notice(page).textContent(), { timeout: 120_000 })
        .toMatch(/^Scheduled for .+: \d+ customers/);
      await page.waitForURL(`${base}/campaigns/spring-roasts`);
      await expect.poll(() => page.locator('.compose > p.status').first().textContent()).toContain('Scheduled');
      expect(await page.getByLabel('Subject').isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Cancel campaign' }).click();
      await expect
        .poll(() => notice(page).textContent())
        .toMatch(/^Campaign cancelled; 0 waiting messages withdrawn\.$/);

      // A second campaign stays a draft; the list counts each status.
      await page.getByRole('link', { name: 'All campaigns' }).click();
      await page.getByRole('link', { name: 'New campaign' }).click();
      await page.getByLabel('Name', { exact: true }).fill('summer-news');
      await page.getByLabel('Subject').fill('Cold brew season');
      await page.locator('#campaign-segment').selectOption('one-time-buyers');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(`${base}/campaigns/summer-news`);
      await page.getByRole('link', { name: 'All campaigns' }).click();
      await page.locator('.campaign-card[data-campaign="summer-news"]').waitFor();
      expect(await page.locator('[data-status="draft"]').textContent()).toBe('Draft (1)');
      expect(await page.locator('[data-status="cancelled"]').textContent()).toBe('Cancelled (1)');
      expect(await page.locator('.campaign-card[data-campaign="spring-roasts"] .badge').textContent()).toBe(
        'Cancelled',
      );
      expect(await seriousViolations(page, { iframes: false })).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'campaigns-desktop.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('works at 390 px and by keyboard, and shows a viewer no way to change a campaign', async () => {
      const { page, errors } = await signedIn(PHONE);
      const fits = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
      expect(await fits()).toBe(true);
      expect(await seriousViolations(page, { iframes: false })).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'campaigns-phone.png'), fullPage: true });

      // By keyboard: to "New campaign", then into the form, typing the subject and using the toolbar.
      const focused = () => page.evaluate('document.activeElement?.textContent?.trim() ?? ""');
      const focusedId = () => page.evaluate('document.activeElement?.id ?? ""');
      let steps = 0;
      while ((await focused()) !== 'New campaign' && steps++ < 40) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/campaigns/new`);
      steps = 0;
      while ((await focusedId()) !== 'campaign-subject' && steps++ < 40) await page.keyboard.press('Tab');
      await page.keyboard.type('Typed by keyboard');
      steps = 0;
      while ((await focused()) !== 'Italic' && steps++ < 40) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#campaign-body').inputValue()).toContain('*italic*');
      await expect.poll(() => page.frameLocator('.preview iframe').locator('em').first().textContent()).toBe('italic');
      expect(await fits()).toBe(true);
      expect(await seriousViolations(page, { iframes: false })).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();

      const viewer = await signedIn(DESKTOP, 'viewer@brew.example', '/campaigns/summer-news');
      await viewer.page.locator('.compose').waitFor();
      expect(await viewer.page.getByRole('button', { name: 'Schedule', exact: true }).count()).toBe(0);
      expect(await viewer.page.getByRole('button', { name: 'Send a test' }).count()).toBe(0);
      expect(await viewer.page.getByLabel('Subject').isDisabled()).toBe(true);
      expect(await viewer.page.getByRole('link', { name: 'New campaign' }).count()).toBe(0);
      // The preview is a computation any role may ask for.
      await expect.poll(() => viewer.page.locator('.preview-subject').textContent()).toContain('Cold brew season');
      expect(await viewer.page.frameLocator('.preview iframe').locator('body').textContent()).toContain('Hi Alice,');
      await viewer.page.context().close();
    });
  },
);
