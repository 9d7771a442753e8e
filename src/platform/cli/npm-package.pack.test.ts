import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What `npm pack` ships, and that the tarball alone is a working install: a person who installs it
 * into an empty folder can run `regulars demo`. The build is the global setup's; `--ignore-scripts`
 * keeps `npm pack` from building again.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackedFile {
  readonly path: string;
}

describe('the npm package', () => {
  let dir: string;
  let tarball: string;
  let files: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'regulars-pack-'));
    const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const [packed] = JSON.parse(out) as [{ filename: string; files: PackedFile[] }];
    tarball = join(dir, packed.filename);
    files = packed.files.map((file) => file.path);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships the built code, templates, flows, the built console, docs, README and LICENSE, and nothing else', () => {
    const allowed =
      /^(dist\/src\/.+\.js|dist\/templates\/.+|dist\/flows\/.+\.json|dist\/web\/(console|widget)\/.+|docs\/.+\.md|docs\/(console|shopper|shopify|surveys)\/.+\.png|README\.md|LICENSE|package\.json)$/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(files.filter((file) => /\.test\.js$|fixtures|(^|\/)bench\//.test(file))).toEqual([]);
    for (const needed of [
      'dist/src/platform/cli/main.js',
      'dist/templates/_layout.html.liquid',
      'dist/templates/win-back-1/subject.liquid',
      'dist/flows/win-back.json',
      'dist/web/console/index.html',
      'LICENSE',
    ]) {
      expect(files).toContain(needed);
    }
  });

  // Installing compiles better-sqlite3 from source here (no prebuilt binaries can be fetched).
  it('installs from the tarball into an empty folder and runs regulars demo', { timeout: 900_000 }, () => {
    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    // npm 11 runs a dependency's install script only when the installing project allows it.
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'regulars-pack-check', private: true, allowScripts: { 'better-sqlite3': true } }),
    );
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
      cwd: app,
      stdio: 'pipe',
      timeout: 880_000,
    });
    const bin = join(app, 'node_modules', '.bin', 'regulars');
    const out = execFileSync(bin, ['demo', '--out', 'demo', '--no-serve'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(out).toMatch(/Retention report/);
    for (const made of ['orders.csv', 'report.json', 'report.html', 'regulars.db']) {
      expect(existsSync(join(app, 'demo', made))).toBe(true);
    }
    const report = JSON.parse(readFileSync(join(app, 'demo', 'report.json'), 'utf8')) as { orders: number };
    expect(report.orders).toBeGreaterThan(0);
  });
});
