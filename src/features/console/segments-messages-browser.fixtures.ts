/**
 * What the Segments and Messages browser tests share: Chromium as CI installs it, the two screen
 * sizes, axe-core's serious and critical findings, and a sign-in through the login form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './console-auth.fixtures.js';
import { consoleFolder } from './index.js';

export const CHROMIUM = '/usr/bin/chromium';
export const folder = consoleFolder();
export const browserReady = existsSync(CHROMIUM) && folder !== null;
export const SKIP_NOTE = `needs ${CHROMIUM} (apt-get install chromium) and the built console (npm run build)`;
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'console');

export interface Screen {
  readonly name: 'desktop' | 'phone';
  readonly context: BrowserContextOptions;
}
export const SCREENS: readonly Screen[] = [
  { name: 'desktop', context: { viewport: { width: 1280, height: 900 } } },
  {
    name: 'phone',
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  },
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's policy (script-src 'self') does not govern.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
  )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A page signed in through the login form, sent on to `path` (the login page's `next`). */
export async function signedIn(
  browser: Browser,
  base: string,
  screen: Screen,
  email: string,
  path: string,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(screen.context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/login/);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${base}${path}`);
  return { page, errors };
}

/** Nothing scrolls sideways (a phone included). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
}
