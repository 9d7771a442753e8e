import { RegularsError } from '../../platform/errors.js';

/**
 * What the public program description (GET /v1/shopper/program, the widget's guest view) says
 * beyond the program's own rules, kept in the store setting 'shopper.program': where a guest joins
 * (the shop's sign-up page; null: the shop's address) and the store's own words for the title and
 * the invitation (null: the widget's translated defaults). The texts are shown as written, in the
 * store's language, so a store with shoppers in several languages leaves them null or sets them
 * per page with the widget's data-text-* attributes.
 */
export const PROGRAM_SETTING = 'shopper.program';

export interface ProgramSettings {
  readonly joinUrl: string | null;
  readonly title: string | null;
  readonly joinText: string | null;
}

export const DEFAULT_PROGRAM_SETTINGS: ProgramSettings = { joinUrl: null, title: null, joinText: null };

const TEXT_LIMITS = { title: 80, joinText: 500 } as const;

function invalid(field: string, message: string): RegularsError {
  return new RegularsError('INVALID_ARGUMENT', message, { field });
}

function webUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Checks the setting (INVALID_ARGUMENT naming the field); "" and null both mean "not set". */
export function parseProgramSettings(value: unknown): ProgramSettings {
  if (value === null || value === undefined) return DEFAULT_PROGRAM_SETTINGS;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid(PROGRAM_SETTING, 'the program settings must be a JSON object');
  const { joinUrl, title, joinText, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) throw invalid(key, `unknown program setting ${key}`);
  const text = (v: unknown, field: keyof typeof TEXT_LIMITS): string | null => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' || v.length > TEXT_LIMITS[field])
      throw invalid(field, `${field} must be a text of at most ${TEXT_LIMITS[field]} characters, or null`);
    return v.trim() === '' ? null : v.trim();
  };
  let url: string | null = null;
  if (joinUrl !== undefined && joinUrl !== null && joinUrl !== '') {
    if (typeof joinUrl !== 'string' || joinUrl.length > 2000 || !webUrl(joinUrl.trim()))
      throw invalid('joinUrl', 'joinUrl must be an http(s) address such as https://shop.example/account/register');
    url = joinUrl.trim();
  }
  return { joinUrl: url, title: text(title, 'title'), joinText: text(joinText, 'joinText') };
}
