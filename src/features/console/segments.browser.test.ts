/**
 * The Segments page in headless Chromium: an owner builds a segment in the rule editor, by
 * keyboard; its live count equals the API's count of the same rule; a faulty value is shown at the
 * condition with the error's code and pointer; the segment is saved and listed. A viewer may try
 * rules but finds nothing to save or delete. Desktop and 390 px, axe-core, screenshots.
 */
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { writeDemoOrders } from './console-server.fixtures.js';
import { addUser, TEST_POLICY } from './console-auth.fixtures.js';
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
import { refreshCustomerMetrics } from '../segments/customer-metrics.service.js';

if (!browserReady) console.warn(`Skipping the Segments browser tests: ${SKIP_NOTE}.`);

describe.skipIf(!browserReady)(
  `the Segments page in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let dir: string;
    let auth: { authorization: string };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'regulars-segments-'));
      const csv = join(dir, 'orders.csv');
      await writeDemoOrders(csv, 600);
      database = await createTestDatabase('sqlite');
      const created = await createStore(database.db, { name: 'Brew Co', shopifySecret: null });
      auth = { authorization: `Bearer ${created.apiKey.plaintext}` };
      await addUser(database.db, created.store.id, 'owner@brew.example', 'owner');
      await addUser(database.db, created.store.id, 'viewer@brew.example', 'viewer');
      await importOrderFile({ db: database.db, readOrderExport }, { path: csv, storeId: created.store.id });
      // The demo orders run from 2024-01-01 for two years; predictions as of their end.
      await refreshCustomerMetrics(database.db, created.store.id, '2025-12-31', new Date().toISOString());
      app = await buildApp({ db: database.db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      // The built-ins' members, as the segments job would have computed them.
      const listed = await app.inject({ method: 'GET', url: '/v1/segments', headers: auth });
      for (const { id } of (listed.json() as { segments: { id: string }[] }).segments) {
        const refreshed = await app.inject({ method: 'POST', url: `/v1/segments/${id}/refresh`, headers: auth });
        expect(refreshed.statusCode).toBe(200);
      }
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const apiCount = async (rule: object) => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/segments/preview',
        headers: auth,
        payload: { rule },
      });
      expect(response.statusCode).toBe(200);
      return (response.json() as { count: number }).count;
    };

    it('builds a segment by keyboard, shows the API’s count live, names a faulty value, and saves it', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[0], 'owner@brew.example', '/segments');
      await page.locator('#built-in-segments').waitFor();
      expect(await page.title()).toBe('Segments · Regulars');
      // Built-ins are listed with their rule in words, and cannot be deleted.
      const vip = page.locator('#built-in-segments tr', { hasText: 'VIP' });
      expect(await vip.locator('.rule-words').textContent()).toBe('Value percentile (0–99) is at least 95');
      expect(await page.locator('#built-in-segments button.danger').count()).toBe(0);
      const vipCount = await apiCount({ field: 'value_percentile', op: 'gte', value: 95 });
      expect(vipCount).toBeGreaterThan(0);
      expect(Number(await vip.locator('[data-members]').getAttribute('data-members'))).toBe(vipCount);

      // The editor, by keyboard: open it, name the segment, add a condition.
      await page.getByRole('button', { name: 'New segment' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("name")')).toBe('name');
      await page.keyboard.type('Repeat buyers who spent');
      await page.getByRole('button', { name: 'Add condition' }).focus();
      await page.keyboard.press('Enter');
      const first = page.locator('.rule-condition').nth(0);
      await first.locator('select[name="field"]').selectOption('orders_count');
      await first.locator('select[name="op"]').selectOption('gte');
      await first.locator('input[name="value"]').focus();
      await page.keyboard.type('2');

      const rule1 = { all: [{ field: 'orders_count', op: 'gte', value: 2 }] };
      const count1 = await apiCount(rule1);
      expect(count1).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.preview-count').getAttribute('data-count')).toBe(String(count1));
      expect(await page.locator('[data-explanation]').textContent()).toBe('Orders is at least 2');

      // A second condition narrows it; a faulty value is named at its condition with code and pointer.
      await page.getByRole('button', { name: 'Add condition' }).click();
      const second = page.locator('.rule-condition').nth(1);
      await second.locator('select[name="field"]').selectOption('total_spent');
      await second.locator('select[name="op"]').selectOption('gt');
      await second.locator('input[name="value"]').fill('lots');
      await expect
        .poll(() => page.locator('[data-preview="error"]').textContent())
        .toContain('SEGMENT_RULE_INVALID at /all/1/value');
      expect(await second.locator('.fault').textContent()).toContain('total_spent compares with a number');
      expect(await second.locator('input[name="value"]').getAttribute('aria-invalid')).toBe('true');
      await second.locator('input[name="value"]').fill('10000');

      const rule2 = {
        all: [
          { field: 'orders_count', op: 'gte', value: 2 },
          { field: 'total_spent', op: 'gt', value: 10000 },
        ],
      };
      const count2 = await apiCount(rule2);
      await expect.poll(() => page.locator('.preview-count').getAttribute('data-count')).toBe(String(count2));
      expect(count2).toBeLessThanOrEqual(count1);
      expect(await page.locator('[data-explanation]').textContent()).toBe(
        'all of: Orders is at least 2; Total spent (minor units) is more than 10,000',
      );
      expect(await page.locator('.sample li').count()).toBe(Math.min(10, count2));
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'segments-desktop.png'), fullPage: true });

      await page.getByRole('button', { name: 'Save segment' }).click();
      await page.locator('.notice').waitFor();
      const listed = await app.inject({ method: 'GET', url: '/v1/segments', headers: auth });
      const saved = (
        listed.json() as { segments: { name: string; rule: unknown; builtIn: boolean }[] }
      ).segments.filter((s) => !s.builtIn);
      expect(saved).toEqual([expect.objectContaining({ name: 'Repeat buyers who spent', rule: rule2 })]);
      await page.locator('#own-segments tr', { hasText: 'Repeat buyers who spent' }).waitFor();
      expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
      await page.context().close();
    });

    it('works at 390 px with nothing sideways, and lets a viewer try rules but save or delete nothing', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[1], 'viewer@brew.example', '/segments');
      await page.locator('#built-in-segments').waitFor();
      expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Try a rule' }).first().click();
      await page.getByRole('button', { name: 'Add condition' }).click();
      const condition = page.locator('.rule-condition').nth(0);
      await condition.locator('select[name="field"]').selectOption('orders_count');
      await condition.locator('select[name="op"]').selectOption('eq');
      await condition.locator('input[name="value"]').fill('1');
      const count = await apiCount({ all: [{ field: 'orders_count', op: 'eq', value: 1 }] });
      await expect.poll(() => page.locator('.preview-count').getAttribute('data-count')).toBe(String(count));
      expect(await page.getByRole('button', { name: 'Save segment' }).count()).toBe(0);
      expect(await overflows(page)).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'segments-phone.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
