/** Each flow holds out this share of its customers unless the store or the message says otherwise. */
export const DEFAULT_HOLDOUT_SHARE = 0.1;

const TWO_TO_53 = 2 ** 53;

/**
 * cyrb53 (bryc, public domain): a 53-bit string hash made of 32-bit multiplies and xor-shifts,
 * with a final avalanche, so every input bit moves every output bit. Integer arithmetic only, so
 * it gives the same number on every machine and Node version (the domain takes no Node built-ins,
 * so no node:crypto here).
 */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A customer's place in [0, 1) for one flow of one store: the 53-bit hash of (store, flow,
 * customer) over 2^53. A hash rather than a random draw, so the same customer is held out of the
 * same flow on every run, on every machine, in a backtest and live, with no state to keep; its
 * output is uniform, so a share s holds out s of the customers (holdout.test.ts checks 100,000).
 * Different flows hash differently, so a customer held out of one flow is not held out of all.
 */
export function holdoutPosition(storeId: string, flow: string, customerId: string): number {
  return cyrb53(`holdout\u0000${storeId}\u0000${flow}\u0000${customerId}`) / TWO_TO_53;
}

/** Whether the customer is in the flow's holdout: recorded as "would have received" and not sent. */
export function isHeldOut(storeId: string, flow: string, customerId: string, share: number): boolean {
  return share > 0 && holdoutPosition(storeId, flow, customerId) < share;
}
