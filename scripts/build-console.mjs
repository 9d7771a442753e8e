// Builds the console (web/console/) into dist/web/console/, after tsc: first the typed API client's
// types from the server's OpenAPI document, then Vite, then the gzipped size of what a first visit
// loads (the budget is 250 KB of JavaScript), printed and written to dist/web/console/size.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { API_TYPES_FILE, renderApiTypes } from './api-types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'web', 'console');
/** Gzipped JavaScript a first visit may load (the Overview's charts come after, lazily). */
export const FIRST_LOAD_BUDGET = 250 * 1024;

// --keep-types (the tests' global setup): bundle only, so a test run never rewrites a source file
// and the test that checks the types are current still sees them as committed.
if (!process.argv.includes('--keep-types')) {
  const { openApiDocument } = await import(join(root, 'dist', 'src', 'platform', 'http', 'openapi-document.js'));
  const typesPath = join(root, API_TYPES_FILE);
  const types = await renderApiTypes(await openApiDocument());
  let current = '';
  try {
    current = readFileSync(typesPath, 'utf8');
  } catch {
    // the first build
  }
  if (current !== types) writeFileSync(typesPath, types);
}

await build({ configFile: join(root, 'web', 'console', 'vite.config.ts'), logLevel: 'warn' });

// What a visit to / downloads before the Overview is fully drawn: the entry and its static imports,
// the Overview page and the charts it loads lazily (other pages and languages are left out).
const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
const gzipOf = (file) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
const overviewChunks = new Set();
const visit = (key, dynamic) => {
  const chunk = manifest[key];
  if (!chunk || overviewChunks.has(chunk.file)) return;
  if (dynamic && !/pages\/overview\.page\.tsx$|charts\/echarts\.ts$/.test(key)) return;
  overviewChunks.add(chunk.file);
  for (const k of chunk.imports ?? []) visit(k, false);
  for (const k of chunk.dynamicImports ?? []) visit(k, true);
};
visit('index.html', false);
const entry = manifest['index.html'];
const firstLoad = new Set([entry.file, ...(entry.imports ?? []).map((k) => manifest[k].file)]);
const sizes = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js'))
  .map((chunk) => ({
    file: chunk.file,
    gzip: gzipOf(chunk.file),
    first: firstLoad.has(chunk.file),
    overview: overviewChunks.has(chunk.file),
  }))
  .sort((a, b) => b.gzip - a.gzip);
const sum = (pick) => sizes.filter(pick).reduce((total, s) => total + s.gzip, 0);
const firstLoadGzip = sum((s) => s.first);
const overviewGzip = sum((s) => s.overview);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const s of sizes)
  console.log(`console ${s.first ? 'first load' : 'lazy      '}  ${kb(s.gzip).padStart(9)} gzip  ${s.file}`);
console.log(
  `console JavaScript, gzipped: ${kb(firstLoadGzip)} first load (the shell), ${kb(overviewGzip)} to the Overview fully drawn (with its charts); budget ${kb(FIRST_LOAD_BUDGET)}`,
);
writeFileSync(
  join(outDir, 'size.json'),
  `${JSON.stringify({ firstLoadGzip, overviewGzip, budget: FIRST_LOAD_BUDGET, chunks: sizes }, null, 2)}\n`,
);
// The budget holds for everything the Overview needs, charts included, not only the shell.
if (overviewGzip > FIRST_LOAD_BUDGET) {
  console.error(`the console's Overview is over budget: ${kb(overviewGzip)} > ${kb(FIRST_LOAD_BUDGET)}`);
  process.exit(1);
}
