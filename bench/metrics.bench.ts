/**
 * bench:metrics: what the metrics cost the hot path, in CPU time (process.cpuUsage), which a busy
 * machine disturbs far less than wall-clock throughput:
 *   1. observeHttpRequest, the one call every answered request makes (a counter and a histogram
 *      bucket), over 40 route/status series as a live server has;
 *   2. a whole scrape (metricsRegistry.metrics()) with those series and the default process metrics.
 * bench:api measures the server with the call in place; compare its figures with earlier runs.
 */
import { metricsRegistry, observeHttpRequest } from '../src/platform/metrics/metrics.js';

const CALLS = 2_000_000;
const SCRAPES = 200;
const ROUTES = ['/v1/orders', '/v1/orders:batch', '/v1/customers/:id', '/healthz', '/webhooks/shopify/:storeId'];
const STATUSES = [200, 201, 400, 401, 404, 409, 422, 503];

function cpuMicros(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

function httpCalls(n: number): void {
  for (let i = 0; i < n; i++) {
    observeHttpRequest(i % 3 === 0 ? 'GET' : 'POST', ROUTES[i % ROUTES.length], STATUSES[i % STATUSES.length], 0.003);
  }
}

httpCalls(100_000); // warm-up: every series exists, the JIT has compiled the path
const perCall = cpuMicros(() => httpCalls(CALLS)) / CALLS;
process.stdout.write(
  `observeHttpRequest: ${(perCall * 1000).toFixed(0)} ns CPU a call (${CALLS.toLocaleString('en-US')} calls)\n`,
);

await metricsRegistry.metrics();
let text = '';
const start = process.cpuUsage();
for (let i = 0; i < SCRAPES; i++) text = await metricsRegistry.metrics();
const used = process.cpuUsage(start);
process.stdout.write(
  `scrape: ${((used.user + used.system) / SCRAPES / 1000).toFixed(2)} ms CPU for ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} samples (${(text.length / 1024).toFixed(0)} KiB)\n`,
);
