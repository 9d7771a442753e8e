import { minorUnitDigits } from './currency-codes.js';

/**
 * `{{ 1299 | money: 'EUR' }}` -> "€12.99": amounts are integer minor units everywhere in Regulars,
 * so templates format them with the currency's own number of decimals (Intl knows it: JPY has none).
 * Invalid input renders as it came, so a wrong value shows instead of failing the whole message.
 */
export function formatMoney(minor: unknown, currency: unknown, locale = 'en'): string {
  const amount = typeof minor === 'string' && /^-?\d+$/.test(minor) ? Number(minor) : minor;
  if (
    typeof amount !== 'number' ||
    !Number.isSafeInteger(amount) ||
    typeof currency !== 'string' ||
    !/^[A-Z]{3}$/.test(currency)
  )
    return String(minor);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    amount / 10 ** minorUnitDigits(currency),
  );
}
