import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { balanceOf, type LedgerEntry, type PostingRefusal } from './ledger.js';
import { pointsToReverse } from './earn-rules.js';
import { expiryDue } from './expiry.js';
import { createRng, randomInt } from '../../platform/random.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { ledgerOf, type PostedLedgerEntry } from './loyalty.repository.js';
import { balanceOfCustomer } from './loyalty-points.service.js';
import { postPoints } from './post-points.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const DAY_MS = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const day = (n: number): string => new Date(T0 + n * DAY_MS).toISOString();

function earn(points: number, sourceKey: string, postedAt = day(0), availableAt = postedAt): LedgerEntry {
  return { kind: 'earn', points, sourceKey, reason: 'order', postedAt, availableAt };
}

function redeem(points: number, sourceKey: string, postedAt = day(1)): LedgerEntry {
  return { kind: 'redeem', points: -points, sourceKey, reason: 'reward', postedAt, availableAt: postedAt };
}

async function storeWithCustomers(
  db: Kysely<Database>,
  name: string,
  count = 1,
): Promise<{ storeId: string; customerIds: string[] }> {
  const { store } = await createStore(db, { name });
  const customerIds: string[] = [];
  for (let i = 0; i < count; i++)
    customerIds.push((await upsertCustomerByExternalId(db, store.id, { externalId: `c-${i}` })).id);
  return { storeId: store.id, customerIds };
}

async function pointsTotal(db: Kysely<Database>, storeId: string, customerId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('loyalty_balances')
    .select('points_total')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.points_total);
}

const sum = (entries: readonly LedgerEntry[]): number => entries.reduce((total, e) => total + e.points, 0);

