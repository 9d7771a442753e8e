// Builds the loyalty widget (web/widget/, plain TypeScript) into dist/web/widget/widget.js: one
// self-contained script a shop embeds from any origin (docs/shopper.md "The widget"). Prints its
// gzipped size, writes dist/web/widget/size.json, and fails over the budget of 50 KB gzipped.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WIDGET_OUT_DIR = join(root, 'dist', 'web', 'widget');
/** Gzipped bytes the widget may weigh: it loads on every page of a shop. */
export const WIDGET_BUDGET = 50 * 1024;

/** Bundles the widget (an IIFE, minified, no imports left) and answers its code and gzipped size. */
export async function buildWidget() {
  const result = await build({
    configFile: false,
    root: join(root, 'web', 'widget'),
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      target: 'es2019',
      minify: true,
      sourcemap: false,
      lib: {
        entry: join(root, 'web', 'widget', 'widget.ts'),
        formats: ['iife'],
        name: 'RegularsWidgetBundle',
        fileName: () => 'widget.js',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunk = outputs.find((o) => o.type === 'chunk');
  if (chunk === undefined) throw new Error('the widget build produced no script');
  const code = chunk.code;
  return { code, bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * Builds and writes dist/web/widget/widget.js and size.json; each file is written whole and then
 * renamed into place, so a server or test reading it meanwhile never sees half a script.
 */
export async function writeWidget() {
  const built = await buildWidget();
  mkdirSync(WIDGET_OUT_DIR, { recursive: true });
  const put = (name, text) => {
    const temporary = join(WIDGET_OUT_DIR, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, text);
    renameSync(temporary, join(WIDGET_OUT_DIR, name));
  };
  put('widget.js', built.code);
  put('size.json', `${JSON.stringify({ bytes: built.bytes, gzip: built.gzip, budget: WIDGET_BUDGET }, null, 2)}\n`);
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { bytes, gzip } = await writeWidget();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`widget.js: ${kb(bytes)}, ${kb(gzip)} gzipped; budget ${kb(WIDGET_BUDGET)} gzipped`);
  if (gzip > WIDGET_BUDGET) {
    console.error(`the widget is over budget: ${kb(gzip)} > ${kb(WIDGET_BUDGET)} gzipped`);
    process.exit(1);
  }
}
