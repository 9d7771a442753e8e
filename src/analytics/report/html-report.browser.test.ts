/**
 * The HTML report in a real browser: headless Chromium opens the rendered file at phone and desktop
 * sizes and checks what string assertions cannot: nothing is fetched, nothing errors, the page does
 * not scroll sideways on a phone, and the charts meant for that screen are the ones showing.
 * Screenshots land in the temp directory (report-phone.png, report-desktop.png) for a human look.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContextOptions, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionReport } from '../report.types.js';
import { renderHtmlReport } from './html-report.js';
import { sampleReport, sparseReport } from './sample-report.fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SKIP_NOTE = `${CHROMIUM} not found; install it (Debian: apt-get install chromium) to run the browser tests`;
if (!hasChromium) console.warn(`Skipping the HTML report browser tests: ${SKIP_NOTE}.`);

interface Screen {
  readonly name: 'phone' | 'desktop';
  readonly context: BrowserContextOptions;
  /** Which chart variant the CSS should show at this size. */
  readonly chartClass: 'chart-narrow' | 'chart-wide';
}

const SCREENS: readonly Screen[] = [
  // isMobile makes Chromium honour <meta name="viewport">: without it the page would lay out at 980 px.
  {
    name: 'phone',
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    chartClass: 'chart-narrow',
  },
  { name: 'desktop', context: { viewport: { width: 1280, height: 900 } }, chartClass: 'chart-wide' },
];

/**
 * The slice of the DOM the in-page checks use. The project compiles without lib.dom (it is a Node
 * program), so the callbacks handed to page.evaluate, which run in the page, cast globalThis to this.
 */
interface PageGlobals {
  readonly document: {
    readonly documentElement: { readonly scrollWidth: number };
    querySelectorAll(selector: string): Iterable<DomElement>;
  };
  readonly innerWidth: number;
  getComputedStyle(element: DomElement): { readonly visibility: string; readonly fontSize: string };
}
interface DomElement {
  readonly className: string;
  readonly parentElement: DomElement | null;
  /** Present on <svg>. */
  readonly viewBox?: { readonly baseVal: { readonly width: number } };
  getBoundingClientRect(): { readonly width: number; readonly height: number; readonly right: number };
  querySelectorAll(selector: string): Iterable<DomElement>;
}

/** Chart text smaller than this (in CSS px, after the SVG is scaled to the screen) is hard to read. */
const MIN_CHART_TEXT_PX = 8;

describe.skipIf(!hasChromium)(
  `HTML report in headless Chromium${hasChromium ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'regulars-html-'));
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
    });

    afterAll(async () => {
      await browser?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    async function open(report: RetentionReport, screen: Screen, fileName: string) {
      const file = join(dir, fileName);
      await writeFile(file, renderHtmlReport(report));
      const url = pathToFileURL(file).href;
      // offline: even if a regression adds a remote reference, the test machine fetches nothing.
      const context = await browser.newContext({ ...screen.context, offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(url, { waitUntil: 'load' });
      return { context, page, url, requests, errors };
    }

    for (const screen of SCREENS) {
      it(`${screen.name}: loads offline with no other request, no error, no sideways scroll, and visible charts`, async () => {
        const { context, page, url, requests, errors } = await open(sampleReport, screen, `report-${screen.name}.html`);
        try {
          expect(requests).toEqual([url]);
          expect(errors).toEqual([]);

          const { scrollWidth, innerWidth } = await page.evaluate(() => {
            const { document, innerWidth } = globalThis as unknown as PageGlobals;
            return { scrollWidth: document.documentElement.scrollWidth, innerWidth };
          });
          expect(innerWidth).toBe(screen.context.viewport!.width);
          expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

          // Each figure shows exactly one chart: the variant drawn for this screen, at a real size.
          const figures = await page.evaluate(() => {
            const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
            return [...document.querySelectorAll('figure.chart')].map((figure) => {
              const visible = [...figure.querySelectorAll('svg')].filter((svg) => {
                const box = svg.getBoundingClientRect();
                return box.width > 0 && box.height > 0 && getComputedStyle(svg).visibility !== 'hidden';
              });
              const svg = visible[0];
              const box = svg?.getBoundingClientRect();
              const scale = svg?.viewBox && box ? box.width / svg.viewBox.baseVal.width : 0;
              const fontSizes = svg
                ? [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize))
                : [];
              return {
                visibleCount: visible.length,
                variant: svg?.parentElement?.className ?? '',
                width: box?.width ?? 0,
                height: box?.height ?? 0,
                figureWidth: figure.getBoundingClientRect().width,
                smallestTextPx: fontSizes.length > 0 ? Math.min(...fontSizes) * scale : Infinity,
              };
            });
          });
          expect(figures).toHaveLength(7);
          for (const figure of figures) {
            expect(figure.visibleCount).toBe(1);
            expect(figure.variant).toBe(screen.chartClass);
            expect(figure.width).toBeCloseTo(figure.figureWidth, 0);
            expect(figure.height).toBeGreaterThan(100);
            expect(figure.smallestTextPx).toBeGreaterThanOrEqual(MIN_CHART_TEXT_PX);
          }

          // Wide tables scroll inside their own box instead of widening the page.
          const tablesFit = await page.evaluate(() => {
            const { document, innerWidth } = globalThis as unknown as PageGlobals;
            return [...document.querySelectorAll('.table-scroll')].every(
              (box) => box.getBoundingClientRect().right <= innerWidth,
            );
          });
          expect(tablesFit).toBe(true);

          await page.screenshot({ path: join(tmpdir(), `report-${screen.name}.png`), fullPage: true });
        } finally {
          await context.close();
        }
      });
    }

    it('phone: a report with empty sections also fits and loads cleanly', async () => {
      const { context, page, url, requests, errors } = await open(sparseReport, SCREENS[0], 'report-sparse.html');
      try {
        expect(requests).toEqual([url]);
        expect(errors).toEqual([]);
        const overflow = await page.evaluate(() => {
          const { document, innerWidth } = globalThis as unknown as PageGlobals;
          return document.documentElement.scrollWidth - innerWidth;
        });
        expect(overflow).toBeLessThanOrEqual(0);
        await expect(page.locator('#cohorts .empty').textContent()).resolves.toContain('No cohorts yet');
      } finally {
        await context.close();
      }
    });
  },
);