describe.each(dialects)('loyalty ledger on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('posts an entry with a pts_ id and UTC instants, and keeps points_total equal to the ledger', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [customerId],
    } = await storeWithCustomers(db, 'Post');
    const outcome = await postPoints(db, storeId, customerId, earn(120, 'order:1:earn', '2025-01-01T01:00:00+01:00'));
    expect(outcome).toEqual({
      outcome: 'posted',
      entry: {
        id: expect.stringMatching(/^pts_/),
        customerId,
        kind: 'earn',
        points: 120,
        sourceKey: 'order:1:earn',
        reason: 'order',
        postedAt: day(0),
        availableAt: day(0),
      },
    });
    const redeemed = await postPoints(db, storeId, customerId, redeem(20, 'redeem:1'));
    expect(redeemed.outcome).toBe('posted');

    const ledger = await ledgerOf(db, storeId, customerId);
    expect(ledger.map((e) => [e.sourceKey, e.points])).toEqual([
      ['order:1:earn', 120],
      ['redeem:1', -20],
    ]);
    expect(await pointsTotal(db, storeId, customerId)).toBe(100);
    expect(await balanceOfCustomer(db, storeId, customerId, day(2))).toEqual({ available: 100, pending: 0 });
    // As of an instant before the redemption, it is not counted.
    expect(await balanceOfCustomer(db, storeId, customerId, day(0))).toEqual({ available: 120, pending: 0 });
  });

  it('posts a source key once: a repeat is refused, also concurrently, and the unique index backs it', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [a, b],
    } = await storeWithCustomers(db, 'Duplicates', 2);
    expect((await postPoints(db, storeId, a, earn(50, 'order:7:earn'))).outcome).toBe('posted');
    expect(await postPoints(db, storeId, a, earn(50, 'order:7:earn'))).toEqual({
      outcome: 'refused',
      reason: 'DUPLICATE_SOURCE_KEY',
    });
    // The key decides, whatever the rest of the entry says.
    expect(await postPoints(db, storeId, a, earn(999, 'order:7:earn', day(5)))).toEqual({
      outcome: 'refused',
      reason: 'DUPLICATE_SOURCE_KEY',
    });
    // Keys are per customer.
    expect((await postPoints(db, storeId, b, earn(50, 'order:7:earn'))).outcome).toBe('posted');

    const racing = await Promise.all(
      Array.from({ length: 12 }, () => postPoints(db, storeId, a, earn(10, 'order:8:earn'))),
    );
    expect(racing.filter((r) => r.outcome === 'posted')).toHaveLength(1);
    expect(racing.filter((r) => r.outcome === 'refused' && r.reason === 'DUPLICATE_SOURCE_KEY')).toHaveLength(11);
    expect(await pointsTotal(db, storeId, a)).toBe(60);

    // A writer that skips the repository still cannot post a key twice.
    const row = {
      store_id: storeId,
      id: 'pts_direct',
      customer_id: a,
      kind: 'earn',
      points: 1,
      source_key: 'order:7:earn',
      reason: 'x',
      posted_at: day(0),
      available_at: day(0),
    };
    await expect(db.insertInto('loyalty_ledger').values(row).execute()).rejects.toThrow();
  });

  it('refuses a spend beyond the available balance, a wrong sign and fractional points, and posts nothing', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [customerId],
    } = await storeWithCustomers(db, 'Insufficient');
    expect(await postPoints(db, storeId, customerId, redeem(1, 'redeem:0'))).toEqual({
      outcome: 'refused',
      reason: 'INSUFFICIENT_POINTS',
    });
    await postPoints(db, storeId, customerId, earn(100, 'order:1:earn'));
    expect(await postPoints(db, storeId, customerId, redeem(101, 'redeem:1'))).toEqual({
      outcome: 'refused',
      reason: 'INSUFFICIENT_POINTS',
    });
    expect(await postPoints(db, storeId, customerId, { ...redeem(5, 'redeem:2'), points: 5 })).toEqual({
      outcome: 'refused',
      reason: 'WRONG_SIGN',
    });
    expect(await postPoints(db, storeId, customerId, redeem(2.5, 'redeem:3'))).toEqual({
      outcome: 'refused',
      reason: 'NOT_WHOLE_POINTS',
    });
    expect((await postPoints(db, storeId, customerId, redeem(100, 'redeem:4'))).outcome).toBe('posted');
    expect(await postPoints(db, storeId, customerId, redeem(1, 'redeem:5'))).toEqual({
      outcome: 'refused',
      reason: 'INSUFFICIENT_POINTS',
    });
    expect((await ledgerOf(db, storeId, customerId)).map((e) => e.sourceKey)).toEqual(['order:1:earn', 'redeem:4']);
    expect(await pointsTotal(db, storeId, customerId)).toBe(0);
  });

  it('does not let pending points be spent until their return window ends', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [customerId],
    } = await storeWithCustomers(db, 'Pending');
    await postPoints(db, storeId, customerId, earn(80, 'order:1:earn', day(0), day(14)));
    expect(await balanceOfCustomer(db, storeId, customerId, day(1))).toEqual({ available: 0, pending: 80 });
    expect(await postPoints(db, storeId, customerId, redeem(10, 'redeem:early', day(13)))).toEqual({
      outcome: 'refused',
      reason: 'INSUFFICIENT_POINTS',
    });
    expect((await postPoints(db, storeId, customerId, redeem(80, 'redeem:later', day(14)))).outcome).toBe('posted');
    expect(await balanceOfCustomer(db, storeId, customerId, day(14))).toEqual({ available: 0, pending: 0 });
    // points_total counts pending points too: it is the plain sum of the ledger.
    expect(await pointsTotal(db, storeId, customerId)).toBe(0);
  });

  it('refuses a back-dated spend that would overdraw a spend already posted later', async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [customerId],
    } = await storeWithCustomers(db, 'Backdated');
    await postPoints(db, storeId, customerId, earn(100, 'order:1:earn', day(0)));
    expect((await postPoints(db, storeId, customerId, redeem(100, 'redeem:late', day(10)))).outcome).toBe('posted');
    // As of day 5 the customer had 100 points, but spending 30 then would leave -30 on day 10.
    expect(await postPoints(db, storeId, customerId, redeem(30, 'redeem:backdated', day(5)))).toEqual({
      outcome: 'refused',
      reason: 'INSUFFICIENT_POINTS',
    });
    // A back-dated earn is always fine.
    expect((await postPoints(db, storeId, customerId, earn(30, 'order:2:earn', day(3)))).outcome).toBe('posted');
    expect((await postPoints(db, storeId, customerId, redeem(30, 'redeem:backdated', day(5)))).outcome).toBe('posted');
  });

  it("refuses an unknown customer or another store's with CUSTOMER_NOT_FOUND, and malformed input with INVALID_ARGUMENT", async () => {
    const { db } = database();
    const {
      storeId,
      customerIds: [customerId],
    } = await storeWithCustomers(db, 'Unknown');
    const other = await storeWithCustomers(db, 'Other');
    for (const [store, customer] of [
      [storeId, 'cus_nope'],
      [other.storeId, customerId],
    ]) {
      await expect(postPoints(db, store, customer, earn(1, 'k'))).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
      await expect(ledgerOf(db, store, customer)).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
      await expect(balanceOfCustomer(db, store, customer, day(0))).rejects.toMatchObject({
        code: 'CUSTOMER_NOT_FOUND',
      });
    }
    expect(await ledgerOf(db, storeId, customerId)).toEqual([]);
    await expect(postPoints(db, storeId, customerId, { ...earn(1, 'k'), kind: 'gift' as never })).rejects.toMatchObject(
      { code: 'INVALID_ARGUMENT', details: { field: 'kind' } },
    );
    await expect(postPoints(db, storeId, customerId, earn(1, 'k', '2025-01-01T00:00:00'))).rejects.toMatchObject({
      details: { field: 'postedAt' },
    });
    await expect(postPoints(db, storeId, customerId, earn(1, ''))).rejects.toMatchObject({
      details: { field: 'sourceKey' },
    });
  });

  it('keeps the ledger invariants under 200 random concurrent earn, redeem, refund and expire postings', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 'Invariant', 10);
    const rng = createRng(20_251_129);
    const policy = { months: 3, warnDays: 14 };
    const orders: { customerId: string; key: string; totalMinor: number }[] = [];
    const outcomes = new Map<string, PostingRefusal | 'posted'>();
    const submissions: { customerId: string; key: string; outcome: PostingRefusal | 'posted' }[] = [];

    const submit = async (customerId: string, entry: LedgerEntry): Promise<void> => {
      const result = await postPoints(db, storeId, customerId, entry);
      const outcome = result.outcome === 'posted' ? 'posted' : result.reason;
      submissions.push({ customerId, key: entry.sourceKey, outcome });
      outcomes.set(`${customerId} ${entry.sourceKey}`, outcome);
    };

    // Each operation decides its entry when it runs, from what it then reads, as real clients do.
    const operations: (() => Promise<void>)[] = [];
    for (let i = 0; operations.length < 200; i++) {
      const customerId = customerIds[randomInt(rng, customerIds.length)];
      const roll = rng.next();
      // Repeated submissions of one event (a retried webhook), all in flight at once.
      const copies = rng.next() < 0.25 ? 2 + randomInt(rng, 2) : 1;
      let run: () => Promise<void>;
      if (roll < 0.4 || orders.length === 0) {
        const points = 1 + randomInt(rng, 100);
        const postedAt = day(randomInt(rng, 60));
        const availableAt = rng.next() < 0.5 ? postedAt : new Date(Date.parse(postedAt) + 14 * DAY_MS).toISOString();
        const key = `order:${i}:earn`;
        orders.push({ customerId, key: `order:${i}`, totalMinor: points * 1000 });
        run = () => submit(customerId, earn(points, key, postedAt, availableAt));
      } else if (roll < 0.65) {
        const entry = redeem(1 + randomInt(rng, 80), `redeem:${i}`, day(randomInt(rng, 120)));
        run = () => submit(customerId, entry);
      } else if (roll < 0.85) {
        const order = orders[randomInt(rng, orders.length)];
        const refundedMinor = 1 + randomInt(rng, order.totalMinor);
        const key = `${order.key}:refund:${i}`;
        run = async () => {
          const ledger = await ledgerOf(db, storeId, order.customerId);
          const earned = ledger.find((e) => e.sourceKey === `${order.key}:earn`);
          if (!earned) return;
          const alreadyReversed = -sum(ledger.filter((e) => e.sourceKey.startsWith(`${order.key}:refund:`)));
          const points = pointsToReverse(earned.points, order.totalMinor, refundedMinor, alreadyReversed);
          if (points === 0) return;
          const at = new Date(Date.parse(earned.postedAt) + 7 * DAY_MS).toISOString();
          await submit(order.customerId, {
            kind: 'reverse',
            points: -points,
            sourceKey: key,
            reason: 'refund',
            postedAt: at,
            availableAt: at,
          });
        };
      } else {
        const asOf = day(60 + randomInt(rng, 240));
        run = async () => {
          const due = expiryDue(await ledgerOf(db, storeId, customerId), asOf, policy);
          if (due) await submit(customerId, due);
        };
      }
      for (let c = 0; c < copies && operations.length < 200; c++) operations.push(run);
    }
    await Promise.all(operations.map((run) => run()));

    const kindsPosted = new Set<string>();
    let ledgerTotal = 0;
    for (const customerId of customerIds) {
      const ledger = await ledgerOf(db, storeId, customerId);
      for (const e of ledger) kindsPosted.add(e.kind);
      ledgerTotal += sum(ledger);

      // The cached total is the sum of the ledger.
      expect(await pointsTotal(db, storeId, customerId)).toBe(ledger.length === 0 ? undefined : sum(ledger));
      // Each source key at most once.
      expect(new Set(ledger.map((e) => e.sourceKey)).size).toBe(ledger.length);

      // In posting order (ids are made under the customer's lock, monotonic in this process), every
      // entry left the available balance >= 0 at the instant it was posted.
      const appended: PostedLedgerEntry[] = [...ledger].sort((x, y) => (x.id < y.id ? -1 : 1));
      appended.forEach((e, k) =>
        expect(balanceOf(appended.slice(0, k + 1), e.postedAt).available).toBeGreaterThanOrEqual(0),
      );
      // And in time order: at no instant where the balance changes is it below zero.
      for (const instant of ledger.flatMap((e) => [e.postedAt, e.availableAt])) {
        expect(balanceOf(ledger, instant).available).toBeGreaterThanOrEqual(0);
      }

      // Every submission of a key: posted once if the key is in the ledger, never otherwise.
      const keys = new Set(submissions.filter((s) => s.customerId === customerId).map((s) => s.key));
      for (const key of keys) {
        const posted = submissions.filter(
          (s) => s.customerId === customerId && s.key === key && s.outcome === 'posted',
        ).length;
        expect(posted).toBe(ledger.some((e) => e.sourceKey === key) ? 1 : 0);
      }
      // An earn is never refused but as a repeat: every order's points are in.
      for (const order of orders.filter((o) => o.customerId === customerId)) {
        expect(ledger.filter((e) => e.sourceKey === `${order.key}:earn`)).toHaveLength(1);
      }
    }
    const sumOfTotals = await db
      .selectFrom('loyalty_balances')
      .select((eb) => eb.fn.sum<number | string>('points_total').as('total'))
      .where('store_id', '=', storeId)
      .executeTakeFirstOrThrow();
    expect(Number(sumOfTotals.total)).toBe(ledgerTotal);

    // The run exercised what it claims to: every kind was posted, and both refusals happened.
    expect([...kindsPosted].sort()).toEqual(['earn', 'expire', 'redeem', 'reverse']);
    const reasons = new Set(submissions.map((s) => s.outcome));
    expect(reasons).toContain('DUPLICATE_SOURCE_KEY');
    expect(reasons).toContain('INSUFFICIENT_POINTS');
    expect(outcomes.size).toBeGreaterThan(100);
  });
});
