import { describe, expect, it } from 'vitest';
import { claimDueMessages, findOutboxMessage, markSendingMany } from './outbox.repository.js';
import { planMessages } from './plan-messages.service.js';
import { createSentRecorder } from './record-sent.service.js';
import { planned, storeWithCustomers } from './delivery.fixtures.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const NOW = '2026-05-10T12:00:00.000Z';

describe.each(dialects)('recording sent messages together on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('marks each acknowledged message sent with its own provider id and instant, and only a message being sent', async () => {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, 5, { consent: false });
    await planMessages(
      db,
      storeId,
      customerIds.map((c) => planned(storeId, c, { sendAt: '2026-05-10T11:00:00Z' })),
      NOW,
    );
    const claimed = await claimDueMessages(db, {
      storeId,
      workerId: 'w',
      now: NOW,
      leaseUntil: '2026-05-10T12:05:00.000Z',
      limit: 10,
    });
    // The last one is never handed to a channel: it stays planned, and an acknowledgement for it changes nothing.
    await markSendingMany(db, {
      storeId,
      ids: claimed.slice(0, 4).map((m) => m.id),
      workerId: 'w',
      now: NOW,
      leaseUntil: '2026-05-10T12:05:00.000Z',
    });
    const recorder = createSentRecorder(db);
    const at = (i: number) => `2026-05-10T12:00:0${i}.000Z`;
    const changed = await Promise.all(
      claimed.map((m, i) => recorder.record(storeId, m.id, i === 1 ? null : `prov-${i}`, at(i))),
    );
    expect(changed).toEqual([true, true, true, true, false]);
    for (const [i, m] of claimed.entries()) {
      const stored = await findOutboxMessage(db, storeId, m.id);
      if (i === 4) {
        expect(stored).toMatchObject({ status: 'planned', sentAt: null, leaseOwner: 'w' });
        continue;
      }
      expect(stored).toMatchObject({
        status: 'sent',
        sentAt: at(i),
        updatedAt: at(i),
        providerMessageId: i === 1 ? null : `prov-${i}`,
        leaseOwner: null,
        leaseUntil: null,
        reason: null,
      });
    }
    // A second acknowledgement (a message sent twice after a lost lease) changes nothing.
    expect(await recorder.record(storeId, claimed[0].id, 'prov-again', at(9))).toBe(false);
    expect((await findOutboxMessage(db, storeId, claimed[0].id))?.providerMessageId).toBe('prov-0');
  });
});
