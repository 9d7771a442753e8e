import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { npsFlow } from './nps.planner.js';
import { csatFlow } from '../csat/csat.planner.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { recordCustomerEvent } from '../../events/customer-event.repository.js';
import { builtInTemplatesDir, loadTemplate, renderMessage } from '../../messaging/templates.adapter.js';
import { signFeedbackToken } from '../../feedback/index.js';
import { unsubscribeSecret } from '../../../platform/stores/store-secret.repository.js';
import { buildApp } from '../../../platform/http/build-app.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { dayWindow, flowContext, testOrder } from '../engine/flow-context.fixtures.js';
import type { FlowLinks } from '../engine/flow-planner.js';
import { dialects, sqlDialect, useTestDatabase } from '../../../../test/support/test-database.js';

describe.each(dialects)('nps and csat planners on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('asks 21 days after a paid order at 10:00, once per customer per 90 days, with 11 links that each record their score', async () => {
    const { db } = database();
    const { store, apiKey } = await createStore(db, { name: 'Surveyed' });
    const order = (id: string, customer: string, at: string, status: 'paid' | 'cancelled' = 'paid') =>
      recordOrder(
        db,
        store.id,
        testOrder({ id, customer, at, status, lines: [{ sku: 'BEANS', title: 'Beans', priceMinor: 1200 }] }),
      );
    const alice = await order('1042', 'alice', '2026-02-08T18:00:00+01:00');
    // Two orders of one customer on the day: one survey.
    const bob1 = await order('1043', 'bob', '2026-02-08T09:00:00Z');
    const bob2 = await order('1044', 'bob', '2026-02-08T15:00:00Z');
    await order('1045', 'carol', '2026-02-08T10:00:00Z', 'cancelled');
    // Dan was sent an NPS survey 60 days ago: not asked again within 90 days.
    const dan = await order('1046', 'dan', '2026-02-08T10:00:00Z');
    await db
      .insertInto('outbox_messages')
      .values({
        store_id: store.id,
        id: 'msg_01earlier',
        customer_id: dan.customerId,
        flow: 'nps',
        trigger_key: 'order:ord_earlier',
        idempotency_key: 'nps|earlier',
        channel: 'email',
        consent_channel: 'email',
        purpose: 'marketing',
        priority: 35,
        template: 'nps',
        data: '{}',
        planned_send_at: '2025-12-31T10:00:00.000Z',
        send_at: '2025-12-31T10:00:00.000Z',
        status: 'sent',
        attempts: 1,
        created_at: '2025-12-31T10:00:00.000Z',
        updated_at: '2025-12-31T10:00:00.000Z',
      })
      .execute();

    const secret = await unsubscribeSecret(db, store.id, '2026-03-01T00:00:00.000Z');
    const links: FlowLinks = {
      shop: (path = '') => `https://shop.example${path}`,
      product: (sku) => `https://shop.example/products/${sku}`,
      feedback: () => 'unused',
      survey: (customerId, question, answer, subject) =>
        `https://regulars.example/survey?t=${signFeedbackToken(secret, { storeId: store.id, customerId, flow: 'nps', question, answer, subject })}`,
    };
    const settings = npsFlow.parseSettings({}, 'test');
    // The day before: nothing falls due.
    expect(await npsFlow.plan(flowContext(db, store.id, 'nps', dayWindow('2026-02-28'), { links }), settings)).toEqual(
      [],
    );
    const candidates = await npsFlow.plan(
      flowContext(db, store.id, 'nps', dayWindow('2026-03-01'), { links }),
      settings,
    );
    expect(candidates.map((c) => [c.externalId, c.triggerKey, c.sendAt]).sort()).toEqual([
      ['alice', `order:${alice.orderId}`, '2026-03-01T10:00:00.000Z'],
      ['bob', `order:${(bob1.orderId > bob2.orderId ? bob1 : bob2).orderId}`, '2026-03-01T10:00:00.000Z'],
    ]);
    const first = candidates.find((c) => c.externalId === 'alice')!;
    expect(first.reason).toBe(
      'ordered #1042 on 2026-02-08 (21 days ago, no delivery recorded); asks how likely they are to recommend the shop, 0-10 (at most once in 90 days)',
    );

    const sample = JSON.parse(await readFile(`${builtInTemplatesDir()}/nps/sample.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    const { shop, customer, unsubscribe_url, preferences_url } = sample;
    const rendered = await renderMessage(
      await loadTemplate(builtInTemplatesDir(), 'nps'),
      { shop, customer, unsubscribe_url, preferences_url, ...first.data },
      { strict: true },
    );
    const hrefs = [...rendered.html.matchAll(/href="(https:\/\/regulars\.example\/survey\?t=[^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(hrefs).toHaveLength(11);
    expect(rendered.html).toContain('<table role="presentation"');
    expect(rendered.text).toContain('0 = not at all likely, 10 = extremely likely');

    const app = await buildApp({ db, dialect: sqlDialect(dialect) });
    try {
      for (const [score, href] of hrefs.entries()) {
        const t = new URL(href.replace(/&amp;/g, '&')).searchParams.get('t')!;
        const posted = await app.inject({
          method: 'POST',
          url: '/survey',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          payload: `t=${encodeURIComponent(t)}`,
        });
        expect(posted.statusCode).toBe(200);
        expect(posted.json()).toMatchObject({
          recorded: true,
          outcome: score === 0 ? 'inserted' : 'changed',
          question: 'nps',
          answer: String(score),
          subject: alice.orderId,
        });
      }
      const answers = await app.inject({
        method: 'GET',
        url: '/v1/surveys/answers?question=nps',
        headers: { authorization: `Bearer ${apiKey.plaintext}` },
      });
      // One survey asked, one answer: the latest click (10) counts.
      expect(
        answers
          .json()
          .answers.map((a: { score: number; customerExternalId: string }) => [a.customerExternalId, a.score]),
      ).toEqual([['alice', 10]]);
    } finally {
      await app.close();
    }
  });

  it('csat: one survey per support.resolved event, 1-5 links keyed by the ticket', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Support' });
    const { customerId } = await recordOrder(
      db,
      store.id,
      testOrder({
        id: '1',
        customer: 'erin',
        at: '2026-02-01T10:00:00Z',
        lines: [{ sku: 'A', title: 'A', priceMinor: 100 }],
      }),
    );
    await recordCustomerEvent(db, store.id, customerId, {
      kind: 'custom',
      occurredAt: '2026-03-01T09:00:00Z',
      payload: { name: 'support.resolved', ticketId: 'T-77' },
    });
    await recordCustomerEvent(db, store.id, customerId, {
      kind: 'custom',
      occurredAt: '2026-03-01T09:30:00Z',
      payload: { name: 'quiz' },
    });
    const ctx = flowContext(db, store.id, 'csat', dayWindow('2026-03-01'));
    const planned = await csatFlow.plan(ctx, csatFlow.parseSettings({ delayMinutes: 60 }, 'test'));
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ sendAt: '2026-03-01T10:00:00.000Z', template: 'csat' });
    expect(planned[0].reason).toBe('support.resolved (ticket T-77) on 2026-03-01; asks how satisfied they were, 1-5');
    expect(planned[0].data).toEqual({
      score_links: ['Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'].map((label, i) => ({
        score: i + 1,
        label,
        url: `https://regulars.example/survey?c=${customerId}&q=csat&a=${i + 1}&s=T-77`,
      })),
    });
    expect(() => csatFlow.parseSettings({ eventName: 'has space' }, 'test')).toThrow(/eventName/);
  });
});
