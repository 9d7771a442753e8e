import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { type ErrorCode, RegularsError } from '../../platform/errors.js';
import { readCookie, sameToken, serializeCookie, SESSION_COOKIE } from '../../platform/http/cookies.js';
import { toEnvelope } from '../../platform/http/errors.js';
import { type FormFields, registerFormBodyParsers } from '../../platform/http/form-body.js';
import { escapeHtml, page, pageCsp, wantsJson } from '../../platform/http/person-pages.js';
import { verifyAgainstDummy } from './password-hash.adapter.js';
import { type PageLanguage, pageLanguage, pageMessages } from './login-language.js';
import { formatMessage, type MessageKey } from './messages.en.js';
import { FailureCounter, WindowCounter } from './login-throttle.js';
import { DEFAULT_SESSION_POLICY, resolveSession, type SessionPolicy, signIn, signOut } from './sign-in.service.js';
import {
  emailKey,
  LOCKOUT_MS,
  LOGIN_ATTEMPTS_PER_EMAIL,
  LOGIN_ATTEMPTS_PER_IP,
  LOGIN_WINDOW_MS,
  MAX_FAILED_LOGINS,
  safeNextPath,
} from './staff.js';

/**
 * The pre-session cookie the login form is bound to (login CSRF): the form's hidden `csrf` field
 * must equal it. SameSite=Lax keeps another site's form from sending it, and a page that cannot
 * read it cannot copy it into the field.
 */
export const LOGIN_COOKIE = 'regulars_login';
const LOGIN_COOKIE_MAX_AGE_S = 3600;

export interface LoginLimits {
  readonly attemptsPerIp: number;
  readonly attemptsPerEmail: number;
  readonly windowMs: number;
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  attemptsPerIp: LOGIN_ATTEMPTS_PER_IP,
  attemptsPerEmail: LOGIN_ATTEMPTS_PER_EMAIL,
  windowMs: LOGIN_WINDOW_MS,
  maxFailures: MAX_FAILED_LOGINS,
  lockMs: LOCKOUT_MS,
};

export interface LoginRouteOptions {
  readonly db: Kysely<Database>;
  readonly now: () => number;
  readonly policy?: SessionPolicy;
  readonly limits?: LoginLimits;
}

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The page's language from the browser's Accept-Language, and its messages. */
function translatorFor(request: FastifyRequest): { lang: PageLanguage; t: Translate } {
  const lang = pageLanguage(request.headers['accept-language']);
  const messages = pageMessages(lang);
  return { lang, t: (key, values) => formatMessage(messages, key, values) };
}

