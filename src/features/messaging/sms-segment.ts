/**
 * How an SMS is counted (3GPP TS 23.038): a text written only in the GSM 7-bit default alphabet
 * fits 160 characters in one message, the characters of its extension table (€ [ ] { } \ ^ ~ |)
 * counting twice, as each is sent as an escape plus the character; a text with any other character
 * (an emoji, a curly quote, Cyrillic) goes as UCS-2, 70 UTF-16 units in one message. Longer texts
 * are split into several messages, each billed, and some gateways drop the parts.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export const SMS_LIMIT = { 'GSM-7': 160, 'UCS-2': 70 } as const;

export interface SmsSize {
  readonly encoding: keyof typeof SMS_LIMIT;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  readonly length: number;
  /** What one message holds in that encoding. */
  readonly limit: number;
  /** The characters that forced UCS-2, at most 5 (empty for GSM-7). */
  readonly nonGsm: readonly string[];
}

export function smsSize(text: string): SmsSize {
  let septets = 0;
  const nonGsm: string[] = [];
  for (const char of text) {
    if (BASIC.has(char)) septets += 1;
    else if (EXTENSION.has(char)) septets += 2;
    else if (!nonGsm.includes(char)) nonGsm.push(char);
  }
  if (nonGsm.length === 0) return { encoding: 'GSM-7', length: septets, limit: SMS_LIMIT['GSM-7'], nonGsm: [] };
  return { encoding: 'UCS-2', length: text.length, limit: SMS_LIMIT['UCS-2'], nonGsm: nonGsm.slice(0, 5) };
}

/**
 * The words carriers and gateways act on as an opt-out reply (CTIA's STOP in the US and UK, ARRET
 * in France, STOPP in Germany and Scandinavia, BAJA and ALTO in Spanish-speaking countries).
 */
export const SMS_OPT_OUT_WORDS = ['STOP', 'STOPP', 'ARRET', 'ARRÊT', 'BAJA', 'ALTO'] as const;

/** Whether the text tells how to opt out: one of SMS_OPT_OUT_WORDS, in capitals, as a word. */
export function hasOptOutLine(text: string): boolean {
  return SMS_OPT_OUT_WORDS.some((word) => new RegExp(`(^|[^\\p{L}])${word}(?=$|[^\\p{L}])`, 'u').test(text));
}
