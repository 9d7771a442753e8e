/**
 * What the console's browser tests share beyond test/support/browser.ts: the built console, where
 * its screenshots go, and a sign-in through the login form.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumReady, CHROMIUM, type Screen } from '../../../test/support/browser.js';
import { TEST_PASSWORD } from './console-auth.fixtures.js';
import { consoleFolder } from './index.js';

export {
  DESKTOP,
  launchChromium,
  overflows,
  PHONE,
  SCREENS,
  type Screen,
  seriousViolations,
} from '../../../test/support/browser.js';

export const folder = consoleFolder();
export const browserReady = chromiumReady && folder !== null;
export const SKIP_NOTE = `needs ${CHROMIUM} (apt-get install chromium) and the built console (npm run build)`;
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'console');

/**
 * A page signed in through the login form, sent on to `path` (the login page's `next`). What goes
 * wrong is collected in `errors`: the page's uncaught errors, its console errors, and each refused
 * request named by its status and path (Chromium's own console line for it names only the status).
 */
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
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/login/);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${base}${path}`);
  return { page, errors };
}
