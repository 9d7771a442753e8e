import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The CLI tests run the real `regulars` binary, so the build must be current. tsc emits even
 * when it finds type errors; those fail `npm run typecheck`, so they are not repeated here.
 */
export default function setup(): void {
  const require = createRequire(import.meta.url);
  const tsc = require.resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (run.error) throw run.error;
  // The built-in templates and flow definitions are assembled into dist/ from the feature folders.
  const assets = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/collect-assets.mjs', import.meta.url))], { encoding: 'utf8' });
  if (assets.error) throw assets.error;
  if (assets.status !== 0) throw new Error(`collecting the templates and flows failed:\n${assets.stderr}`);
}
