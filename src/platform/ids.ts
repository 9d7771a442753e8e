import { randomFillSync } from 'node:crypto';

/** Crockford's base32 in lower case: no i, l, o, u, so ids read aloud and copy without confusion. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export type IdPrefix =
  | 'sto'
  | 'key'
  | 'cus'
  | 'ord'
  | 'con'
  | 'prd'
  | 'evt'
  | 'pts'
  | 'cpn'
  // rewards: referral, challenge, coupon reservation, membership plan, membership, subscription
  | 'ref'
  | 'chl'
  | 'rsv'
  | 'mpl'
  | 'mbr'
  | 'sub'
  | 'seg'
  | 'msg'
  // a customer merge's audit row
  | 'mrg'
  // console staff: a user and a signed-in session
  | 'usr'
  | 'ses'
  // a Shopify customers/data_request export
  | 'dsr'
  // a survey answer
  | 'svr'
  // an outgoing webhook endpoint, and one event queued for it (its webhook-id)
  | 'whe'
  | 'whm';

let lastTime = -1;
const random = Buffer.alloc(10);

/**
 * A new id such as 'cus_01m81bct3tvmsnpk6vgqjn6r8k': the prefix says what it names
 * (architecture.md), then 10 characters of the millisecond clock and 16 of randomness (80 bits).
 *
 * Time first keeps new rows at the right edge of the (store_id, id) indexes instead of scattering
 * inserts over the B-tree. Within one millisecond (or if the clock steps back) the random part is
 * incremented instead of drawn again, as ULID's monotonic mode does, so the ids one process makes
 * sort in the order it made them; lists ordered by (created_at, id) are therefore stable. Across
 * processes the 80 random bits make collisions negligible. Ids are made here, in the store layer,
 * because the domain takes neither time nor randomness from the world.
 */
export function newId(prefix: IdPrefix): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    randomFillSync(random);
  } else {
    // Add one to the 80-bit number, carrying from the last byte.
    for (let i = random.length - 1; i >= 0 && ++random[i] === 256; i--) random[i] = 0;
  }
  let time = '';
  for (let i = 0, t = lastTime; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  let text = '';
  // 10 bytes = 80 bits = 16 characters of 5 bits, most significant first.
  for (let bit = 0; bit < 80; bit += 5) {
    const byte = bit >> 3;
    const window = ((random[byte] << 8) | (random[byte + 1] ?? 0)) >> (11 - (bit & 7));
    text += ALPHABET[window & 31];
  }
  return `${prefix}_${time}${text}`;
}

/** Now as stored: an ISO 8601 UTC instant with milliseconds, whose text order is time order. */
export function nowIso(): string {
  return new Date().toISOString();
}
