/**
 * The Settings page's outgoing webhook endpoints in headless Chromium: an endpoint Regulars turned
 * off (its receiver answered 410 Gone) is announced with why and since when, an owner turns it back
 * on by keyboard, and a viewer sees the notice without the button. Screenshots:
 * docs/console/settings-webhooks-desktop.png and -phone.png.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { emitWebhookEvent } from '../outgoing-webhooks/index.js';
import { deliverDueWebhooks, deliveryOwner } from '../outgoing-webhooks/deliver-webhooks.service.js';
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

const SHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'console');

describe.skipIf(!browserReady)(
  `outgoing webhook endpoints on the Settings page${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let receiver: WebhookReceiver;
    let storeId: string;
    let auth: { authorization: string };

    const addEndpoint = async (url: string) => {
      const made = await app.inject({
        method: 'POST',
        url: '/v1/webhook-endpoints',
        headers: auth,
        payload: { url, events: ['order.recorded', 'points.changed'] },
      });
      expect(made.statusCode, made.body).toBe(201);
      return made.json<{ id: string }>().id;
    };
    const endpoints = async () =>
      (await app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: auth })).json<{
        endpoints: { id: string; status: string; disabledReason: string | null }[];
      }>().endpoints;
    /** An order event, delivered to a receiver that answers 410 Gone: Regulars turns the endpoint off. */
    const failDelivery = async () => {
      receiver.answer = (response) => void response.writeHead(410).end();
      const now = new Date().toISOString();
      await inTransaction(database.db, (trx) =>
        emitWebhookEvent(trx, storeId, { type: 'order.recorded', at: now, data: { orderId: '1042' } }),
      );
      await deliverDueWebhooks(database.db, storeId, { now, owner: deliveryOwner() });
    };

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      const made = await createStore(database.db, { name: 'Sunny Beans', shopifySecret: null });
      storeId = made.store.id;
      auth = { authorization: `Bearer ${made.apiKey.plaintext}` };
      await addUser(database.db, storeId, 'owner@sunny.example', 'owner');
      await addUser(database.db, storeId, 'viewer@sunny.example', 'viewer');
      app = await buildApp({ db: database.db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      receiver = await startWebhookReceiver('unused', '/hooks/regulars');
      await addEndpoint(`${receiver.url}?crm=1`);
      await addEndpoint(receiver.url);
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await receiver?.close();
      await app?.close();
      await database?.destroy();
    });

    for (const screen of SCREENS) {
      it(`announces a turned-off endpoint at ${screen.name} size, and an owner turns it back on by keyboard`, async () => {
        await failDelivery();
        expect((await endpoints()).map((e) => e.status)).toEqual(['disabled', 'disabled']);
        const { page, errors } = await signedIn(browser, base, screen, 'owner@sunny.example', '/settings');
        const section = page.locator('section#webhook-endpoints');
        const notice = section.locator('[data-webhooks-disabled]');
        await notice.waitFor();
        expect(await notice.getAttribute('role')).toBe('alert');
        expect(await notice.getAttribute('data-webhooks-disabled')).toBe('2');
        const text = await section.innerText();
        expect(text).toContain('410 Gone');
        expect(text).toContain(receiver.url);
        expect(await overflows(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        await section.screenshot({ path: join(SHOTS, `settings-webhooks-${screen.name}.png`) });

        // Keyboard only: focus the first "Turn … back on" button and press Enter.
        const button = section.locator('[data-status="disabled"] button').first();
        await button.focus();
        await page.keyboard.press('Enter');
        await section.locator('[data-webhooks-disabled="1"]').waitFor();
        await section.locator('[data-status="enabled"]').waitFor();
        expect((await endpoints()).filter((e) => e.status === 'enabled')).toHaveLength(1);
        // Turn the other one back on too, for the next screen's run.
        await section.locator('[data-status="disabled"] button').click();
        await section.locator('[data-webhooks-disabled]').waitFor({ state: 'detached' });
        expect((await endpoints()).every((e) => e.status === 'enabled')).toBe(true);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it('shows a viewer the notice, without the button', async () => {
      await failDelivery();
      const { page, errors } = await signedIn(browser, base, SCREENS[1], 'viewer@sunny.example', '/settings');
      const section = page.locator('section#webhook-endpoints');
      await section.locator('[data-webhooks-disabled="2"]').waitFor();
      expect(await section.locator('button').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