/** A text field of a form or JSON body; the first value of a repeated name. */
function field(body: unknown, name: string): string {
  if (body === null || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

function loginToken(request: FastifyRequest): string {
  const existing = readCookie(request, LOGIN_COOKIE);
  return existing !== undefined && /^[A-Za-z0-9_-]{43}$/.test(existing)
    ? existing
    : randomBytes(32).toString('base64url');
}

const LOGIN_STYLE = `<style>
form{margin:1.5rem 0}input{display:block;width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem;margin:.25rem 0 1rem;border:1px solid #767676;border-radius:4px}
input:focus,button:focus{outline:3px solid #2f5d50;outline-offset:2px}button{width:100%}
.error{color:#a4262c;border-left:4px solid #a4262c;padding:.25rem .75rem}.note{color:#555;font-size:.9rem}
</style>`;

interface FormState {
  readonly token: string;
  readonly email?: string;
  readonly next?: string;
  readonly store?: string | null;
  readonly error?: { readonly text: string; readonly code: ErrorCode } | null;
  readonly notice?: string | null;
}

function loginPage(state: FormState, { lang, t }: { lang: PageLanguage; t: Translate }): string {
  const error = state.error
    ? `<p class="error" role="alert" id="login-error">${escapeHtml(state.error.text)} <small>(${escapeHtml(t('error.code', { code: state.error.code }))})</small></p>`
    : '';
  const notice = state.notice ? `<p role="status">${escapeHtml(state.notice)}</p>` : '';
  const described = state.error ? ' aria-describedby="login-error"' : '';
  const hidden = [
    `<input type="hidden" name="csrf" value="${escapeHtml(state.token)}">`,
    `<input type="hidden" name="next" value="${escapeHtml(safeNextPath(state.next))}">`,
    state.store ? `<input type="hidden" name="store" value="${escapeHtml(state.store)}">` : '',
  ].join('');
  return page(
    t('login.title'),
    `${LOGIN_STYLE}
<p>${escapeHtml(t('login.intro'))}</p>
${notice}${error}
<form method="post" action="/login" novalidate>
${hidden}
<label for="email">${escapeHtml(t('login.email'))}</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(state.email ?? '')}"${described}>
<label for="password">${escapeHtml(t('login.password'))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}>
<button type="submit">${escapeHtml(t('login.submit'))}</button>
</form>
<p class="note">${escapeHtml(t('login.help'))}</p>`,
    null,
    '',
    lang,
  );
}

export const loginRoutes: FastifyPluginAsync<LoginRouteOptions> = async (app, options) => {
  const { db, now } = options;
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  const limits = options.limits ?? DEFAULT_LOGIN_LIMITS;
  const perIp = new WindowCounter(limits.attemptsPerIp, limits.windowMs);
  const perEmail = new WindowCounter(limits.attemptsPerEmail, limits.windowMs);
  const failures = new FailureCounter(limits.maxFailures, limits.lockMs);

  registerFormBodyParsers(app);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', pageCsp());
    reply.header('cache-control', 'no-store');
    return payload;
  });

  /** The login page with the form's token cookie set (kept when the browser already has one). */
  function showForm(request: FastifyRequest, reply: FastifyReply, status: number, state: Omit<FormState, 'token'>) {
    const token = loginToken(request);
    reply.header(
      'set-cookie',
      serializeCookie(LOGIN_COOKIE, token, {
        path: '/login',
        maxAge: LOGIN_COOKIE_MAX_AGE_S,
        secure: isHttps(request),
      }),
    );
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(loginPage({ ...state, token }, translatorFor(request)));
  }

  /** A refused sign-in: the form again with the reason (role=alert), or the envelope for a JSON client. */
  function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    code: ErrorCode,
    text: string,
    state: Omit<FormState, 'token' | 'error'>,
    details: Record<string, unknown> = {},
  ) {
    const error = new RegularsError(code, text, details);
    const { status, body } = toEnvelope(error);
    request.log.info({ code }, 'sign-in refused');
    if (typeof details.retryAfterSeconds === 'number') reply.header('retry-after', String(details.retryAfterSeconds));
    reply.header('x-error-code', code);
    if (wantsJson(request)) return reply.code(status).send(body);
    return showForm(request, reply, status, { ...state, error: { text, code } });
  }

  app.get<{ Querystring: { next?: string; store?: string; signedOut?: string } }>(
    '/login',
    {
      schema: {
        tags: ['console'],
        summary: "The console's sign-in page (HTML): a form posting email and password to /login",
        querystring: {
          type: 'object',
          properties: {
            next: { type: 'string', maxLength: 2000 },
            store: { type: 'string', maxLength: 100 },
            signedOut: { type: 'string', maxLength: 10 },
          },
        },
      },
    },
    async (request, reply) => {
      const { next, store, signedOut } = request.query;
      const { t } = translatorFor(request);
      const session = readCookie(request, SESSION_COOKIE);
      if (session !== undefined && (await resolveSession(db, session, now(), policy.idleMs)) !== null)
        return reply.code(303).header('location', safeNextPath(next)).send();
      return showForm(request, reply, 200, {
        next,
        store: store ?? null,
        notice: signedOut === undefined ? null : t('login.signedOut'),
      });
    },
  );

  app.post<{ Body: FormFields | Record<string, unknown> | undefined }>(
    '/login',
    {
      schema: {
        tags: ['console'],
        summary:
          'Sign in (form: email, password, csrf, next): 303 to the console with a new session cookie; the form again with the reason otherwise',
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { t } = translatorFor(request);
      const email = field(body, 'email').trim();
      const password = field(body, 'password');
      const next = safeNextPath(field(body, 'next'));
      const store = field(body, 'store').trim() || null;
      const state = { email, next, store };
      const at = now();

      const formToken = readCookie(request, LOGIN_COOKIE);
      if (formToken === undefined || !sameToken(field(body, 'csrf'), formToken))
        return refuse(request, reply, 'CSRF_TOKEN_INVALID', t('login.formExpired'), state);

      const ipWait = perIp.hit(request.ip, at);
      if (ipWait > 0) {
        const minutes = Math.ceil(ipWait / 60_000);
        return refuse(request, reply, 'RATE_LIMITED', t('login.rateLimited', { minutes }), state, {
          retryAfterSeconds: Math.ceil(ipWait / 1000),
        });
      }
      if (email === '' || password === '')
        return refuse(request, reply, 'VALIDATION_FAILED', t('login.missing'), state);

      const key = emailKey(email);
      const emailWait = perEmail.hit(key, at);
      if (emailWait > 0) {
        return refuse(
          request,
          reply,
          'RATE_LIMITED',
          t('login.rateLimited', { minutes: Math.ceil(emailWait / 60_000) }),
          state,
          {
            retryAfterSeconds: Math.ceil(emailWait / 1000),
          },
        );
      }
      const locked = (ms: number) =>
        refuse(request, reply, 'ACCOUNT_LOCKED', t('login.locked', { minutes: Math.ceil(ms / 60_000) }), state, {
          retryAfterSeconds: Math.ceil(ms / 1000),
        });
      const lockedFor = failures.lockedFor(key, at);
      if (lockedFor > 0) {
        // The same scrypt as an attempt that is checked: a lock answers no faster than a check.
        await verifyAgainstDummy(password, policy.passwordParameters);
        return locked(lockedFor);
      }

      const outcome = await signIn(db, { email, password, storeId: store }, at, policy);
      if (outcome.kind === 'locked') return locked(outcome.retryAfterMs);
      if (outcome.kind === 'failed') {
        // Counted for every email, known or not, so that an unknown one locks after as many failures.
        const lockMs = failures.fail(key, at);
        if (lockMs > 0) return locked(lockMs);
        return refuse(request, reply, 'LOGIN_FAILED', t('login.failed'), state);
      }

      failures.clear(key);
      // Session fixation: whatever session cookie came with the sign-in is ended, never reused.
      const previous = readCookie(request, SESSION_COOKIE);
      if (previous !== undefined) await signOut(db, previous);
      const secure = isHttps(request);
      reply.header('set-cookie', [
        serializeCookie(SESSION_COOKIE, outcome.token, { path: '/', secure }),
        serializeCookie(LOGIN_COOKIE, '', { path: '/login', maxAge: 0, secure }),
      ]);
      request.log.info({ userId: outcome.session.user.id, storeId: outcome.session.store.id }, 'signed in');
      return reply.code(303).header('location', next).send();
    },
  );

  app.post<{ Body: FormFields | Record<string, unknown> | undefined }>(
    '/logout',
    {
      schema: {
        tags: ['console'],
        summary:
          'Sign out (X-CSRF-Token header or form field csrf): ends the session on the server, clears the cookie, 303 to /login',
      },
    },
    async (request, reply) => {
      const token = readCookie(request, SESSION_COOKIE);
      if (token !== undefined) {
        const session = await resolveSession(db, token, now(), policy.idleMs);
        if (session !== null) {
          const sent = request.headers['x-csrf-token'] ?? field(request.body, 'csrf');
          if (!sameToken(sent, session.csrfToken)) {
            const { status, body } = toEnvelope(
              new RegularsError('CSRF_TOKEN_INVALID', 'sign out with the X-CSRF-Token header of the session'),
            );
            return reply.code(status).header('x-error-code', 'CSRF_TOKEN_INVALID').send(body);
          }
          await signOut(db, token);
        }
      }
      reply.header(
        'set-cookie',
        serializeCookie(SESSION_COOKIE, '', { path: '/', maxAge: 0, secure: isHttps(request) }),
      );
      return reply.code(303).header('location', '/login?signedOut=1').send();
    },
  );
};
