import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { addUser } from './console-auth.fixtures.js';
import { changeStaffRole, listStaffUsers, removeStaffUserById } from './staff-users.service.js';

describe.each(dialects)('staff roles on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const { db } = database();
    for (let round = 0; round < 5; round++) {
      const { store } = await createStore(db, { name: `Two owners ${round}` });
      const a = await addUser(db, store.id, `a${round}@owners.example`, 'owner');
      const b = await addUser(db, store.id, `b${round}@owners.example`, 'owner');
      const outcomes = await Promise.allSettled([
        changeStaffRole(db, store.id, a.id, 'viewer'),
        round % 2 === 0 ? changeStaffRole(db, store.id, b.id, 'marketer') : removeStaffUserById(db, store.id, b.id),
      ]);
      expect(
        outcomes.filter((o) => o.status === 'fulfilled'),
        `round ${round}`,
      ).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason.code).toBe('LAST_OWNER');
      const owners = (await listStaffUsers(db, store.id)).filter((u) => u.role === 'owner');
      expect(owners).toHaveLength(1);
    }
  });

  it("changes only this store's users: another store's user id is not found", async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Mine' });
    const { store: other } = await createStore(db, { name: 'Theirs' });
    await addUser(db, store.id, 'owner@mine.example', 'owner');
    const theirs = await addUser(db, other.id, 'viewer@theirs.example', 'viewer');
    await expect(changeStaffRole(db, store.id, theirs.id, 'owner')).rejects.toMatchObject({
      code: 'STAFF_USER_NOT_FOUND',
    });
    await expect(removeStaffUserById(db, store.id, theirs.id)).rejects.toMatchObject({ code: 'STAFF_USER_NOT_FOUND' });
    expect((await listStaffUsers(db, other.id))[0]).toMatchObject({ id: theirs.id, role: 'viewer' });
  });
});
