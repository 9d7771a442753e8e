import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { dayFromIso } from '../../analytics/day.js';
import { generateStore } from '../../analytics/generate/store-simulator.js';
import { writeOrdersCsv } from '../../analytics/ingest/generic-csv.writer.js';
import { createRng } from '../../platform/random.js';

/** The built console (npm run build, or the tests' global setup). */
export const CONSOLE_DIR = join(import.meta.dirname, '..', '..', '..', 'dist', 'web', 'console');

const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Serves the built console from an app that does not serve it itself yet (a build without the
 * sign-in routes): index.html for the console's paths, files under /assets/. With those routes
 * present, it leaves the app as it is.
 */
export function serveConsoleIfMissing(app: FastifyInstance, paths: readonly string[]): void {
  if (app.hasRoute({ method: 'GET', url: '/' })) return;
  // The API's policy (default-src 'none') would block the console's own scripts.
  const onSend = async (_request: unknown, reply: { header(name: string, value: string): unknown }) => {
    reply.header('content-security-policy', CONSOLE_CSP);
  };
  const index = (_request: unknown, reply: { type(t: string): { send(s: unknown): unknown } }) =>
    reply.type(TYPES['.html']).send(createReadStream(join(CONSOLE_DIR, 'index.html')));
  for (const path of paths) {
    app.get(path, { onSend }, index);
    if (path !== '/') app.get(`${path}/*`, { onSend }, index);
  }
  app.get<{ Params: { '*': string } }>('/assets/*', { onSend }, (request, reply) => {
    const file = join(CONSOLE_DIR, 'assets', request.params['*'].replace(/\.\.+/g, ''));
    if (!existsSync(file)) return reply.code(404).send();
    return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(createReadStream(file));
  });
}

/** The demo store's generator into a CSV: `customers` first buyers over two years. */
export async function writeDemoOrders(path: string, customers: number): Promise<void> {
  const rows = generateStore({ customers, seed: 42, startDay: dayFromIso('2024-01-01'), days: 730 }, createRng(42));
  await writeOrdersCsv(rows, createWriteStream(path));
}
