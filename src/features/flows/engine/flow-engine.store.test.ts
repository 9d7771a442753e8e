import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../analytics/day.js';
import { suppressionList } from '../../delivery/deliver-email.service.js';
import { type FlowFile, readBuiltInFlows } from './flow-files.reader.js';
import type { FlowCandidate, FlowContext, FlowPlanner } from './flow-planner.js';
import { FLOW_PLANNERS, type PlannerRegistry } from './flow-planners.registry.js';
import { disableFlow, enableFlow, type FlowSources, listFlows, loadFlows } from './manage-flows.service.js';
import { runFlows } from './plan-flows.service.js';
import { updateShopProfile } from '../../stores/shop-profile.service.js';
import { isHeldOut } from '../../delivery/holdout.js';
import type { FlowGift } from './flow-gift.js';
import { builtInTemplatesDir } from '../../messaging/templates.adapter.js';
import { runDeliveryWorker } from '../../delivery/delivery-worker.service.js';
import { listCoupons } from '../../coupons/coupon.repository.js';
import { findStoredFlow } from './flow.repository.js';
import { listOutboxMessages } from '../../delivery/outbox.repository.js';
import { upsertOrderByExternalId } from '../../orders/order.repository.js';
import { dialects, useTestDatabase } from '../../../../test/support/test-database.js';
import { fakeClock, recordingChannel, storeWithCustomers } from '../../delivery/delivery.fixtures.js';

/**
 * The flow engine with a planner the test controls (the kinds' own planners have their own tests):
 * dry runs write nothing; live runs record messages, gifts and the planning mark together, once
 * per trigger; holdout customers get no gift; catch-up is bounded; the enable gates hold.
 */
const COUPON: FlowGift = {
  kind: 'coupon',
  dataKey: 'coupon',
  coupon: { type: 'percent', value: 15, currency: null, minSubtotalMinor: 0, validDays: 30, prefix: 'COMEBACK' },
};

const SPAM_OFF = { spamAssassin: null, limit: 5 };

interface Script {
  customers: { id: string; externalId: string }[];
  gift?: FlowGift;
  stopOnOrder?: boolean;
  calls: FlowContext[];
}

function scriptedPlanner(script: Script): FlowPlanner<{ note: string }> {
  return {
    kind: 'win-back',
    summary: 'scripted',
    purpose: 'marketing',
    priority: 55,
    templates: ['win-back-1'],
    parseSettings: (raw) => ({ note: typeof raw.note === 'string' ? raw.note : 'default' }),
    async plan(ctx, settings) {
      script.calls.push(ctx);
      const sendAt = new Date(Date.parse(ctx.window.from) + 60_000).toISOString();
      return script.customers.map((c): FlowCandidate => ({
        customerId: c.id,
        externalId: c.externalId,
        triggerKey: 'lapse:2026-01-01:step-1',
        sendAt,
        reason: `scripted ${settings.note}`,
        template: 'win-back-1',
        data: { highlight: { title: 'Beans' }, coupon: { code: '', description: '', expires_on: '' } },
        ...(script.gift === undefined ? {} : { gift: script.gift }),
        ...(script.stopOnOrder === true ? { stopOnOrderAfter: ctx.window.to } : {}),
      }));
    },
  };
}

