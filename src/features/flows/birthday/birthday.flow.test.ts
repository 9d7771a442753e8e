import { describe, expect, it } from 'vitest';
import { birthdayFlow } from './birthday.planner.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { upsertCustomerByExternalId } from '../../customers/customer.repository.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { dayWindow, flowContext } from '../engine/flow-context.fixtures.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';

describe.each(dialects)('birthday flow on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function storeWith(customers: { id: string; birthday: string | null; timeZone?: string | null }[]) {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Birthdays' });
    const ids = new Map<string, string>();
    for (const c of customers) {
      const valid = c.birthday === null || /^\d{4}/.test(c.birthday);
      const saved = await upsertCustomerByExternalId(db, store.id, {
        externalId: c.id,
        email: `${c.id}@example.com`,
        birthday: valid ? c.birthday : null,
        timeZone: c.timeZone ?? null,
      });
      // A birthday without a year ('--MM-DD') cannot come through the API: written as a source might have.
      if (!valid)
        await db
          .updateTable('customers')
          .set({ birthday: c.birthday })
          .where('store_id', '=', store.id)
          .where('id', '=', saved.id)
          .execute();
      ids.set(c.id, saved.id);
    }
    return { db, storeId: store.id, ids };
  }

  it("plans the day's birthdays at 09:00 in each customer's zone, with a coupon by default", async () => {
    const { db, storeId, ids } = await storeWith([
      { id: 'ann', birthday: '1990-03-01' },
      { id: 'ben', birthday: '1985-03-01', timeZone: 'America/New_York' },
      { id: 'cai', birthday: '1979-03-02', timeZone: 'Pacific/Kiritimati' },
      { id: 'dee', birthday: '2000-02-29', timeZone: 'Not/AZone' },
      { id: 'eve', birthday: '1990-03-02' },
      { id: 'fay', birthday: null },
      { id: 'gus', birthday: '--03-01', timeZone: 'Asia/Tokyo' },
      { id: 'hal', birthday: '1990-02-28', timeZone: 'Europe/Paris' },
    ]);
    const settings = birthdayFlow.parseSettings({}, 'flows/birthday.json');
    const ctx = flowContext(db, storeId, 'birthday', dayWindow('2026-03-01'), { timeZone: 'Europe/London' });
    const candidates = await birthdayFlow.plan(ctx, settings);
    expect(candidates.map((c) => [c.externalId, c.sendAt, c.triggerKey])).toEqual(
      [
        ['ann', '2026-03-01T09:00:00.000Z', 'year:2026'],
        ['ben', '2026-03-01T14:00:00.000Z', 'year:2026'],
        ['cai', '2026-03-01T19:00:00.000Z', 'year:2026'],
        ['gus', '2026-03-01T00:00:00.000Z', 'year:2026'],
      ].sort((a, b) => ids.get(a[0])!.localeCompare(ids.get(b[0])!)),
    );
    const ann = candidates.find((c) => c.externalId === 'ann')!;
    expect(ann).toMatchObject({
      customerId: ids.get('ann'),
      template: 'birthday',
      data: {},
      reason: 'birthday on 1 March 2026; sent at 09:00 Europe/London',
    });
    expect(ann.gift).toEqual({
      kind: 'coupon',
      dataKey: 'gift',
      coupon: { type: 'percent', value: 10, currency: null, minSubtotalMinor: 0, validDays: 30, prefix: 'BDAY' },
    });

    // 28 February 2026: Dee (29 February, invalid zone: the store's) and Hal (Paris).
    const feb28 = await birthdayFlow.plan(
      flowContext(db, storeId, 'birthday', dayWindow('2026-02-28'), { timeZone: 'Europe/London' }),
      settings,
    );
    expect(feb28.map((c) => [c.externalId, c.sendAt]).sort()).toEqual([
      ['dee', '2026-02-28T09:00:00.000Z'],
      ['hal', '2026-02-28T08:00:00.000Z'],
    ]);
    expect(feb28.find((c) => c.externalId === 'dee')!.reason).toContain(
      'born on 29 February, kept on the 28th this year',
    );

    // Consecutive windows plan each birthday once: 3 days around the turn of the month.
    const seen: string[] = [];
    for (const day of ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03']) {
      seen.push(
        ...(
          await birthdayFlow.plan(
            flowContext(db, storeId, 'birthday', dayWindow(day), { timeZone: 'Europe/London' }),
            settings,
          )
        ).map((c) => c.externalId),
      );
    }
    expect(seen.sort()).toEqual(['ann', 'ben', 'cai', 'dee', 'eve', 'gus', 'hal']);
  });

  it('gives points through the loyalty action once a year, and renders with either gift', async () => {
    const { db, storeId } = await storeWith([{ id: 'ann', birthday: '1990-03-04' }]);
    const settings = birthdayFlow.parseSettings(
      { gift: { type: 'points' }, daysBefore: 3, sendHour: 8 },
      'flows/birthday.json',
    );
    const [candidate] = await birthdayFlow.plan(
      flowContext(db, storeId, 'birthday', dayWindow('2026-03-01')),
      settings,
    );
    expect(candidate).toMatchObject({
      sendAt: '2026-03-01T08:00:00.000Z',
      triggerKey: 'year:2026',
      gift: { kind: 'points', dataKey: 'gift', action: 'birthday', key: 'birthday:2026' },
    });
    expect(candidate.reason).toBe('birthday on 4 March 2026; sent at 08:00 UTC, 3 days ahead');

    const template = await loadTemplate(builtInTemplatesDir(), 'birthday');
    const common = {
      shop: template.sample!.shop,
      customer: template.sample!.customer,
      unsubscribe_url: 'u',
      preferences_url: 'p',
    };
    const points = await renderMessage(
      template,
      { ...common, ...candidate.data, gift: { points: 200, balance: 740 } },
      { strict: true },
    );
    expect(points.text).toContain('200 points');
    const coupon = await renderMessage(
      template,
      {
        ...common,
        ...candidate.data,
        gift: { coupon_code: 'BDAY-X1', description: '10% off', expires_on: '31 March 2026' },
      },
      { strict: true },
    );
    expect(coupon.text).toContain('BDAY-X1');
  });
});
