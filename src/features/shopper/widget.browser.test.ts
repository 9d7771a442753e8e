/**
 * The widget in headless Chromium, embedded as a shop embeds it: a storefront served by a second
 * HTTP server on another origin, with CSS that tries to break it, loads /widget.js from the Regulars
 * server. It shows the shopper's points, redeems a reward and shows the code; a page on an origin the
 * store did not allow gets an error and spends nothing; the language follows <html lang> and
 * data-locale; the keyboard alone works; axe-core finds nothing serious; nothing scrolls sideways at
 * 320 px; a guest sees the program; an expired token asks the page for a new one. Writes
 * docs/shopper/widget-*.png.
 */
import { createServer, type Server } from 'node:http';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWidget } from '../../../scripts/build-widget.mjs';
import {
  CHROMIUM_SKIP_NOTE,
  chromiumReady,
  DESKTOP,
  launchChromium,
  overflows,
  PHONE,
  type Screen,
  seriousViolations,
} from '../../../test/support/browser.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { updateShopProfile } from '../stores/index.js';
import { balanceOfCustomer } from '../loyalty/index.js';
import { findCustomerByExternalId } from '../customers/index.js';
import { mintShopperToken } from './shopper-secret.service.js';
import { setUpShop } from './shopper.fixtures.js';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'shopper');
const NARROW: Screen = { name: 'phone', context: { ...PHONE.context, viewport: { width: 320, height: 640 } } };

/** What a careless (or hostile) theme does to everything on its page. */
const HOSTILE_CSS = `
* { all: unset; font-size: 40px !important; line-height: 3 !important; color: #c00 !important; }
head, style, script, title { display: none !important; }
button { display: none !important; }
div, section, ul, li, h2, h3 { margin: 50px !important; padding: 30px !important; width: 2000px !important; }
body > *:last-child { position: absolute !important; left: -9999px !important; transform: scale(0.2) !important; }
regulars-widget { display: none !important; opacity: 0 !important; }
main { display: block; padding: 16px; }
`;

