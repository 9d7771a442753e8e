import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RegularsError } from '../../platform/errors.js';
import { registerFormBodyParsers } from '../../platform/http/form-body.js';
import { escapeHtml, page, pageCsp, refuseAsPage } from '../../platform/http/person-pages.js';

/**
 * What the one-click answer pages share (/feedback here, /survey in the surveys feature): the
 * signed link is the only credential, a GET never records (mail scanners GET every link) but says
 * what will be recorded and POSTs it with one nonce-allowed line of script (a button without
 * scripts), and a bad link is a page for a browser, JSON when asked.
 */

/** The length a one-click answer token may have. */
export const MAX_ANSWER_TOKEN = 1000;

/** A form field's text (the first, when a field is repeated), or ''. */
export function formField(value: unknown): string {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : '';
}

/** The token of a posted answer; a too long one is FEEDBACK_TOKEN_INVALID before any work. */
export function answerTokenOf(value: unknown): string {
  const token = formField(value);
  if (token.length > MAX_ANSWER_TOKEN)
    throw new RegularsError('FEEDBACK_TOKEN_INVALID', 'this answer link is not valid: it is too long');
  return token;
}

export function refuseAnswerLink(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  return refuseAsPage(
    request,
    reply,
    error,
    'FEEDBACK_TOKEN_INVALID',
    'This link is not valid. Please use the link exactly as it appears in the email, or simply reply to the email with your answer.',
  );
}

export interface OneClickPages {
  /** The GET's page: what will be recorded (`saidHtml`), and a form POSTing `token` to `action`. */
  confirm(request: FastifyRequest, reply: FastifyReply, action: string, token: string, saidHtml: string): FastifyReply;
}

/**
 * Form bodies and the pages' own policy for one plugin: its onSend hook runs after the root hook
 * that sets the API's policy (parents' hooks run first), so it wins here, with the nonce of the
 * response that carries one.
 */
export function registerOneClickPages(app: FastifyInstance): OneClickPages {
  registerFormBodyParsers(app);
  const nonces = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', pageCsp(nonces.get(request) ?? null));
    reply.header('cache-control', 'no-store');
    return payload;
  });
  return {
    confirm(request, reply, action, token, saidHtml) {
      const nonce = randomBytes(16).toString('base64');
      nonces.set(request, nonce);
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Thank you for answering',
            `${saidHtml}
<form id="answer" method="post" action="${action}">
<input type="hidden" name="t" value="${escapeHtml(token)}">
<p><button type="submit">Send my answer</button></p>
</form>`,
            nonce,
            "document.getElementById('answer').submit();",
          ),
        );
    },
  };
}
