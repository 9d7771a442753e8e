/** Membership plans, and what the API shows of memberships: each with its plan, its customer and its benefits now. */
import type { Kysely } from 'kysely';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { customerByReference, findCustomer } from '../customers/index.js';
import { type ActiveMembershipPerks, activeMembershipPerksOf } from './membership-perks.service.js';
import { startMembership } from './membership-lifecycle.service.js';
import { membershipView, type MembershipView } from './membership-view.js';
import { type MembershipPlan, type MembershipPlanInput, membershipPlanProblem, normalizePlanCode } from './plan.js';
import {
  getMembership,
  getMembershipPlan,
  insertMembershipPlan,
  listCustomerMemberships,
  listMembershipPlans,
  type Membership,
} from './membership.repository.js';

/** Creates a plan; its code is stored in lower case and must be new to the store (MEMBERSHIP_PLAN_CODE_TAKEN). */
export async function createMembershipPlan(
  db: Kysely<Database>,
  storeId: string,
  input: MembershipPlanInput,
  now: string,
): Promise<MembershipPlan> {
  const terms: MembershipPlanInput = {
    ...input,
    code: typeof input.code === 'string' ? normalizePlanCode(input.code) : input.code,
  };
  const problem = membershipPlanProblem(terms);
  if (problem) throw invalidField(problem.field, problem.message);
  return insertMembershipPlan(db, storeId, terms, utcInstant(now, 'now'));
}

/** The store's plans, oldest first. */
export function membershipPlansOfStore(db: Kysely<Database>, storeId: string): Promise<MembershipPlan[]> {
  return listMembershipPlans(db, storeId);
}

/** A membership with its plan's code and name and its customer's external id. */
export async function membershipWithPlan(
  db: Kysely<Database>,
  storeId: string,
  membership: Membership,
  now: string,
): Promise<MembershipView> {
  const [plan, customer] = await Promise.all([
    getMembershipPlan(db, storeId, membership.planId),
    findCustomer(db, storeId, membership.customerId),
  ]);
  return membershipView(membership, plan, customer?.externalId ?? null, now);
}

/** The store's membership ('mbr_...') with its plan, or MEMBERSHIP_NOT_FOUND. */
export async function membershipOfStore(
  db: Kysely<Database>,
  storeId: string,
  membershipId: string,
  now: string,
): Promise<MembershipView> {
  return membershipWithPlan(db, storeId, await getMembership(db, storeId, membershipId), now);
}

/**
 * Starts the customer's membership of the plan (id or code); the customer is named as the shop
 * knows them (external id) or by Regulars' id.
 */
export async function startCustomerMembership(
  db: Kysely<Database>,
  storeId: string,
  input: { readonly plan: string; readonly customer: string; readonly startedAt: string },
  now: string,
): Promise<MembershipView> {
  const customer = await customerByReference(db, storeId, input.customer);
  const membership = await startMembership(
    db,
    storeId,
    { plan: input.plan, customerId: customer.id, startedAt: input.startedAt },
    now,
  );
  const plan = await getMembershipPlan(db, storeId, membership.planId);
  return membershipView(membership, plan, customer.externalId, now);
}

export interface CustomerMemberships {
  readonly customerId: string;
  readonly externalCustomerId: string;
  /** What the memberships give at `now`. */
  readonly perks: ActiveMembershipPerks;
  /** Newest first. */
  readonly memberships: MembershipView[];
}

/**
 * A customer's memberships, newest first, for a caller that already holds the customer (the
 * shopper's /me): no lookup again, no perks, and no plans read for a customer without any.
 */
export async function membershipsOfCustomer(
  db: Kysely<Database>,
  storeId: string,
  customer: { readonly id: string; readonly externalId: string },
  now: string,
): Promise<MembershipView[]> {
  const memberships = await listCustomerMemberships(db, storeId, customer.id);
  if (memberships.length === 0) return [];
  const byId = new Map((await listMembershipPlans(db, storeId)).map((p) => [p.id, p]));
  return memberships.map((m) => membershipView(m, byId.get(m.planId) ?? null, customer.externalId, now));
}

/** A customer's memberships (external id or 'cus_...') and the perks they give at `now`. */
export async function customerMemberships(
  db: Kysely<Database>,
  storeId: string,
  reference: string,
  now: string,
): Promise<CustomerMemberships> {
  const customer = await customerByReference(db, storeId, reference);
  const [memberships, plans, perks] = await Promise.all([
    listCustomerMemberships(db, storeId, customer.id),
    listMembershipPlans(db, storeId),
    activeMembershipPerksOf(db, storeId, customer.id, now),
  ]);
  const byId = new Map(plans.map((p) => [p.id, p]));
  return {
    customerId: customer.id,
    externalCustomerId: customer.externalId,
    perks,
    memberships: memberships.map((m) => membershipView(m, byId.get(m.planId) ?? null, customer.externalId, now)),
  };
}
