/**
 * The Settings page's Shopify app section in headless Chromium: a store that installed the app (in
 * a local fake Shopify) shows its shop, scopes, install time and webhooks; a store without it gets
 * the install link from the form. Screenshot: docs/shopify/settings-connected.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { installApp, useFakeShopify } from '../shopify/shopify-app.fixtures.js';
import { addUser, TEST_POLICY } from './console-auth.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  overflows,
  SCREENS,
  seriousViolations,
  signedIn,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

const SHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'shopify');

describe.skipIf(!browserReady)(
  `the Shopify app on the Settings page${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    const shopify = useFakeShopify();
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      const connected = await createStore(database.db, { name: 'Sunny Beans', shopifySecret: null });
      await addUser(database.db, connected.store.id, 'owner@sunny.example', 'owner');
      const fresh = await createStore(database.db, { name: 'New Roasters', shopifySecret: null });
      await addUser(database.db, fresh.store.id, 'owner@new.example', 'owner');
      app = await buildApp({
        db: database.db,
        dialect: 'sqlite',
        config: shopify.config(),
        console: { folder, policy: TEST_POLICY },
      });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      const installed = await installApp(
        app,
        shopify.fake(),
        { authorization: `Bearer ${connected.apiKey.plaintext}` },
        'sunny-beans.myshopify.com',
      );
      expect(installed.status).toBe(302);
      browser = await launchChromium();
      await mkdir(SHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
    });

    for (const screen of SCREENS) {
      it(`shows the installed app at ${screen.name} size, with no serious accessibility finding`, async () => {
        const { page, errors } = await signedIn(browser, base, screen, 'owner@sunny.example', '/settings');
        const section = page.locator('section#shopify-app');
        await section.locator('[data-shopify-app="installed"]').waitFor();
        const text = await section.innerText();
        expect(text).toContain('Installed');
        expect(text).toContain('sunny-beans.myshopify.com');
        expect(text).toContain('read_orders, read_fulfillments, read_customers, read_products, write_discounts');
        expect(await section.locator('[data-webhooks]').getAttribute('data-webhooks')).toBe('10');
        // Installed: no install form.
        expect(await section.locator('form[data-form="shopify-app"]').count()).toBe(0);
        expect(await overflows(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        if (screen.name === 'desktop') await section.screenshot({ path: join(SHOTS, 'settings-connected.png') });
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it('gives an owner of a store without the app the install link for the shop typed', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[0], 'owner@new.example', '/settings');
      const section = page.locator('section#shopify-app');
      await section.locator('[data-shopify-app="not_connected"]').waitFor();
      await section.locator('#shopify-shop').fill('new-roasters');
      await section.locator('form[data-form="shopify-app"] button[type="submit"]').click();
      const link = section.locator('a[href*="/admin/oauth/authorize"]');
      await link.waitFor();
      const href = new URL((await link.getAttribute('href'))!);
      expect(href.pathname).toBe('/new-roasters.myshopify.com/admin/oauth/authorize');
      expect(href.searchParams.get('scope')).toBe(
        'read_orders,read_fulfillments,read_customers,read_products,write_discounts',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await section.screenshot({ path: join(SHOTS, 'settings-install-link.png') });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
