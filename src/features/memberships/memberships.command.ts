import { type Command, InvalidArgumentError } from 'commander';
import type { MembershipPlan } from './plan.js';
import type { ChangeReason, ChurnReasonReport, ReasonTally } from '../subscriptions/index.js';
import { RegularsError } from '../../platform/errors.js';
import { addDatabaseOption, type DatabaseFlags, loadStoreLayer } from '../../platform/cli/database-options.js';
import { asOfOption, nonNegativeInteger, positiveInteger } from '../../platform/cli/shared-options.js';
import { printJson } from '../../platform/cli/command-output.js';

function multiplier(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1)
    throw new InvalidArgumentError('expected a number, 1 or more (1.5 = 50% extra points)');
  return n;
}

function percent(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new InvalidArgumentError('expected a whole percent from 1 to 100');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function monthText(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError('expected a month as YYYY-MM');
  return value;
}

/** The store layer plus the membership and subscription modules, loaded only when these commands run. */
async function loadLayer() {
  const [layer, memberships, subscriptions, jobs] = await Promise.all([
    loadStoreLayer(),
    import('./memberships.service.js'),
    import('../subscriptions/index.js'),
    import('./membership.job.js'),
  ]);
  return { ...layer, ...memberships, ...subscriptions, ...jobs };
}

/** '4900 EUR minor units every 12 months: free shipping, 1.5x points, 10% member discount, Early access'. */
function describePlan(plan: MembershipPlan): string {
  const perks: string[] = [];
  if (plan.perks.freeShipping) perks.push('free shipping');
  if (plan.perks.extraPointsMultiplier !== 1) perks.push(`${plan.perks.extraPointsMultiplier}x points`);
  if (plan.perks.memberCouponPercent !== null) perks.push(`${plan.perks.memberCouponPercent}% member discount`);
  perks.push(...plan.perks.textPerks);
  const every = plan.periodMonths === 1 ? 'every month' : `every ${plan.periodMonths} months`;
  return `${plan.feeMinor} ${plan.currency} minor units ${every}${perks.length > 0 ? `: ${perks.join(', ')}` : ''}`;
}

interface PlanFlags extends DatabaseFlags {
  store: string;
  code: string;
  name?: string;
  fee: number;
  currency: string;
  months: number;
  freeShipping: boolean;
  extraPoints: number;
  memberDiscount?: number;
  perk: string[];
  reminderDays: number;
  json: boolean;
}

function registerMemberships(program: Command): void {
  const memberships = program
    .command('memberships')
    .description('paid membership plans, and the renewal reminders and expiries job');
  const plans = memberships.command('plans').description('create and list membership plans');

  addDatabaseOption(
    plans
      .command('create')
      .description('create a membership plan: a fee per billing period and its perks')
      .requiredOption('--store <id>', 'the store the plan belongs to')
      .requiredOption('--code <code>', "the plan's code: a-z 0-9 - _ (stored lower case)")
      .option('--name <name>', 'the name members see (default: the code)')
      .requiredOption('--fee <n>', 'the fee per period, minor units (4900 = 49.00)', nonNegativeInteger)
      .requiredOption('--currency <code>', 'ISO 4217 code, e.g. EUR')
      .requiredOption('--months <n>', 'billing period in calendar months (12 = yearly)', positiveInteger)
      .option('--free-shipping', 'members get free shipping with no minimum', false)
      .option('--extra-points <x>', 'earned points are multiplied by X (1.5 = 50% extra)', multiplier, 1)
      .option('--member-discount <percent>', 'a standing member discount, whole percent', percent)
      .option('--perk <text>', 'a perk described in words (repeat for several)', collect, [])
      .option('--reminder-days <n>', 'renewal reminder this many days before renewal (0 = none)', nonNegativeInteger, 7)
      .option('--json', 'print the plan as JSON', false),
  ).action(async (flags: PlanFlags) => {
    const { withDatabase, createMembershipPlan, getStore } = await loadLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const plan = await createMembershipPlan(
        db,
        flags.store,
        {
          code: flags.code,
          name: flags.name ?? flags.code,
          feeMinor: flags.fee,
          currency: flags.currency,
          periodMonths: flags.months,
          renewalReminderDays: flags.reminderDays,
          perks: {
            freeShipping: flags.freeShipping,
            extraPointsMultiplier: flags.extraPoints,
            memberCouponPercent: flags.memberDiscount ?? null,
            textPerks: flags.perk,
          },
        },
        new Date().toISOString(),
      );
      if (flags.json) printJson(plan);
      else process.stdout.write(`created membership plan ${plan.code} (${plan.id}): ${describePlan(plan)}\n`);
    });
  });

  addDatabaseOption(
    plans
      .command('list')
      .description("list the store's membership plans")
      .requiredOption('--store <id>', 'the store')
      .option('--json', 'print the list as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; json: boolean }) => {
    const { withDatabase, membershipPlansOfStore, getStore } = await loadLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const listing = await membershipPlansOfStore(db, flags.store);
      if (flags.json) printJson(listing);
      else if (listing.length === 0)
        process.stdout.write(
          `no membership plans yet; create one with: regulars memberships plans create --store ${flags.store} --code club --fee 4900 --currency EUR --months 12\n`,
        );
      else process.stdout.write(`${listing.map((p) => `${p.code}  ${p.id}  ${describePlan(p)}`).join('\n')}\n`);
    });
  });

  addDatabaseOption(
    memberships
      .command('cancel')
      .description(
        'cancel a membership (it runs to the end of its paid period) with the reason the customer gave, for the churn-reason report',
      )
      .argument('<membership-id>', "the membership's id (mbr_...)")
      .requiredOption('--store <id>', 'the store')
      // Checked by the use case (INVALID_ARGUMENT naming 'reason'), so the subscriptions module loads only when run.
      .option(
        '--reason <reason>',
        "why: one of the subscriptions' cancel reasons (too_expensive, not_using, quality, ...)",
      )
      .option('--note <text>', "the customer's own words (at most 1000 characters)")
      .option('--json', 'print the outcome as JSON', false),
  ).action(
    async (
      id: string,
      flags: DatabaseFlags & { store: string; reason?: ChangeReason; note?: string; json: boolean },
    ) => {
      const { withDatabase, getStore } = await loadLayer();
      const { changeMembershipStatus } = await import('./membership-lifecycle.service.js');
      await withDatabase(flags, async (db) => {
        await getStore(db, flags.store);
        const now = new Date().toISOString();
        const result = await changeMembershipStatus(
          db,
          flags.store,
          id,
          {
            event: 'cancelled',
            eventId: null,
            occurredAt: now,
            reason: flags.reason ?? null,
            note: flags.note ?? null,
          },
          now,
        );
        if (result.outcome === 'refused')
          throw new RegularsError(result.code, `a ${result.membership.status} membership cannot be cancelled`, {
            membershipId: result.membership.id,
            from: result.membership.status,
          });
        if (flags.json) printJson({ outcome: result.outcome, membership: result.membership });
        else
          process.stdout.write(
            result.outcome === 'changed'
              ? `cancelled membership ${id} (reason ${flags.reason ?? 'unspecified'}); it ends on ${result.membership.currentPeriodEnd}\n`
              : `membership ${id} was already ${result.membership.status}: nothing changed\n`,
          );
      });
    },
  );

  addDatabaseOption(
    memberships
      .command('remind')
      .description(
        'run the memberships job once: renewal reminders due, cancelled memberships expired at period end, subscription pauses ended',
      )
      .requiredOption('--store <id>', 'the store')
      .option(
        '--as-of <when>',
        'as of this date (YYYY-MM-DD: the end of that day, UTC) or instant (ISO 8601 with offset); default now',
        asOfOption,
      )
      .option('--json', 'print the counts as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; asOf?: string; json: boolean }) => {
    const { withDatabase, runMembershipJob, getStore } = await loadLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const asOf = flags.asOf ?? new Date().toISOString();
      const report = await runMembershipJob(db, flags.store, asOf);
      if (flags.json) printJson({ asOf, ...report });
      else
        process.stdout.write(
          `as of ${asOf}: ${report.reminded} renewal reminders recorded, ${report.expired} memberships expired, ${report.resumed} subscription pauses ended\n`,
        );
    });
  });
}

