import { describe, expect, it } from 'vitest';
import { claimDueMessages, countOutbox, listOutboxMessages } from './outbox.repository.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { planMessages, planMessagesForStore } from './plan-messages.service.js';
import { DELIVERY_SETTING } from './delivery-settings.js';
import { writeSetting } from '../../platform/stores/store-settings.repository.js';
import { planned, storeWithCustomers } from './delivery.fixtures.js';
import { isHeldOut } from './holdout.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const NOW = '2026-05-10T12:00:00.000Z';

describe.each(dialects)('outbox on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('records planned messages once per (flow, customer, trigger): a re-plan has no effect', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 3);
    const messages = customerIds.map((c) => planned(storeId, c, { data: { n: 1 } }));
    expect(await planMessages(db, storeId, messages, NOW)).toEqual({ planned: 3, heldOut: 0, duplicates: 0 });
    expect(
      await planMessages(db, storeId, [...messages, planned(storeId, customerIds[0], { triggerKey: 'step-2' })], NOW),
    ).toEqual({ planned: 1, heldOut: 0, duplicates: 3 });
    const rows = await listOutboxMessages(db, storeId);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      status: 'planned',
      idempotencyKey: `win-back:${customerIds[0]}:step-1`,
      channel: 'email',
      consentChannel: 'email',
      purpose: 'marketing',
      priority: 50,
      data: { n: 1 },
      sendAt: NOW,
      plannedSendAt: NOW,
      attempts: 0,
    });
  });

  it('records held-out customers as held_out, deterministically, and never holds out transactional messages', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 40, { consent: false });
    // The default share (10%): the same customers on every run.
    const result = await planMessages(
      db,
      storeId,
      customerIds.map((c) => planned(storeId, c, { holdoutShare: undefined, flow: 'campaign' })),
      NOW,
    );
    expect(result.planned + result.heldOut).toBe(40);
    const heldIds = (await listOutboxMessages(db, storeId, { status: 'held_out' })).map((m) => m.customerId).sort();
    expect(heldIds).toEqual(customerIds.filter((c) => isHeldOut(storeId, 'campaign', c, 0.1)).sort());
    const tx = await planMessages(
      db,
      storeId,
      customerIds.map((c) =>
        planned(storeId, c, { flow: 'order-confirmation', purpose: 'transactional', holdoutShare: undefined }),
      ),
      NOW,
    );
    expect(tx).toEqual({ planned: 40, heldOut: 0, duplicates: 0 });
    const all = await planMessages(
      db,
      storeId,
      customerIds.map((c) => planned(storeId, c, { flow: 'birthday', holdoutShare: 1 })),
      NOW,
    );
    expect(all).toEqual({ planned: 0, heldOut: 40, duplicates: 0 });
    const held = await listOutboxMessages(db, storeId, { status: 'held_out' });
    expect(held.every((m) => m.reason?.startsWith('holdout'))).toBe(true);
  });

  it("plans in the caller's transaction: a rollback leaves nothing", async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 1);
    await expect(
      inTransaction(db, async (trx) => {
        await planMessages(trx, storeId, [planned(storeId, customerIds[0])], NOW);
        throw new Error('the flow run failed');
      }),
    ).rejects.toThrow('the flow run failed');
    expect(await listOutboxMessages(db, storeId)).toEqual([]);
  });

  it('refuses an unknown customer and a message of another store', async () => {
    const { db } = database();
    const { storeId } = await storeWithCustomers(db, 0);
    await expect(planMessages(db, storeId, [planned(storeId, 'cus_nobody')], NOW)).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await expect(planMessages(db, storeId, [planned('sto_other', 'cus_nobody')], NOW)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('leases due messages to one worker until the lease ends', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 3);
    await planMessages(
      db,
      storeId,
      [
        planned(storeId, customerIds[0], { sendAt: '2026-05-10T11:00:00Z' }),
        planned(storeId, customerIds[1], { sendAt: '2026-05-10T10:00:00Z' }),
        planned(storeId, customerIds[2], { sendAt: '2026-05-11T10:00:00Z' }), // not due yet
      ],
      NOW,
    );
    const lease = { storeId, now: NOW, leaseUntil: '2026-05-10T12:05:00.000Z', limit: 10 };
    const first = await claimDueMessages(db, { ...lease, workerId: 'a' });
    expect(first.map((m) => m.customerId)).toEqual([customerIds[1], customerIds[0]]);
    expect(first.every((m) => m.leaseOwner === 'a' && m.leaseUntil === '2026-05-10T12:05:00.000Z')).toBe(true);
    expect(await claimDueMessages(db, { ...lease, workerId: 'b' })).toEqual([]);
    // The lease ran out (the worker died): another worker takes them.
    const later = await claimDueMessages(db, {
      ...lease,
      workerId: 'b',
      now: '2026-05-10T12:05:00.000Z',
      leaseUntil: '2026-05-10T12:10:00.000Z',
    });
    expect(later.map((m) => m.leaseOwner)).toEqual(['b', 'b']);
    expect(await countOutbox(db, storeId)).toEqual([{ flow: 'win-back', status: 'planned', count: 3 }]);
  });

  it('gives concurrent claims disjoint batches', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 1);
    await planMessages(
      db,
      storeId,
      Array.from({ length: 200 }, (_, i) => planned(storeId, customerIds[0], { triggerKey: `t-${i}` })),
      NOW,
    );
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        claimDueMessages(db, {
          storeId,
          workerId: `w${i}`,
          now: NOW,
          leaseUntil: '2026-05-10T13:00:00.000Z',
          limit: 30,
        }),
      ),
    );
    const ids = claims.flat().map((m) => m.id);
    expect(ids.length).toBe(200);
    expect(new Set(ids).size).toBe(200);
  });
});

describe.each(dialects)('planning with the store settings on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it("uses the store's per-flow holdout share", async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 20, { consent: false });
    await writeSetting(db, storeId, DELIVERY_SETTING, { holdoutShare: 0, flowHoldoutShares: { campaign: 1 } }, NOW);
    const messages = customerIds.flatMap((c) => [
      planned(storeId, c, { flow: 'campaign', holdoutShare: undefined }),
      planned(storeId, c, { flow: 'birthday', holdoutShare: undefined }),
    ]);
    expect(await planMessagesForStore(db, storeId, messages, NOW)).toEqual({ planned: 20, heldOut: 20, duplicates: 0 });
    expect((await listOutboxMessages(db, storeId, { status: 'held_out' })).every((m) => m.flow === 'campaign')).toBe(
      true,
    );
  });
});
