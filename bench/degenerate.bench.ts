/**
 * `npm run bench:degenerate`: `regulars analyze` (default report, models included) on data without
 * heterogeneity, where the count models' likelihoods are highest at the edge of the parameter
 * space: every customer buys at the same Poisson rate and none drops out. Pareto/NBD's r and
 * alpha then run to infinity together (Gamma(r, alpha) -> a point mass at r / alpha), a ridge an
 * optimiser follows slowly. Target (2-core machine): < 5 s at 1M line items.
 *
 * Input, made once into bench/out/: 173,000 customers, first orders spread over a year, then one
 * order of one line item per Poisson event at the same rate for everyone, to the end of the second
 * year (about 1M rows). Run another size with `npm run bench:degenerate -- 200000`.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { ymdFromDay, dayFromIso } from '../src/analytics/day.js';
import { createRng, randomExponential, randomInt } from '../src/platform/random.js';
import { CLI, measure, median, OUT_DIR } from './bench-support.js';

const TARGET_SECONDS = 5;
const CUSTOMERS = 173_000;
const START = dayFromIso('2024-01-01');
const SPAN_DAYS = 730;

async function homogeneousFile(rows: number): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `homogeneous-${rows}.csv`);
  if (existsSync(file)) return file;
  const customers = Math.round((CUSTOMERS * rows) / 1_000_000);
  // Mean orders per customer = 1 + rate x mean remaining span (547.5 days): rows / customers.
  const rate = (rows / customers - 1) / (SPAN_DAYS - 365 / 2);
  const rng = createRng(21);
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  out.write('order_id,customer_id,order_date,sku,quantity,price,currency\n');
  let order = 0;
  let chunk = '';
  for (let c = 0; c < customers; c++) {
    for (let day = randomInt(rng, 365); day < SPAN_DAYS; day += randomExponential(rng, rate)) {
      chunk += `o${++order},c${c},${ymdFromDay(START + Math.floor(day))},SKU${order % 50},1,${(10 + (order % 7)).toFixed(2)},USD\n`;
    }
    if (chunk.length > 1 << 16 && !out.write(chunk)) await once(out, 'drain');
    if (chunk.length > 1 << 16) chunk = '';
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(tmp, file);
  process.stderr.write(
    `wrote ${file}: ${order.toLocaleString('en-US')} rows, ${customers.toLocaleString('en-US')} customers\n`,
  );
  return file;
}

const rows = Number(process.argv[2] ?? 1_000_000);
const file = await homogeneousFile(rows);
const runs = 3;
const measured = [];
for (let i = 0; i < runs; i++)
  measured.push(
    measure(process.execPath, [CLI, 'analyze', file, '--quiet', '--json', join(OUT_DIR, 'homogeneous.json')]),
  );
const seconds = median(measured.map((m) => m.seconds));
const cpuSeconds = median(measured.map((m) => m.cpuSeconds));
const peakMb = Math.max(...measured.map((m) => m.peakMb));
process.stdout.write(
  `analyze ${rows.toLocaleString('en-US')} homogeneous Poisson rows, default report: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (medians of ${runs}), peak ${peakMb.toFixed(0)} MB` +
    `  [target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'meets target' : 'MISSES target'}]\n`,
);