describe.each(dialects)('the flow engine on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let builtIns: Awaited<ReturnType<typeof readBuiltInFlows>>;
  let templatesDir: string;
  const scratch = mkdtempSync(path.join(tmpdir(), 'regulars-flow-engine-'));

  beforeAll(async () => {
    builtIns = await readBuiltInFlows();
    templatesDir = builtInTemplatesDir();
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  async function setup(n = 40) {
    const { db } = database();
    const { storeId, customerIds } = await storeWithCustomers(db, n);
    await updateShopProfile(
      db,
      storeId,
      { url: 'https://beans.example', address: '1 Roast Street, Leeds', supportEmail: 'help@beans.example' },
      '2026-01-01T00:00:00Z',
    );
    const script: Script = { customers: customerIds.map((id, i) => ({ id, externalId: `c-${i}` })), calls: [] };
    const registry: PlannerRegistry = { ...FLOW_PLANNERS, 'win-back': scriptedPlanner(script) };
    // SpamAssassin off unless a test turns it on: one run costs a second or two.
    const sources: FlowSources = { registry, builtIns, templatesDir, spamCheck: SPAM_OFF };
    return { db, storeId, customerIds, script, registry, sources };
  }

  it('a dry run lists every candidate with its holdout and writes nothing', async () => {
    const { db, storeId, script, registry } = await setup();
    const outcome = await runFlows(
      db,
      storeId,
      {
        now: '2026-03-10T12:00:00Z',
        dryRun: true,
        asOfDay: '2026-03-01',
        days: 2,
        flows: ['win-back'],
        publicUrl: null,
      },
      registry,
      builtIns,
    );
    expect(script.calls.map((c) => c.window)).toEqual([
      { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
      { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
    ]);
    expect(outcome.entries).toHaveLength(80);
    const first = outcome.entries.filter((e) => e.sendAt === '2026-03-01T00:01:00.000Z');
    expect(first).toHaveLength(40);
    for (const [i, entry] of script.customers.entries()) {
      const listed = first.find((e) => e.customerId === entry.externalId);
      expect(listed).toMatchObject({
        flow: 'win-back',
        channel: 'email',
        reason: 'scripted default',
        holdout: isHeldOut(storeId, 'win-back', script.customers[i].id, 0.1),
      });
    }
    expect(await listOutboxMessages(db, storeId)).toEqual([]);
    expect(await listCoupons(db, storeId)).toEqual([]);
    expect(await findStoredFlow(db, storeId, 'win-back')).toBeNull();
  });

  it('plans in the store zone: a dry-run day is the local day', async () => {
    const { db, storeId, script, registry } = await setup(1);
    const { writeSetting } = await import('../../../platform/stores/store-settings.repository.js');
    await writeSetting(db, storeId, 'delivery', { timeZone: 'America/New_York' }, '2026-01-01T00:00:00Z');
    await runFlows(
      db,
      storeId,
      { now: '2026-03-10T12:00:00Z', dryRun: true, asOfDay: '2026-03-08', flows: ['win-back'], publicUrl: null },
      registry,
      builtIns,
    );
    // 8 March 2026 is the spring change in New York: the day is 23 hours long.
    expect(script.calls[0].window).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    expect(script.calls[0].timeZone).toBe('America/New_York');
  });

  it('a live run records messages, gifts for those not held out, and the mark, once per trigger', async () => {
    const { db, storeId, script, registry, sources } = await setup();
    script.gift = COUPON;
    const enabled = await enableFlow(db, storeId, 'win-back', sources, '2026-03-01T00:00:00.000Z');
    expect(enabled.changed).toBe(true);
    const run = await runFlows(
      db,
      storeId,
      { now: '2026-03-01T06:00:00.000Z', dryRun: false, publicUrl: 'https://regulars.example' },
      registry,
      builtIns,
    );
    expect(script.calls[0].window).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T06:00:00.000Z' });
    const heldOut = script.customers.filter((c) => isHeldOut(storeId, 'win-back', c.id, 0.1)).length;
    expect(run.results).toEqual([
      expect.objectContaining({
        flow: 'win-back',
        candidates: 40,
        planned: 40 - heldOut,
        heldOut,
        duplicates: 0,
        giftFailures: [],
      }),
    ]);

    const messages = await listOutboxMessages(db, storeId);
    expect(messages).toHaveLength(40);
    const coupons = await listCoupons(db, storeId);
    expect(coupons).toHaveLength(40 - heldOut);
    for (const message of messages) {
      expect(message.data.shop).toEqual({
        name: 'Delivery shop',
        url: 'https://beans.example',
        support_email: 'help@beans.example',
        address: '1 Roast Street, Leeds',
      });
      expect(message.priority).toBe(55);
      const coupon = message.data.coupon as Record<string, string>;
      if (message.status === 'held_out') {
        expect(coupon.code).toBe('');
        continue;
      }
      const made = coupons.find((c) => c.code === coupon.code);
      expect(made).toMatchObject({
        kind: 'percent',
        value: 15,
        usageLimit: 1,
        perCustomerLimit: 1,
        validFrom: '2026-03-01T00:01:00.000Z',
        validUntil: '2026-03-31T00:01:00.000Z',
      });
      expect(made?.code).toMatch(/^COMEBACK-/);
      expect(coupon).toMatchObject({ description: '15% off', expires_on: '2026-03-31' });
      // Bound to the customer, by the store's own id (as redeem's customerId).
      expect(made?.customerId).toBe(script.customers.find((c) => c.id === message.customerId)?.externalId);
    }
    expect((await findStoredFlow(db, storeId, 'win-back'))?.plannedUntil).toBe('2026-03-01T06:00:00.000Z');

    // The same instant again: an empty window, nothing planned.
    const again = await runFlows(
      db,
      storeId,
      { now: '2026-03-01T06:00:00.000Z', dryRun: false, publicUrl: null },
      registry,
      builtIns,
    );
    expect(again.results).toEqual([]);
    // Later, the planner proposes the same triggers: duplicates, no new coupon.
    const later = await runFlows(
      db,
      storeId,
      { now: '2026-03-01T07:00:00.000Z', dryRun: false, publicUrl: null },
      registry,
      builtIns,
    );
    expect(later.results[0]).toMatchObject({ candidates: 40, planned: 0, heldOut: 0, duplicates: 40 });
    expect(await listCoupons(db, storeId)).toHaveLength(40 - heldOut);
    expect(await listOutboxMessages(db, storeId)).toHaveLength(40);
  });

  it('a live run after a long pause plans at most a week back and says what it skipped', async () => {
    const { db, storeId, script, registry, sources } = await setup(2);
    await enableFlow(db, storeId, 'win-back', sources, '2026-03-01T00:00:00.000Z');
    const run = await runFlows(
      db,
      storeId,
      { now: '2026-03-20T00:00:00.000Z', dryRun: false, publicUrl: null },
      registry,
      builtIns,
    );
    expect(script.calls[0].window).toEqual({ from: '2026-03-13T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' });
    expect(run.results[0].skippedFrom).toBe('2026-03-01T00:00:00.000Z');
  });

  it('a planner whose facts may come late also looks back that far; what it planned before comes back as duplicates', async () => {
    const { db, storeId, script, registry, sources, customerIds } = await setup(2);
    const late: PlannerRegistry = { ...registry, 'win-back': { ...registry['win-back'], lateFactsMs: 3_600_000 } };
    await enableFlow(db, storeId, 'win-back', sources, '2026-03-01T00:00:00.000Z');
    await runFlows(db, storeId, { now: '2026-03-01T05:00:00.000Z', dryRun: false, publicUrl: null }, late, builtIns);
    const second = await runFlows(
      db,
      storeId,
      { now: '2026-03-01T06:00:00.000Z', dryRun: false, publicUrl: null },
      late,
      builtIns,
    );
    expect(script.calls.map((c) => c.window)).toEqual([
      { from: '2026-02-28T23:00:00.000Z', to: '2026-03-01T05:00:00.000Z' },
      { from: '2026-03-01T04:00:00.000Z', to: '2026-03-01T06:00:00.000Z' },
    ]);
    expect(second.results[0]).toMatchObject({
      candidates: customerIds.length,
      duplicates: customerIds.length,
      planned: 0,
      heldOut: 0,
    });
    expect(await listOutboxMessages(db, storeId)).toHaveLength(customerIds.length);
  });

  it('a gift that cannot be made leaves the message out, with why', async () => {
    const { db, storeId, script, registry, sources } = await setup(3);
    script.gift = { kind: 'points', dataKey: 'gift', action: 'birthday', key: 'birthday:2026' };
    await enableFlow(db, storeId, 'win-back', sources, '2026-03-01T00:00:00.000Z');
    const run = await runFlows(
      db,
      storeId,
      { now: '2026-03-02T00:00:00.000Z', dryRun: false, publicUrl: null },
      registry,
      builtIns,
    );
    const notHeld = script.customers.filter((c) => !isHeldOut(storeId, 'win-back', c.id, 0.1));
    expect(run.results[0].giftFailures).toHaveLength(notHeld.length);
    expect(run.results[0].giftFailures[0].reason).toMatch(/loyalty/i);
    const messages = await listOutboxMessages(db, storeId);
    expect(messages.every((m) => m.status === 'held_out')).toBe(true);
  });

  it('a message that stops on order is skipped at send time once the customer ordered', async () => {
    const { db, storeId, script, registry, sources } = await setup(30);
    script.stopOnOrder = true;
    await enableFlow(db, storeId, 'win-back', sources, '2026-03-01T00:00:00.000Z');
    await runFlows(
      db,
      storeId,
      { now: '2026-03-01T09:00:00.000Z', dryRun: false, publicUrl: null },
      registry,
      builtIns,
    );
    const planned = (await listOutboxMessages(db, storeId)).filter((m) => m.status === 'planned');
    expect(planned.length).toBeGreaterThan(20);
    expect(planned[0].stopOnOrderAfter).toBe('2026-03-01T09:00:00.000Z');
    const buyer = planned[0].customerId;
    const externalId = script.customers.find((c) => c.id === buyer)?.externalId as string;
    const { findCustomerByExternalId } = await import('../../customers/customer.repository.js');
    const customer = await findCustomerByExternalId(db, storeId, externalId);
    await upsertOrderByExternalId(db, storeId, {
      externalId: 'after-plan',
      customerId: customer?.id as string,
      orderedAt: '2026-03-01T11:30:00+01:00',
      orderDay: dayFromIso('2026-03-01'),
      currency: 'EUR',
      subtotalMinor: 1000,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor: 1000,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: null,
      lines: [],
    });
    const clock = fakeClock('2026-03-01T12:00:00Z');
    const channel = recordingChannel();
    await runDeliveryWorker(
      {
        db,
        channels: { email: channel },
        suppression: suppressionList,
        workerId: 'w',
        clock: clock.now,
        leaseMs: 60_000,
      },
      { storeId, once: true },
    );
    const after = await listOutboxMessages(db, storeId);
    const stopped = after.find((m) => m.customerId === buyer);
    expect(stopped).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^stopped_by_order: the customer ordered at 2026-03-01T11:30:00\+01:00/),
    });
    expect(channel.deliveries.map((d) => d.message.customerId)).not.toContain(buyer);
    expect(after.filter((m) => m.status === 'sent').length).toBe(planned.length - 1);
  });

  it('enabling needs a complete shop profile and templates that pass the lint; warnings are shown', async () => {
    const { db, registry } = await setup(1);
    const { storeId } = await storeWithCustomers(db, 1);
    const sources: FlowSources = { registry, builtIns, templatesDir, spamCheck: SPAM_OFF };
    await expect(enableFlow(db, storeId, 'win-back', sources, '2026-03-01T00:00:00Z')).rejects.toMatchObject({
      code: 'SHOP_PROFILE_INCOMPLETE',
      details: { missing: ['url', 'address'] },
    });
    await updateShopProfile(
      db,
      storeId,
      { url: 'https://beans.example', address: '1 Roast Street' },
      '2026-03-01T00:00:00Z',
    );

    const spammy = path.join(scratch, `templates-${dialect}`);
    cpSync(templatesDir, spammy, { recursive: true });
    writeFileSync(path.join(spammy, 'win-back-1', 'subject.liquid'), 'WE MISS YOU SO MUCH COME BACK\n');
    await expect(
      enableFlow(db, storeId, 'win-back', { ...sources, templatesDir: spammy }, '2026-03-01T00:00:00Z'),
    ).rejects.toMatchObject({
      code: 'TEMPLATE_LINT_BLOCKED',
      details: {
        templates: [
          expect.objectContaining({
            template: 'win-back-1',
            findings: [expect.objectContaining({ rule: 'SUBJECT_ALL_CAPS' })],
          }),
        ],
      },
    });
    expect((await listFlows(db, storeId, sources)).find((f) => f.name === 'win-back')?.enabled).toBe(false);

    // Most imported customers have no first name: printed bare, it reads "We miss you, ".
    writeFileSync(path.join(spammy, 'win-back-1', 'subject.liquid'), 'We miss you, {{ customer.first_name }}\n');
    await expect(
      enableFlow(db, storeId, 'win-back', { ...sources, templatesDir: spammy }, '2026-03-01T00:00:00Z'),
    ).rejects.toMatchObject({
      code: 'TEMPLATE_LINT_BLOCKED',
      details: {
        templates: [
          expect.objectContaining({
            findings: [expect.objectContaining({ rule: 'VARIABLE_WITHOUT_DEFAULT', where: 'subject' })],
          }),
        ],
      },
    });

    writeFileSync(
      path.join(spammy, 'win-back-1', 'subject.liquid'),
      "We miss you, {{ customer.first_name | default: 'friend' }}!!\n",
    );
    const outcome = await enableFlow(
      db,
      storeId,
      'win-back',
      { ...sources, templatesDir: spammy },
      '2026-03-01T00:00:00Z',
    );
    expect(outcome.changed).toBe(true);
    expect(outcome.warnings).toEqual([
      expect.objectContaining({ template: 'win-back-1', rule: 'EXCESSIVE_PUNCTUATION' }),
    ]);
    expect((await enableFlow(db, storeId, 'win-back', sources, '2026-03-02T00:00:00Z')).changed).toBe(false);
    expect(await disableFlow(db, storeId, 'win-back', '2026-03-03T00:00:00Z')).toBe(true);
    expect((await listFlows(db, storeId, sources)).find((f) => f.name === 'win-back')).toMatchObject({
      enabled: false,
      stored: true,
      source: 'built-in',
    });
    await expect(enableFlow(db, storeId, 'no-such-flow', sources, '2026-03-01T00:00:00Z')).rejects.toMatchObject({
      code: 'FLOW_NOT_FOUND',
    });
  });

  it('a campaign is linted with the template it names, and refused once its time has passed', async () => {
    const { db, storeId, sources } = await setup(1);
    const spammy = path.join(scratch, `campaign-templates-${dialect}`);
    cpSync(templatesDir, spammy, { recursive: true });
    cpSync(path.join(spammy, 'newsletter'), path.join(spammy, 'shouting'), { recursive: true });
    writeFileSync(path.join(spammy, 'shouting', 'subject.liquid'), 'HUGE SPRING SALE NOW ON\n');
    const campaign = (template: string, sendAt: string) => [
      {
        definition: {
          name: 'spring',
          kind: 'campaign' as const,
          description: '',
          channel: 'email' as const,
          consentChannel: null,
          priority: null,
          topic: 'newsletter' as const,
          templates: {},
          settings: { sendAt, template, data: { campaign: { subject: 'Spring', intro: 'Hello', sections: [] } } },
        },
        source: 'flows/spring.json',
      },
    ];
    await expect(
      enableFlow(
        db,
        storeId,
        'spring',
        { ...sources, templatesDir: spammy, files: campaign('shouting', '2026-04-01T09:00:00Z') },
        '2026-03-01T00:00:00Z',
      ),
    ).rejects.toMatchObject({
      code: 'TEMPLATE_LINT_BLOCKED',
      details: { templates: [expect.objectContaining({ template: 'shouting' })] },
    });
    await expect(
      enableFlow(
        db,
        storeId,
        'spring',
        { ...sources, files: campaign('newsletter', '2026-02-01T09:00:00Z') },
        '2026-03-01T00:00:00Z',
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_FLOW',
      details: { field: 'settings.sendAt' },
    });
    expect(
      (
        await enableFlow(
          db,
          storeId,
          'spring',
          { ...sources, files: campaign('newsletter', '2026-04-01T09:00:00Z') },
          '2026-03-01T00:00:00Z',
        )
      ).changed,
    ).toBe(true);
  });

  it("a campaign's own copy passes the content lint at enable and at load, or is refused with its findings", async () => {
    const { db, storeId, sources } = await setup(1);
    const campaign = (copy: Record<string, unknown>) => ({
      definition: {
        name: 'spring',
        kind: 'campaign' as const,
        description: '',
        channel: 'email' as const,
        consentChannel: null,
        priority: null,
        topic: 'newsletter' as const,
        templates: {},
        settings: { sendAt: '2026-04-01T09:00:00Z', data: { campaign: copy } },
      },
      source: 'flows/spring.json',
    });
    const good = { subject: 'Our spring roasts are here', intro: 'Two new coffees.', sections: [] };
    const shouting = {
      subject: 'HUGE SPRING SALE NOW ON',
      intro: 'Everything must go.',
      sections: [
        { title: 'Sale', body: 'Half price.', url: 'https://beans.example/sale', link_text: 'www.paypal.com/verify' },
      ],
    };
    const refused = {
      code: 'CAMPAIGN_COPY_BLOCKED',
      message: expect.stringContaining('flows/spring.json: the copy of flow spring'),
      details: {
        flow: 'spring',
        templates: [
          expect.objectContaining({
            template: 'newsletter',
            findings: [
              expect.objectContaining({ rule: 'SUBJECT_ALL_CAPS', where: 'subject' }),
              expect.objectContaining({ rule: 'LINK_DOMAIN_MISMATCH', excerpt: expect.stringContaining('paypal') }),
            ],
          }),
        ],
      },
    };
    // The template alone (its sample copy) passes: only the campaign's own copy is at fault.
    await expect(
      enableFlow(db, storeId, 'spring', { ...sources, files: [campaign(shouting)] }, '2026-03-01T00:00:00Z'),
    ).rejects.toMatchObject(refused);
    expect(await findStoredFlow(db, storeId, 'spring')).toBeNull();
    await expect(loadFlows(db, storeId, [campaign(shouting)], sources, '2026-03-01T00:00:00Z')).rejects.toMatchObject(
      refused,
    );
    expect(await findStoredFlow(db, storeId, 'spring')).toBeNull();

    // Enabled with good copy, a later load of shouting copy does not replace it.
    await enableFlow(db, storeId, 'spring', { ...sources, files: [campaign(good)] }, '2026-03-01T00:00:00Z');
    await expect(loadFlows(db, storeId, [campaign(shouting)], sources, '2026-03-02T00:00:00Z')).rejects.toMatchObject(
      refused,
    );
    const stored = await findStoredFlow(db, storeId, 'spring');
    expect(stored).toMatchObject({ enabled: true, definition: { settings: { data: { campaign: good } } } });
  });

  it("a campaign's copy that passes the lint but scores above the SpamAssassin limit is refused, at enable and at load", async () => {
    const { db, storeId, sources } = await setup(1);
    const campaign = (name: string, copy: Record<string, unknown>) => ({
      definition: {
        name,
        kind: 'campaign' as const,
        description: '',
        channel: 'email' as const,
        consentChannel: null,
        priority: null,
        topic: 'newsletter' as const,
        templates: {},
        settings: { sendAt: '2026-04-01T09:00:00Z', data: { campaign: copy } },
      },
      source: `flows/${name}.json`,
    });
    // Only hype-word warnings from the lint; SpamAssassin 4.0.1 scores it 1.0 (ADVANCE_FEE_3_NEW),
    // the sample copy 0.0: a limit of 0.5 lies between them.
    const hype = campaign('prize', {
      subject: 'Free money: act now, limited time only!',
      intro:
        'You are a winner! Claim your cash prize today. 100% free, no obligation, risk free. Double your money and earn money fast. Guaranteed lowest price. This is not spam.',
      sections: [
        {
          title: 'Claim your prize',
          body: 'Click here to claim your free gift and cash bonus. Act now, offer expires soon!',
          url: 'https://beans.example/prize',
          link_text: 'Claim your prize',
        },
      ],
    });
    const strict = { ...sources, spamCheck: { spamAssassin: 'spamassassin', limit: 0.5 } };
    const refused = {
      code: 'SPAM_SCORE_TOO_HIGH',
      message: expect.stringContaining('flows/prize.json: the email of flow prize scores above the SpamAssassin limit'),
      details: {
        flow: 'prize',
        templates: [
          {
            template: 'newsletter',
            score: expect.any(Number),
            limit: 0.5,
            rules: expect.arrayContaining(['ADVANCE_FEE_3_NEW']),
          },
        ],
      },
    };
    await expect(
      enableFlow(db, storeId, 'prize', { ...strict, files: [hype] }, '2026-03-01T00:00:00Z'),
    ).rejects.toMatchObject(refused);
    expect(await findStoredFlow(db, storeId, 'prize')).toBeNull();
    await expect(loadFlows(db, storeId, [hype], strict, '2026-03-01T00:00:00Z')).rejects.toMatchObject(refused);
    expect(await findStoredFlow(db, storeId, 'prize')).toBeNull();

    // SpamAssassin off, or not installed: enabled, and the answer says the copy was not scored and why.
    const off = await enableFlow(db, storeId, 'prize', { ...sources, files: [hype] }, '2026-03-01T00:00:00Z');
    expect(off).toMatchObject({ changed: true, spamCheck: { scored: false, reason: 'REGULARS_SPAMASSASSIN is off' } });
    expect(await findStoredFlow(db, storeId, 'prize')).toMatchObject({ enabled: true });
    const started = Date.now();
    const missing = await loadFlows(
      db,
      storeId,
      [hype],
      { ...strict, spamCheck: { spamAssassin: path.join(scratch, 'no-spamassassin'), limit: 0.5 } },
      '2026-03-02T00:00:00Z',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(missing).toEqual({
      count: 1,
      spamChecks: [{ flow: 'prize', spamCheck: { scored: false, reason: expect.stringContaining('was not found') } }],
    });
  });

  it('the built-in flows enable under the default SpamAssassin limit, with their scores in the answer', async () => {
    const { db, storeId, sources } = await setup(1);
    const outcome = await enableFlow(
      db,
      storeId,
      'post-purchase',
      { ...sources, spamCheck: { spamAssassin: 'spamassassin', limit: 5 } },
      '2026-03-01T00:00:00Z',
    );
    expect(outcome).toMatchObject({
      changed: true,
      spamCheck: {
        scored: true,
        limit: 5,
        templates: [{ template: 'order-follow-up', score: expect.any(Number), limit: 5, rules: expect.any(Array) }],
      },
    });
    if (!outcome.spamCheck.scored) throw new Error(outcome.spamCheck.reason);
    expect(outcome.spamCheck.templates[0]!.score).toBeLessThanOrEqual(5);
  });

  it('a flow on the SMS channel needs SMS parts that fit one message; the email text never stands in', async () => {
    const { db, storeId, sources } = await setup(1);
    const builtIn = builtIns.find((f) => f.definition.name === 'replenishment')!;
    const bySms = [
      {
        definition: { ...builtIn.definition, channel: 'webhook' as const, consentChannel: 'sms' as const },
        source: 'flows/r.json',
      },
    ];
    const smsless = path.join(scratch, `sms-templates-${dialect}`);
    cpSync(templatesDir, smsless, { recursive: true });
    rmSync(path.join(smsless, 'replenishment-reminder', 'sms.liquid'));
    const enable = (dir: string, files: FlowFile[] = bySms) =>
      enableFlow(db, storeId, 'replenishment', { ...sources, templatesDir: dir, files }, '2026-03-01T00:00:00Z');
    const blockedBy = (rule: string) => ({
      code: 'TEMPLATE_LINT_BLOCKED',
      details: {
        templates: [
          expect.objectContaining({
            template: 'replenishment-reminder',
            findings: [expect.objectContaining({ rule, where: 'sms' })],
          }),
        ],
      },
    });
    await expect(enable(smsless)).rejects.toMatchObject(blockedBy('MISSING_SMS_PART'));
    writeFileSync(
      path.join(smsless, 'replenishment-reminder', 'sms.liquid'),
      "{% layout '_layout.sms.liquid' %}Running low on {{ product.title }}? It is time to order another bag of our lovely coffee, roasted fresh this week: {{ reorder_url }}",
    );
    await expect(enable(smsless)).rejects.toMatchObject(blockedBy('SMS_TOO_LONG'));
    // By email the same folder passes: the SMS part is only required, and counted, on the SMS channel...
    rmSync(path.join(smsless, 'replenishment-reminder', 'sms.liquid'));
    expect((await enable(smsless, [{ ...builtIn, source: 'flows/r.json' }])).changed).toBe(true);
    // ...and the built-in templates have theirs.
    expect((await enable(templatesDir)).changed).toBe(false);
  });

  it("a folder's definition renames templates and replaces the built-in's settings", async () => {
    const { db, storeId, script, registry, sources } = await setup(5);
    const files = [
      {
        definition: {
          ...builtIns.find((f) => f.definition.name === 'win-back')!.definition,
          templates: { 'win-back-1': 'newsletter' },
          settings: { note: 'from the folder' },
          priority: 70,
        },
        source: 'flows/win-back.json',
      },
    ];
    await enableFlow(db, storeId, 'win-back', { ...sources, files }, '2026-03-01T00:00:00Z');
    await runFlows(
      db,
      storeId,
      { now: '2026-03-01T01:00:00.000Z', dryRun: false, publicUrl: null },
      registry,
      builtIns,
    );
    const messages = await listOutboxMessages(db, storeId);
    expect(messages.map((m) => [m.template, m.priority])).toEqual(messages.map(() => ['newsletter', 70]));
    expect(script.calls).toHaveLength(1);
    const dry = await runFlows(
      db,
      storeId,
      { now: '2026-03-05T00:00:00.000Z', dryRun: true, asOfDay: '2026-03-04', publicUrl: null },
      registry,
      builtIns,
    );
    expect(dry.entries[0].reason).toBe('scripted from the folder');
  });
});
