import { RegularsError } from '../../platform/errors.js';

/**
 * What the account page offers beyond the data (docs/shopper.md "Account page"), kept in the store
 * setting 'shopper.account'. `saveOffer`: the text shown to a customer who starts cancelling a
 * subscription, before the reason is asked (a discount the store honours, or "pause instead");
 * null shows none.
 */
export const ACCOUNT_SETTING = 'shopper.account';

export interface AccountSettings {
  readonly saveOffer: string | null;
}

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = { saveOffer: null };

export function parseAccountSettings(value: unknown): AccountSettings {
  if (value === null || value === undefined) return DEFAULT_ACCOUNT_SETTINGS;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new RegularsError('INVALID_ARGUMENT', 'the account page settings must be a JSON object', {
      field: ACCOUNT_SETTING,
    });
  const { saveOffer, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest))
    throw new RegularsError('INVALID_ARGUMENT', `unknown account page setting ${key}`, { field: key });
  if (saveOffer !== undefined && saveOffer !== null && (typeof saveOffer !== 'string' || saveOffer.length > 500))
    throw new RegularsError('INVALID_ARGUMENT', 'saveOffer must be a text of at most 500 characters, or null', {
      field: 'saveOffer',
    });
  const text = typeof saveOffer === 'string' && saveOffer.trim() !== '' ? saveOffer.trim() : null;
  return { saveOffer: text };
}
