import { resolveTimeZone } from '../../delivery/index.js';
import {
  birthdayDue,
  birthdayGift,
  birthdayMonthDays,
  birthdayReason,
  type BirthdaySettings,
  parseBirthdaySettings,
} from './birthday.js';
import { customersWithBirthdayOn } from './birthday.query.js';
import type { FlowCandidate, FlowPlanner } from '../engine/flow-planner.js';

/** Birthday: a greeting with points or a coupon, at sendHour in the customer's own zone (docs/flows.md). */
export const birthdayFlow: FlowPlanner<BirthdaySettings> = {
  kind: 'birthday',
  summary: "Wishes a happy birthday with a gift (points or a coupon) at 09:00 in the customer's time zone",
  purpose: 'marketing',
  priority: 70,
  templates: ['birthday'],
  parseSettings: parseBirthdaySettings,
  async plan(ctx, settings) {
    const customers = await customersWithBirthdayOn(
      ctx.db,
      ctx.storeId,
      birthdayMonthDays(ctx.window, settings.daysBefore),
    );
    const candidates: FlowCandidate[] = [];
    for (const customer of customers) {
      const zone = resolveTimeZone(customer.timeZone, ctx.timeZone);
      const due = birthdayDue(customer.birthday, zone, ctx.window, settings);
      if (due === null) continue;
      candidates.push({
        customerId: customer.customerId,
        externalId: customer.externalId,
        triggerKey: `year:${due.year}`,
        sendAt: due.sendAt,
        reason: birthdayReason(customer.birthday, due, zone, settings),
        template: 'birthday',
        // The template reads only the gift, which the engine fills in under 'gift'.
        data: {},
        gift: birthdayGift(settings, due.year),
      });
    }
    return candidates;
  },
};