describe.skipIf(!chromiumReady)(`the widget in headless Chromium (${CHROMIUM_SKIP_NOTE})`, () => {
  let browser: Browser;
  let database: TestDatabase;
  let app: FastifyInstance;
  let regulars: string;
  let shop: Server;
  /** The shop's origin (allowed) and the same server under another name (not allowed). */
  let shopOrigin: string;
  let strangerOrigin: string;
  let storeId: string;

  beforeAll(async () => {
    await writeWidget();
    database = await createTestDatabase('sqlite');
    const created = await createStore(database.db, { name: 'Sunny Beans', shopifySecret: null });
    storeId = created.store.id;
    app = await buildApp({ db: database.db, dialect: 'sqlite' });
    const auth = { authorization: `Bearer ${created.apiKey.plaintext}` };
    await setUpShop(app, database.db, { id: storeId, auth }, ['ana', 'bo', 'cy', 'dee'], 180);
    regulars = await app.listen({ host: '127.0.0.1', port: 0 });
    shop = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://shop');
      const lang = url.searchParams.get('lang') ?? 'en';
      const attributes = [
        ['data-store', storeId],
        ['data-token', url.searchParams.get('token') ?? ''],
        ['data-locale', url.searchParams.get('locale') ?? undefined],
        ['data-position', url.searchParams.get('position') ?? undefined],
        ['data-color-primary', url.searchParams.get('primary') ?? undefined],
      ]
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `${name}="${String(value).replace(/"/g, '&quot;')}"`)
        .join(' ');
      const fresh = url.searchParams.get('fresh');
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sunny Beans</title><style>${HOSTILE_CSS}</style>
<script>
  window.expiredEvents = 0;
  document.addEventListener('regulars:token-expired', function () {
    window.expiredEvents += 1;
    ${fresh === null ? '' : `window.RegularsWidget.setToken(${JSON.stringify(fresh)});`}
  });
</script></head>
<body><main><h1>Sunny Beans</h1><p>Fresh coffee every month.</p></main>
<script src="${regulars}/widget.js" ${attributes}></script></body></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const port = (shop.address() as AddressInfo).port;
    shopOrigin = `http://localhost:${port}`;
    strangerOrigin = `http://127.0.0.1:${port}`;
    await updateShopProfile(database.db, storeId, { url: shopOrigin, allowedOrigins: [] }, new Date().toISOString());
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => shop?.close(resolve));
    await app?.close();
    await database?.destroy();
  });

  const token = async (customer: string, ttlSeconds = 3600) =>
    (await mintShopperToken(database.db, { storeId, externalId: customer, ttlSeconds, now: new Date().toISOString() }))
      .token;

  async function open(
    screen: Screen,
    query: Record<string, string>,
    origin = shopOrigin,
  ): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext(screen.context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/?${new URLSearchParams(query).toString()}`);
    return { page, errors };
  }

  const launcher = (page: Page) => page.locator('regulars-widget .launcher');
  const panel = (page: Page) => page.locator('regulars-widget [role="dialog"]');

  async function balance(customer: string) {
    const found = await findCustomerByExternalId(database.db, storeId, customer);
    return balanceOfCustomer(database.db, storeId, found!.id, new Date().toISOString());
  }

  it("shows the shopper's points through the shop's hostile CSS, redeems a reward and shows its code", async () => {
    const { page, errors } = await open(DESKTOP, { token: await token('ana') });
    const button = launcher(page);
    await expect.poll(() => button.isVisible()).toBe(true);
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    // The page's 40px on everything reaches neither the host nor the shadow tree.
    expect(await button.evaluate((b) => b.ownerDocument.defaultView!.getComputedStyle(b).fontSize)).toBe('15px');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => panel(page).textContent()).toContain('180 points');
    const text = (await panel(page).textContent())!;
    expect(text).toContain('Hi Ana');
    expect(text).toContain('1 point for every €1.00 spent');
    expect(text).toContain('€20.00 more to reach Silver');
    await page.getByRole('button', { name: 'Redeem: €5.00 off, 100 points' }).click();
    const code = page.locator('regulars-widget .code strong');
    await expect.poll(() => code.isVisible()).toBe(true);
    const couponCode = (await code.textContent())!;
    expect(couponCode).toMatch(/\S{6,}/);
    await expect.poll(() => page.locator('regulars-widget [role="status"]').textContent()).toContain(couponCode);
    await expect.poll(() => panel(page).textContent()).toContain('80 points');
    expect((await balance('ana')).available).toBe(80);
    await page.screenshot({ path: join(SCREENSHOTS, 'widget-desktop.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is refused on an origin the store did not allow: an error, and nothing redeemed', async () => {
    const { page } = await open(DESKTOP, { token: await token('bo') }, strangerOrigin);
    await launcher(page).click();
    await expect.poll(() => panel(page).textContent()).toContain('could not be loaded');
    // What a script on that page could try: the browser's preflight is refused, nothing is spent.
    const attempt = await page.evaluate(
      async ({ base, token }) => {
        try {
          const answer = await fetch(`${base}/v1/shopper/redeem`, {
            method: 'POST',
            headers: { authorization: `Shopper ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ optionId: 'ship' }),
          });
          return `answered ${answer.status}`;
        } catch {
          return 'refused';
        }
      },
      { base: regulars, token: await token('bo') },
    );
    expect(attempt).toBe('refused');
    expect((await balance('bo')).available).toBe(180);
    await page.context().close();
  });

  it('speaks the page language (ko, ja, sl with its plural forms) and data-locale wins over it', async () => {
    const cy = await token('cy');
    const cases: { query: Record<string, string>; launcher: string; expect: string[] }[] = [
      { query: { lang: 'ko-KR' }, launcher: '리워드', expect: ['사용 가능', '180포인트', '포인트 적립 방법'] },
      { query: { lang: 'ja' }, launcher: 'リワード', expect: ['利用可能', '180ポイント', 'ポイントの貯め方'] },
      // 180 is "other" in Slovenian (180 točk); 1 is "one" (1 točka): the earn rate says it.
      { query: { lang: 'sl' }, launcher: 'Nagrade', expect: ['Na voljo', '180 točk', '1 točka za vsakih'] },
      { query: { lang: 'en', locale: 'ja' }, launcher: 'リワード', expect: ['利用可能'] },
    ];
    for (const c of cases) {
      const { page } = await open(DESKTOP, { ...c.query, token: cy });
      expect(await launcher(page).textContent()).toBe(c.launcher);
      await launcher(page).click();
      await expect.poll(() => panel(page).textContent()).toContain(c.expect[0]);
      const text = (await panel(page).textContent())!;
      for (const words of c.expect) expect(text).toContain(words);
      expect(text).not.toContain('Rewards to redeem');
      if (c.query.lang === 'ko-KR') await page.screenshot({ path: join(SCREENSHOTS, 'widget-desktop-ko.png') });
      // A shop that switches language without a reload: the widget follows <html lang>.
      if (c.query.lang === 'ja') {
        await page.evaluate("document.documentElement.setAttribute('lang', 'sl')");
        await expect.poll(() => launcher(page).textContent()).toBe('Nagrade');
      }
      await page.context().close();
    }
  });

  it('works with the keyboard alone: Tab to the launcher, Enter, Tab through, Escape returns focus', async () => {
    const { page } = await open(DESKTOP, { token: await token('dee') });
    await expect.poll(() => launcher(page).isVisible()).toBe(true);
    // What has the focus inside the widget's shadow root (null when the focus is elsewhere).
    const focused = () =>
      page.evaluate(`(() => {
        const host = document.querySelector('regulars-widget');
        const active = host && host.shadowRoot && host.shadowRoot.activeElement;
        if (document.activeElement !== host || !active) return null;
        return {
          text: (active.getAttribute('aria-label') || active.textContent || '').trim(),
          tag: active.tagName,
          outline: getComputedStyle(active).outlineStyle,
        };
      })()`) as Promise<{ text: string; tag: string; outline: string } | null>;
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ text: 'Rewards', tag: 'BUTTON' });
    expect((await focused())!.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel(page).textContent()).toContain('180 points');
    // The dialog's heading takes the focus, so a screen reader starts at its name.
    expect(await focused()).toMatchObject({ tag: 'H2' });
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if (now !== null) seen.push(now.text);
    }
    expect(seen[0]).toBe('Close');
    expect(seen).toContain('Redeem: €5.00 off, 100 points');
    await page.keyboard.press('Escape');
    expect(await panel(page).isHidden()).toBe(true);
    expect(await focused()).toMatchObject({ text: 'Rewards', tag: 'BUTTON' });
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('has no serious or critical axe-core finding, open or closed, member and guest', async () => {
    for (const query of [{ token: await token('cy') }, { token: '' }]) {
      const { page } = await open(DESKTOP, query);
      await expect.poll(() => launcher(page).isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await launcher(page).click();
      await expect.poll(() => panel(page).textContent()).toMatch(/Silver/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('fits 320 px with no sideways scroll, and the phone screenshot', async () => {
    for (const screen of [NARROW, PHONE]) {
      const { page } = await open(screen, { token: await token('cy') });
      await launcher(page).click();
      await expect.poll(() => panel(page).textContent()).toContain('180 points');
      expect(await overflows(page)).toBe(false);
      const box = (await panel(page).boundingBox())!;
      const width = screen.context.viewport!.width;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await panel(page).evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true);
      if (screen === PHONE) await page.screenshot({ path: join(SCREENSHOTS, 'widget-phone.png') });
      await page.context().close();
    }
  });

  it('shows a guest the program and how to join, on the left and in the shop colour', async () => {
    const { page } = await open(PHONE, { token: '', position: 'left', primary: '#7a2e0e' });
    await launcher(page).click();
    await expect.poll(() => panel(page).textContent()).toContain('Join Sunny Beans rewards');
    const text = (await panel(page).textContent())!;
    for (const words of [
      'Ways to earn',
      'Rewards you can get',
      'Refer a friend: 500 points for you, 250 points for them',
      '€5.00 off',
      'Free shipping',
      'Silver',
      'Gold',
      '1.25× points',
    ])
      expect(text).toContain(words);
    expect(await page.locator('regulars-widget .panel button.primary').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Join now' }).getAttribute('href')).toMatch(shopOrigin);
    const box = (await launcher(page).boundingBox())!;
    expect(box.x).toBeLessThan(100);
    expect(await launcher(page).evaluate((b) => b.ownerDocument.defaultView!.getComputedStyle(b).backgroundColor)).toBe(
      'rgb(122, 46, 14)',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'widget-guest-phone.png') });
    await page.context().close();
  });

  it('tells the page when the token expired (regulars:token-expired) and takes a fresh one with setToken()', async () => {
    const expired = await token('cy', -60);
    const { page } = await open(DESKTOP, { token: expired });
    await launcher(page).click();
    await expect.poll(() => panel(page).textContent()).toContain('session has expired');
    expect(await page.evaluate('window.expiredEvents')).toBe(1);
    await page.context().close();

    const refreshed = await open(DESKTOP, { token: expired, fresh: await token('cy') });
    await launcher(refreshed.page).click();
    await expect.poll(() => panel(refreshed.page).textContent()).toContain('180 points');
    expect(await refreshed.page.evaluate('window.expiredEvents')).toBe(1);
    await refreshed.page.context().close();
  });
});
