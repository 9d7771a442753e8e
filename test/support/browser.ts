/**
 * What every browser test shares: headless Chromium as CI installs it (Debian's, never a test
 * tool's own download), the desktop and phone screens, axe-core's serious and critical findings, and
 * whether anything scrolls sideways. Each feature keeps its own sign-in and pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumReady = existsSync(CHROMIUM);
export const CHROMIUM_SKIP_NOTE = `needs ${CHROMIUM} (apt-get install chromium)`;

export interface Screen {
  readonly name: 'desktop' | 'phone';
  readonly context: BrowserContextOptions;
}
export const DESKTOP: Screen = { name: 'desktop', context: { viewport: { width: 1280, height: 900 } } };
export const PHONE: Screen = {
  name: 'phone',
  context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
export const SCREENS: readonly Screen[] = [DESKTOP, PHONE];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules and
 * best practice), open shadow roots included. `iframes: false` leaves out frames the page embeds
 * (a sandboxed preview frame, whose content is the store's own message, checked apart).
 */
export async function seriousViolations(page: Page, options: { iframes?: boolean } = {}): Promise<string[]> {
  // Through the DevTools protocol, which a page's policy (script-src 'self') does not govern.
  await page.evaluate(axeSource);
  const iframes = options.iframes ?? true;
  const result = (await page.evaluate(
    `axe.run(document, { iframes: ${iframes}, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Whether anything scrolls sideways. Compared with the viewport asked for, not window.innerWidth: a
 * mobile browser widens its layout viewport to fit wide content.
 */
export async function overflows(page: Page): Promise<boolean> {
  const width = page.viewportSize()?.width ?? 0;
  return ((await page.evaluate('document.documentElement.scrollWidth')) as number) > width;
}
