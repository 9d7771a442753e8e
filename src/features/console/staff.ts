/**
 * Console staff: roles, what each role may change, and the limits of sign-in and sessions
 * (docs/console.md). Pure: times arrive as milliseconds since the epoch.
 */

export const ROLES = ['owner', 'marketer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface StaffUser {
  /** 'usr_...' */
  readonly id: string;
  readonly storeId: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: string;
}

/** NIST SP 800-63B asks for at least 8; a console that can mail every customer deserves more. */
export const MIN_PASSWORD_LENGTH = 12;
/** Above this a "password" is a mistake (a file piped in), not a secret anyone types. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Failed sign-ins in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Sign-in attempts (right or wrong) per client address, and per email, in LOGIN_WINDOW_MS. */
export const LOGIN_ATTEMPTS_PER_IP = 30;
export const LOGIN_ATTEMPTS_PER_EMAIL = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/** A session ends after this long without a request, and after SESSION_ABSOLUTE_MS in any case. */
export const SESSION_IDLE_MS = 2 * 3600_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** last_seen_at is written only when older than this: a busy console costs a write a minute, not one a request. */
export const SESSION_TOUCH_MS = 60_000;

export interface SessionTimes {
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

export function sessionIsLive(session: SessionTimes, now: number, idleMs = SESSION_IDLE_MS): boolean {
  return now < Date.parse(session.expiresAt) && now < Date.parse(session.lastSeenAt) + idleMs;
}

/** How sign-in compares emails: without case or surrounding spaces. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** A plausible address: something@something, no spaces; the mail server is the real check. */
export function looksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email.trim()) && email.trim().length <= 254;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * POSTs that change nothing: they compute an answer from a body too big or too structured for a
 * query string (a preview, a lint, a quote, a dry run). Any role may send them; a route that
 * changes state must not end in one of these words.
 */
export const READ_ONLY_POST_ENDINGS = [
  'preview',
  'lint',
  'validate',
  'quote',
  'dry-run',
  'backtest',
  'count',
  'render',
];

/**
 * The parts of the API (the first segment of the path under /v1) a marketer may change: what they
 * send and the offers they make. Everything else (settings, API keys, users, the shop's data as
 * its systems send it: orders, customers, products, events, suppressions) is the owner's.
 */
export const MARKETER_AREAS = [
  'campaigns',
  'segments',
  'flows',
  'templates',
  'messages',
  'loyalty',
  'tiers',
  'referrals',
  'challenges',
  'coupons',
  'membership-plans',
  'subscription-offers',
];

/** The least role that may send `method` to `path` (the path under /v1, without the query). */
export function requiredRole(method: string, path: string): Role {
  const upper = method.toUpperCase();
  if (READ_METHODS.has(upper)) return 'viewer';
  const segments = path.split('?')[0].split('/').filter(Boolean);
  if (upper === 'POST' && READ_ONLY_POST_ENDINGS.includes(segments.at(-1) ?? '')) return 'viewer';
  const area = segments[0] ?? '';
  // A customer's points are the loyalty program's, though they sit under the customer.
  if (area === 'customers' && segments[2] === 'points') return 'marketer';
  return MARKETER_AREAS.includes(area) ? 'marketer' : 'owner';
}

const RANK: Readonly<Record<Role, number>> = { viewer: 0, marketer: 1, owner: 2 };

export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/**
 * Where to go after signing in: a path of this site only. Anything that could leave it (a scheme,
 * `//host`, a backslash browsers read as a slash) falls back to the overview.
 */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s\u0000-\u001f]/.test(next)) return '/';
  if (next.startsWith('/login') || next.startsWith('/logout')) return '/';
  return next.length > 2000 ? '/' : next;
}
