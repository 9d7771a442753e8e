import { RegularsError } from '../../platform/errors.js';

/**
 * What every message says about the shop (the layouts' header and footer): its name, its web
 * address, where to write, and its postal address, which CAN-SPAM and most bulk-sender rules
 * require in every marketing email. Kept in the store setting 'shop'.
 */
export const SHOP_SETTING = 'shop';

export interface ShopProfile {
  readonly name: string;
  /** https://... without a trailing slash; null until set. */
  readonly url: string | null;
  readonly supportEmail: string | null;
  readonly address: string | null;
  /** BCP 47 ('en-GB'); null: the templates' default. */
  readonly locale: string | null;
  /**
   * Web origins besides the shop's own address (url) whose pages may call the shopper API from
   * the browser (CORS, docs/shopper.md): a second domain, a headless storefront. Origins only
   * (https://shop.example), no paths.
   */
  readonly allowedOrigins: readonly string[];
}

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

function text(value: unknown, field: string, check?: (v: string) => boolean, hint?: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '' || (check !== undefined && !check(value.trim())))
    throw invalid(field, `${field} must be ${hint ?? 'non-empty text'}`);
  return value.trim();
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The stored profile (or null) completed with the store's name; a wrong field is INVALID_ARGUMENT. */
export function parseShopProfile(value: unknown, storeName: string): ShopProfile {
  if (value === null || value === undefined)
    return { name: storeName, url: null, supportEmail: null, address: null, locale: null, allowedOrigins: [] };
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid('shop', 'the shop profile must be a JSON object');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v))
    if (!['name', 'url', 'supportEmail', 'address', 'locale', 'allowedOrigins'].includes(key))
      throw invalid(key, `unknown shop profile field ${key}`);
  const url = text(v.url, 'url', isWebUrl, 'an http(s) address such as https://shop.example');
  const origins = v.allowedOrigins ?? [];
  if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string' && isWebUrl(o)))
    throw invalid('allowedOrigins', 'allowedOrigins must be a list of http(s) origins such as https://shop.example');
  return {
    name: text(v.name, 'name') ?? storeName,
    url: url === null ? null : url.replace(/\/+$/, ''),
    supportEmail: text(v.supportEmail, 'supportEmail', (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'an email address'),
    address: text(v.address, 'address'),
    locale: text(
      v.locale,
      'locale',
      (s) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s),
      'a language tag such as en-GB',
    ),
    allowedOrigins: [...new Set((origins as string[]).map((o) => new URL(o).origin))],
  };
}

/** Every origin whose pages may call the shopper API: the shop's own address and the ones added. */
export function shopOrigins(profile: ShopProfile): string[] {
  const own = profile.url === null ? [] : [new URL(profile.url).origin];
  return [...new Set([...own, ...profile.allowedOrigins])];
}

/** The fields a marketing email cannot go out without (an empty list: ready). */
export function missingForMarketing(profile: ShopProfile): string[] {
  const missing: string[] = [];
  if (profile.url === null) missing.push('url');
  if (profile.address === null) missing.push('address');
  return missing;
}

/** The `shop` variable of every template's data (docs/messaging.md "Common variables"). */
export function shopTemplateData(profile: ShopProfile): Record<string, unknown> {
  return {
    name: profile.name,
    url: profile.url ?? '',
    support_email: profile.supportEmail ?? '',
    address: profile.address ?? '',
    ...(profile.locale === null ? {} : { locale: profile.locale }),
  };
}
