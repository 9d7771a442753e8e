import { authHeaders, type Credentials } from './client.ts';

/**
 * The demo's mail catcher (GET /v1/demo/mail, src/features/demo/demo-mail.route.ts). Its routes
 * exist only while `regulars demo` serves, so they are not in the OpenAPI document the typed
 * client is generated from; this is their one hand-written reader, shaped as the route's schema.
 */
export interface CaughtMailSummary {
  readonly id: string;
  readonly receivedAt: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly messageId: string;
  readonly size: number;
}

/** The caught messages, newest first; null when this server is not the demo (the route answers 404). */
export async function demoMail(credentials: Credentials, limit = 100): Promise<CaughtMailSummary[] | null> {
  const response = await fetch(`/v1/demo/mail?limit=${limit}`, {
    credentials: 'same-origin',
    headers: authHeaders(credentials, 'GET'),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return ((await response.json()) as { mail: CaughtMailSummary[] }).mail;
}

/** One caught message as it arrived (message/rfc822). */
export async function demoMailRaw(credentials: Credentials, id: string): Promise<string> {
  const response = await fetch(`/v1/demo/mail/${encodeURIComponent(id)}`, {
    credentials: 'same-origin',
    headers: authHeaders(credentials, 'GET'),
  });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.text();
}