function tallyLine(label: string, tally: ReasonTally): string {
  if (tally.count === 0) return `  ${label}: none`;
  return `  ${label}: ${tally.count} (${tally.reasons.map((r) => `${r.reason} ${r.count}, ${(r.share * 100).toFixed(1)}%`).join('; ')})`;
}

function churnText(report: ChurnReasonReport): string {
  if (report.months.length === 0) return 'no cancels, skips or pauses in this period\n';
  const lines: string[] = [];
  for (const m of report.months)
    lines.push(
      m.month,
      tallyLine('cancelled', m.cancelled),
      tallyLine('skipped', m.skipped),
      tallyLine('paused', m.paused),
    );
  lines.push(
    'total',
    tallyLine('cancelled', report.total.cancelled),
    tallyLine('skipped', report.total.skipped),
    tallyLine('paused', report.total.paused),
  );
  return `${lines.join('\n')}\n`;
}

function registerSubscriptions(program: Command): void {
  const subscriptions = program.command('subscriptions').description('subscription reports');
  addDatabaseOption(
    subscriptions
      .command('churn-reasons')
      .description('why customers cancel, skip and pause subscriptions: counts and shares of reasons by month (UTC)')
      .requiredOption('--store <id>', 'the store')
      .option('--from <month>', 'first month, YYYY-MM (inclusive)', monthText)
      .option('--to <month>', 'last month, YYYY-MM (inclusive)', monthText)
      .option('--json', 'print the report as JSON', false),
  ).action(async (flags: DatabaseFlags & { store: string; from?: string; to?: string; json: boolean }) => {
    const { withDatabase, churnReasonsByMonth, getStore } = await loadLayer();
    await withDatabase(flags, async (db) => {
      await getStore(db, flags.store);
      const report = await churnReasonsByMonth(db, flags.store, { from: flags.from ?? null, to: flags.to ?? null });
      if (flags.json) printJson(report);
      else process.stdout.write(churnText(report));
    });
  });
}

/** `regulars memberships ...` and `regulars subscriptions ...`. */
export function registerMembershipsCommand(program: Command): void {
  registerMemberships(program);
  registerSubscriptions(program);
}
