/**
 * `npm run bench:analyze`: `regulars analyze` end to end (process start, streaming parse, every
 * report section, JSON and HTML written) on generated exports of 1M and 10M line items.
 * Targets (issue 2, 2-core machine): 1M rows < 3 s; 10M rows < 30 s and < 1.5 GB peak memory.
 * Run only some sizes with `npm run bench:analyze -- 1000000`.
 */
import { join } from 'node:path';
import { CLI, generatedFile, measure, median, OUT_DIR } from './bench-support.js';

const TARGETS: Record<number, { seconds: number; peakMb?: number }> = {
  1_000_000: { seconds: 3 },
  10_000_000: { seconds: 30, peakMb: 1536 },
};

const sizes = (process.argv[2] ?? '1000000,10000000').split(',').map(Number);
const results: string[] = [];
for (const rows of sizes) {
  const file = await generatedFile(rows);
  const runs = rows <= 1_000_000 ? 3 : 1;
  const measured = [];
  for (let i = 0; i < runs; i++) {
    measured.push(measure(process.execPath, [CLI, 'analyze', file, '--quiet', '--json', join(OUT_DIR, 'report.json'), '--html', join(OUT_DIR, 'report.html')]));
  }
  const seconds = median(measured.map((m) => m.seconds));
  const peakMb = Math.max(...measured.map((m) => m.peakMb));
  const target = TARGETS[rows];
  const verdict = target ? (seconds < target.seconds && (target.peakMb === undefined || peakMb < target.peakMb) ? 'meets target' : 'MISSES target') : '';
  results.push(
    `analyze ${rows.toLocaleString('en-US').padStart(10)} rows: ${seconds.toFixed(2)} s (median of ${runs}), peak ${peakMb.toFixed(0)} MB` +
      (target ? `  [target < ${target.seconds} s${target.peakMb ? `, < ${target.peakMb} MB` : ''}: ${verdict}]` : ''),
  );
  process.stdout.write(`${results[results.length - 1]}\n`);
}
