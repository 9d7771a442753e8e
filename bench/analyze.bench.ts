/**
 * `npm run bench:analyze`: `regulars analyze` end to end (process start, streaming parse, every
 * report section, JSON and HTML written) on generated exports of 1M and 10M line items.
 * Targets (2-core machine): 1M rows < 3 s; 10M rows < 30 s and < 1.5 GB peak memory.
 * They apply to the descriptive report, which `--model none` produces; the default report
 * also fits the predictive models, measured and printed beside it.
 * Run only some sizes with `npm run bench:analyze -- 1000000`.
 */
import { join } from 'node:path';
import { CLI, generatedFile, measure, median, OUT_DIR } from './bench-support.js';

const TARGETS: Record<number, { seconds: number; peakMb?: number }> = {
  1_000_000: { seconds: 3 },
  10_000_000: { seconds: 30, peakMb: 1536 },
};

const VARIANTS = [
  { label: 'report (--model none)', args: ['--model', 'none'], checked: true },
  { label: 'with models (default)', args: [], checked: false },
];

const sizes = (process.argv[2] ?? '1000000,10000000').split(',').map(Number);
for (const rows of sizes) {
  const file = await generatedFile(rows);
  const runs = rows <= 1_000_000 ? 3 : 1;
  for (const variant of VARIANTS) {
    const measured = [];
    for (let i = 0; i < runs; i++) {
      const out = join(OUT_DIR, 'report');
      measured.push(
        measure(process.execPath, [
          CLI,
          'analyze',
          file,
          '--quiet',
          '--json',
          `${out}.json`,
          '--html',
          `${out}.html`,
          ...variant.args,
        ]),
      );
    }
    const seconds = median(measured.map((m) => m.seconds));
    const peakMb = Math.max(...measured.map((m) => m.peakMb));
    const target = TARGETS[rows];
    let verdict = '';
    if (target && variant.checked) {
      const met = seconds < target.seconds && (target.peakMb === undefined || peakMb < target.peakMb);
      verdict = `  [target < ${target.seconds} s${target.peakMb ? `, < ${target.peakMb} MB` : ''}: ${met ? 'meets target' : 'MISSES target'}]`;
    }
    process.stdout.write(
      `analyze ${rows.toLocaleString('en-US').padStart(10)} rows, ${variant.label.padEnd(22)}: ${seconds.toFixed(2)} s (median of ${runs}), peak ${peakMb.toFixed(0)} MB${verdict}\n`,
    );
  }
}
