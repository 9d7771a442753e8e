import type { FastifyReply, FastifyRequest } from 'fastify';
import { RegularsError } from '../errors.js';
import { toEnvelope } from './errors.js';

/**
 * The small HTML pages people reach from links in messages (unsubscribe, preferences, one-click
 * answers): the token in the link is the credential, and a client that asks for JSON gets the
 * usual envelope instead.
 */

/**
 * The pages' policy: no scripts (or one, by its nonce), inline styles, and forms that post back to
 * this origin only.
 */
export function pageCsp(nonce: string | null = null): string {
  const script = nonce === null ? '' : `; script-src 'nonce-${nonce}'`;
  return `default-src 'none'; style-src 'unsafe-inline'${script}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A page with the title as its heading; `script` runs under `nonce` (pageCsp(nonce) must allow it);
 * `lang` the language it is written in (BCP 47), for screen readers and hyphenation.
 */
export function page(title: string, body: string, nonce: string | null = null, script = '', lang = 'en'): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#2b2b2b}
button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#2f5d50;color:#fff;cursor:pointer}
label{display:block;margin:.5rem 0}a{color:#2f5d50}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
${nonce === null ? '' : `<script nonce="${nonce}">${script}</script>`}
</body></html>
`;
}

export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * An error as a page a person can read (with its code), or the JSON envelope for a client asking
 * for JSON. `invalidCode` is the page's "bad link" code, answered with `invalidHint` in place of
 * the message (which would say nothing useful to the person holding the link).
 */
export function refuseAsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  invalidCode: string,
  invalidHint: string,
): FastifyReply {
  if (!(error instanceof RegularsError)) throw error;
  const { status, body } = toEnvelope(error);
  if (wantsJson(request)) return reply.code(status).send(body);
  const message = error.code === invalidCode ? `<p>${invalidHint}</p>` : `<p>${escapeHtml(error.message)}</p>`;
  return reply
    .code(status)
    .header('x-error-code', error.code)
    .type('text/html; charset=utf-8')
    .send(page('This link did not work', `${message}\n<p><small>Error code: ${error.code}</small></p>`));
}
