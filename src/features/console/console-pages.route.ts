import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { readCookie, SESSION_COOKIE } from '../../platform/http/cookies.js';
import { escapeHtml, page, pageCsp } from '../../platform/http/person-pages.js';
import { CONSOLE_PATHS } from './console-paths.js';
import { CONSOLE_FOLDER_HINT, readConsoleAsset, readConsoleIndex } from './console-folder.reader.js';
import { formatMessage, messagesEn } from './messages.en.js';
import { resolveSession } from './sign-in.service.js';
import { SESSION_IDLE_MS } from './staff.js';

export interface ConsolePagesOptions {
  readonly db: Kysely<Database>;
  readonly now: () => number;
  /** The built console (consoleFolder()), or null when it is not built. */
  readonly folder: string | null;
  readonly idleMs?: number;
}

/**
 * The browser app's pages: its own scripts and styles from this origin only (no inline script,
 * so an injected one does not run), the API on this origin, never framed. Styles may be inline:
 * chart and UI libraries set them, and a style cannot run code.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** A year: asset names carry a hash of their content, so a changed file is a new name. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

const t = (key: Parameters<typeof formatMessage>[1], values?: Record<string, string>) =>
  formatMessage(messagesEn, key, values);

export const consolePagesRoutes: FastifyPluginAsync<ConsolePagesOptions> = async (app, options) => {
  const { db, now, folder } = options;
  const idleMs = options.idleMs ?? SESSION_IDLE_MS;

  // After the root hook that sets the API's policy (parents' hooks run first), so these win here.
  app.addHook('onSend', async (request, reply, payload) => {
    const notBuilt = reply.getHeader('x-error-code') === 'CONSOLE_NOT_BUILT';
    reply.header('content-security-policy', notBuilt ? pageCsp() : CONSOLE_CSP);
    // index.html names the current assets, so it is asked for again each time; the assets never change.
    const asset = reply.statusCode === 200 && request.url.startsWith('/assets/');
    reply.header('cache-control', asset ? ASSET_CACHE : 'no-cache');
    return payload;
  });

  async function sendIndex(request: FastifyRequest, reply: FastifyReply) {
    const token = readCookie(request, SESSION_COOKIE);
    const session = token === undefined ? null : await resolveSession(db, token, now(), idleMs);
    if (session === null) {
      const next = request.url.length > 2000 ? '/' : request.url;
      return reply
        .code(302)
        .header('location', `/login?next=${encodeURIComponent(next)}`)
        .send();
    }
    const index = folder === null ? null : await readConsoleIndex(folder);
    if (index === null) {
      return reply
        .code(503)
        .header('x-error-code', 'CONSOLE_NOT_BUILT')
        .header('retry-after', '60')
        .type('text/html; charset=utf-8')
        .send(
          page(
            t('notBuilt.title'),
            `<p>${escapeHtml(t('notBuilt.body', { folder: folder ?? CONSOLE_FOLDER_HINT }))}</p>
<p>${escapeHtml(t('notBuilt.fix'))}</p>
<p><small>${escapeHtml(t('error.code', { code: 'CONSOLE_NOT_BUILT' }))}</small></p>`,
          ),
        );
    }
    return reply.code(200).type('text/html; charset=utf-8').send(index);
  }

  const schema = {
    tags: ['console'],
    summary: 'The console (HTML): its index.html when signed in, else 302 to /login',
  };
  for (const base of CONSOLE_PATHS) {
    app.get(base, { schema: { ...schema, hide: base !== '/' } }, sendIndex);
    if (base !== '/') app.get(`${base}/*`, { schema: { ...schema, hide: true } }, sendIndex);
  }

  app.get<{ Params: { '*': string } }>(
    '/assets/*',
    {
      schema: {
        tags: ['console'],
        summary: "The console's scripts, styles and images (content-hashed, cached a year)",
        hide: true,
      },
    },
    async (request, reply) => {
      const asset = folder === null ? null : await readConsoleAsset(folder, request.params['*']);
      if (asset === null) throw new RegularsError('NOT_FOUND', `no console asset ${request.params['*'].slice(0, 100)}`);
      return reply.code(200).type(asset.type).send(asset.body);
    },
  );
};
