import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * How the console proves who it is. In production the session cookie (HttpOnly, set by /login)
 * rides along by itself and state-changing requests carry the session's CSRF token; in development
 * against a bare API (`npx vite web/console`) an API key stored in this tab stands in for a session.
 */
export type Credentials =
  { readonly kind: 'session'; readonly csrfToken: string } | { readonly kind: 'apiKey'; readonly key: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authHeaders(credentials: Credentials, method: string): Record<string, string> {
  if (credentials.kind === 'apiKey') return { authorization: `Bearer ${credentials.key}` };
  return SAFE_METHODS.has(method.toUpperCase()) ? {} : { 'x-csrf-token': credentials.csrfToken };
}

/** The typed client of the HTTP API: paths, parameters and answers from the OpenAPI document. */
export function createApi(credentials: Credentials) {
  const client = createClient<paths>({ baseUrl: location.origin, credentials: 'same-origin' });
  const auth: Middleware = {
    onRequest({ request }) {
      for (const [name, value] of Object.entries(authHeaders(credentials, request.method)))
        request.headers.set(name, value);
      return request;
    },
  };
  client.use(auth);
  return client;
}

export type Api = ReturnType<typeof createApi>;

/** An error answer of the API: `{ error: { code, message } }` (docs/errors.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's details (docs/errors.md), e.g. `path`, the JSON pointer of a faulty field. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The data of an openapi-fetch answer, or an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const body = result.error as
    { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined;
  throw new ApiError(
    result.response.status,
    body?.error?.code ?? 'UNKNOWN',
    body?.error?.message ?? result.response.statusText,
    body?.error?.details ?? {},
  );
}
