/**
 * The Settings page in headless Chromium: an owner changes quiet hours (stored, and the delivery
 * worker then holds a message by them), creates and revokes an API key; a viewer finds every
 * field disabled and no change button, and a change forced past the page is refused; another
 * store's owner sees only their own store. Screenshots: docs/console/settings-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { deps, fakeClock, planned, recordingChannel } from '../delivery/delivery.fixtures.js';
import { runDeliveryWorker } from '../delivery/delivery-worker.service.js';
import { listOutboxMessages } from '../delivery/outbox.repository.js';
import { planMessages } from '../delivery/plan-messages.service.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { addUser, TEST_POLICY } from './console-auth.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  overflows,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  signedIn,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

describe.skipIf(!browserReady)(
  `the Settings page in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let storeId: string;
    let apiKey: string;

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      const created = await createStore(database.db, { name: 'Brew Co', shopifySecret: null });
      storeId = created.store.id;
      apiKey = created.apiKey.plaintext;
      await addUser(database.db, storeId, 'owner@brew.example', 'owner');
      await addUser(database.db, storeId, 'viewer@brew.example', 'viewer');
      const other = await createStore(database.db, { name: 'Other Roasters', shopifySecret: null });
      await addUser(database.db, other.store.id, 'owner@other.example', 'owner');
      app = await buildApp({ db: database.db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
    });

    const api = (method: 'GET' | 'PUT', url: string, key = apiKey) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });

    for (const screen of SCREENS) {
      it(`shows every section at ${screen.name} size, with no serious accessibility finding`, async () => {
        const { page, errors } = await signedIn(browser, base, screen, 'owner@brew.example', '/settings');
        await page.locator('.settings-page[data-loaded="true"]').waitFor();
        expect(await page.title()).toBe('Settings · Regulars');
        for (const section of ['shop', 'delivery', 'api-keys', 'shopify', 'users'])
          expect(await page.locator(`section#${section}`).count(), section).toBe(1);
        await page.locator('[data-user="viewer@brew.example"]').waitFor();
        await page.locator('#api-keys tbody tr').first().waitFor();
        expect(await overflows(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `settings-${screen.name}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it('lets an owner change quiet hours by keyboard on a phone; they are stored and the delivery worker keeps them', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[1], 'owner@brew.example', '/settings');
      await page.locator('.settings-page[data-loaded="true"]').waitFor();
      const zone = page.locator('#delivery-zone');
      await zone.fill('Mars/Olympus');
      await zone.press('Enter');
      // The browser knows no such zone: the page says so and sends nothing.
      await expect.poll(() => page.locator('#delivery-zone-help').textContent()).toContain('Mars/Olympus');
      expect((await api('GET', '/v1/settings/delivery')).json().timeZone).toBeNull();

      await zone.fill('Asia/Seoul');
      await page.locator('#delivery-quiet-start').fill('22:30');
      await page.locator('#delivery-quiet-end').fill('07:15');
      await page.locator('#delivery-cap-max').fill('2');
      // Enter in a field submits its form, as a keyboard user expects.
      await page.locator('#delivery-holdout').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('20');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#delivery-outcome').textContent()).toBe('Saved.');
      const stored = (await api('GET', '/v1/settings/delivery')).json();
      expect(stored).toMatchObject({
        timeZone: 'Asia/Seoul',
        quietHours: { start: '22:30', end: '07:15' },
        frequencyCap: { maxPerWindow: 2 },
        holdoutShare: 0.2,
      });

      // Applied: a marketing message due at 23:00 in Seoul (14:00 UTC) waits until 07:15 there.
      const { db } = database;
      const customer = await upsertCustomerByExternalId(db, storeId, { externalId: 'seoul', email: 's@example.com' });
      await recordConsent(db, storeId, customer.id, {
        channel: 'email',
        purpose: 'marketing',
        status: 'granted',
        source: 'api',
        recordedAt: '2026-01-01T00:00:00Z',
        ip: null,
        doubleOptInAt: null,
      });
      const at = '2026-05-10T14:00:00.000Z';
      await planMessages(
        db,
        storeId,
        [planned(storeId, customer.id, { sendAt: at, triggerKey: 'seoul', holdoutShare: 0 })],
        at,
      );
      const result = await runDeliveryWorker(deps(db, recordingChannel(), fakeClock(at).now), { storeId, once: true });
      expect(result).toMatchObject({ postponed: 1, sent: 0 });
      const [message] = (await listOutboxMessages(db, storeId)).filter((m) => m.customerId === customer.id);
      expect(message).toMatchObject({
        sendAt: '2026-05-10T22:15:00.000Z',
        reason: 'quiet_hours: 22:30-07:15 in Asia/Seoul',
      });

      // After a reload the form shows what is stored.
      await page.reload();
      await page.locator('.settings-page[data-loaded="true"]').waitFor();
      expect(await page.locator('#delivery-quiet-start').inputValue()).toBe('22:30');
      expect(await page.locator('#delivery-zone').inputValue()).toBe('Asia/Seoul');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('creates an API key shown once with a copy button, which works until it is revoked', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[0], 'owner@brew.example', '/settings');
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      page.on('dialog', (dialog) => void dialog.accept());
      await page.locator('.settings-page[data-loaded="true"]').waitFor();
      await page.locator('#key-name').fill('warehouse');
      await page.locator('#key-name').press('Enter');
      const secret = page.locator('[data-secret] .secret-value');
      await secret.waitFor();
      const key = (await secret.textContent()) ?? '';
      expect(key).toMatch(/^rk_live_/);
      await page.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(key);
      expect((await api('GET', '/v1/settings/shop', key)).statusCode).toBe(200);

      // The list shows the key's first characters only; the secret is not in the page once hidden.
      const row = page.locator('#api-keys tbody tr', { hasText: 'warehouse' });
      await row.waitFor();
      await page.getByRole('button', { name: 'I have kept it: hide it' }).click();
      expect(await page.content()).not.toContain(key);

      await row.getByRole('button', { name: 'Revoke warehouse' }).click();
      await expect.poll(() => row.textContent()).toContain('revoked');
      // A running server refuses a revoked key within its 2-second cache.
      await expect
        .poll(async () => (await api('GET', '/v1/settings/shop', key)).statusCode, { timeout: 5_000 })
        .toBe(401);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('shows a viewer the settings with every field disabled and no change button; a forced change is refused', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[1], 'viewer@brew.example', '/settings');
      await page.locator('.settings-page[data-loaded="true"]').waitFor();
      await page.locator('[data-user="owner@brew.example"]').waitFor();
      expect(await page.locator('[data-read-only]').count()).toBe(1);
      expect(await page.locator('main input:not([disabled]), main select:not([disabled])').count()).toBe(0);
      expect(await page.locator('main button[type="submit"], main button.danger').count()).toBe(0);
      expect(await page.locator('#key-name, #user-email, #shopify-secret').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      // The page's controls are a courtesy: the server refuses the same change sent by hand.
      const forced = (await page.evaluate(`(async () => {
      const session = await (await fetch('/v1/console/session')).json();
      const response = await fetch('/v1/settings/delivery', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ quietHours: null }),
      });
      return { status: response.status, body: await response.json() };
    })()`)) as { status: number; body: { error: { code: string } } };
      expect(forced.status).toBe(403);
      expect(forced.body.error.code).toBe('ROLE_FORBIDDEN');
      expect((await api('GET', '/v1/settings/delivery')).json().quietHours).not.toBeNull();
      // The browser logged the refused request; nothing else went wrong.
      expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
      await page.context().close();
    });

    it("shows another store's owner only their own store", async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[0], 'owner@other.example', '/settings');
      await page.locator('.settings-page[data-loaded="true"]').waitFor();
      await page.locator('[data-user="owner@other.example"]').waitFor();
      expect(await page.locator('#shop-name').inputValue()).toBe('Other Roasters');
      expect(await page.locator('[data-user="owner@brew.example"]').count()).toBe(0);
      expect(await page.locator('#api-keys tbody', { hasText: 'warehouse' }).count()).toBe(0);
      expect(await page.locator('#delivery-zone').inputValue()).toBe('');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
