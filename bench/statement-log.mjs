/**
 * Counts every statement a process sends through node-postgres, to count round trips per email or
 * per batch (docs/benchmarks.md `bench:pg`): load it into every process of a run with
 *   STATEMENT_LOG_DIR=/tmp/statements NODE_OPTIONS="--import $PWD/bench/statement-log.mjs" node ...
 * (child processes inherit both); at exit each process writes <pid>.txt there: its command line,
 * then one line per statement text (the first 140 characters) with how many times it was sent.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const dir = process.env.STATEMENT_LOG_DIR;
if (dir) {
  const pg = createRequire(import.meta.url)('pg');
  const counts = new Map();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string') {
      const key = text.replace(/\s+/g, ' ').slice(0, 140);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return query.call(this, config, values, callback);
  };
  const write = () => {
    const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([text, n]) => `${n}\t${text}`);
    writeFileSync(`${dir}/${process.pid}.txt`, `${process.argv.slice(1, 4).join(' ')}\n${lines.join('\n')}\n`);
  };
  process.on('exit', write);
}
