/** The answers the widget reads (docs/shopper.md, "The shopper API" and "The widget"). */

export type Reward =
  | { kind: 'amount'; amountMinor: number }
  | { kind: 'percent'; percent: number }
  | { kind: 'free_shipping' }
  | { kind: 'free_product'; sku: string };

export interface Program {
  store: { id: string; name: string; url: string | null };
  enabled: boolean;
  currency: string | null;
  earn: {
    rate: { points: number; perMinor: number } | null;
    actions: { name: string; points: number; limit: number | null; per: 'ever' | 'year' }[];
    firstOrderCashbackPercent: number | null;
    referral: { referrerPoints: number; referredPoints: number } | null;
  };
  rewards: { id: string; points: number; reward: Reward; minSubtotalMinor: number; validDays: number | null }[];
  tiers: {
    basis: string;
    currency: string | null;
    levels: {
      name: string;
      threshold: number;
      perks: {
        earnMultiplier: number;
        freeShipping: boolean;
        memberCouponPercent: number | null;
        partnerPerks: string[];
      };
    }[];
  } | null;
  join: { url: string | null; title: string | null; text: string | null };
}

export interface Me {
  customer: { externalId: string; firstName: string | null };
  points: { available: number; pending: number };
  tier: {
    name: string | null;
    measure: { basis: string; value: number; currency: string | null };
    next: { name: string; threshold: number; missing: number } | null;
    progress: number | null;
  } | null;
  referral: { code: string; link: string | null; referrerPoints: number; referredPoints: number } | null;
  challenges: {
    id: string;
    description: string;
    progress: number;
    target: number;
    deadline: string | null;
    bonusPoints: number;
  }[];
  membership: { plan: string; status: string } | null;
}

export interface Rewards {
  available: number;
  currency: string | null;
  rewards: {
    id: string;
    points: number;
    reward: Reward;
    minSubtotalMinor: number;
    validDays: number | null;
    affordable: boolean;
  }[];
}

export interface Redeemed {
  points: number;
  coupon: { code: string; kind: string; value: number | null; currency: string | null; validUntil: string | null };
}

/** A refused or failed call: the error code of the answer, or NETWORK when none could be read (CORS refused, offline). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

export async function call<T>(
  base: string,
  path: string,
  token: string | null,
  init: { method?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Shopper ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.idempotencyKey !== undefined) headers['idempotency-key'] = init.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(base + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      mode: 'cors',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`);
  return body as T;
}

/** A fresh Idempotency-Key per redeem click: a retried request is answered once. */
export function idempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
