import { smsSize } from '../messaging/index.js';

/**
 * How many messages a text is sent as (3GPP TS 23.038 and 23.040): one when it fits one message
 * (160 GSM-7 septets, 70 UCS-2 units), else split with a 6-byte concatenation header in each part,
 * which leaves 153 septets or 67 units per part. Every part is billed. A GSM-7 extension character
 * (two septets, escape and character) is never split across parts, so a part may hold 152.
 */
export const SEGMENT_LIMIT = { 'GSM-7': 153, 'UCS-2': 67 } as const;

export interface SmsParts {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  readonly length: number;
  readonly segments: number;
  /** The characters that forced UCS-2 (at most 5). */
  readonly nonGsm: readonly string[];
}

export function smsParts(text: string): SmsParts {
  const size = smsSize(text);
  if (size.length <= size.limit) return { ...partsOf(size), segments: size.length === 0 ? 0 : 1 };
  const perPart = SEGMENT_LIMIT[size.encoding];
  if (size.encoding === 'UCS-2') {
    // A surrogate pair (an emoji) is not split either.
    let segments = 1;
    let used = 0;
    for (const char of text) {
      if (used + char.length > perPart) {
        segments += 1;
        used = 0;
      }
      used += char.length;
    }
    return { ...partsOf(size), segments };
  }
  let segments = 1;
  let used = 0;
  for (const char of text) {
    const septets = smsSize(char).length;
    if (used + septets > perPart) {
      segments += 1;
      used = 0;
    }
    used += septets;
  }
  return { ...partsOf(size), segments };
}

function partsOf(size: ReturnType<typeof smsSize>): Omit<SmsParts, 'segments'> {
  return { encoding: size.encoding, length: size.length, nonGsm: size.nonGsm };
}
