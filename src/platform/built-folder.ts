import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * `dist/<name>` at or above `from` that holds `marker`, or null. The build assembles the built-in
 * templates and flow definitions there from the feature folders they live in
 * (scripts/collect-assets.mjs), so code run from dist/src/ (an install) and from src/ (the tests,
 * after their global setup built) finds the same folder.
 */
export function findBuiltFolder(from: string, name: string, marker: string): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = path.basename(dir) === 'dist' ? path.join(dir, name) : path.join(dir, 'dist', name);
    if (existsSync(path.join(candidate, marker))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}
