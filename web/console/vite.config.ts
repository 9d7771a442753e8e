import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console: web/console/ built into dist/web/console/, which `regulars serve` serves at / (the
 * client-side paths) and /assets/*. Preact's JSX through Vite's own transform, no plugin needed.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/console', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // ECharts' chunk (about 600 KB, 190 KB gzipped) loads lazily; scripts/build-console.mjs checks the budget.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npx vite web/console` during development: the API from a running `regulars serve`.
    proxy: { '/v1': 'http://127.0.0.1:8080', '/login': 'http://127.0.0.1:8080', '/logout': 'http://127.0.0.1:8080' },
  },
});
