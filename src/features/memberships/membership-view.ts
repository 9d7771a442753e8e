import { hasBenefits } from './membership-state.js';
import type { Membership } from './membership.repository.js';
import type { MembershipPlan } from './plan.js';

export type MembershipView = Membership & {
  readonly externalCustomerId: string | null;
  readonly planCode: string | null;
  readonly planName: string | null;
  /** Whether the member gets the plan's perks at the moment the view was made. */
  readonly hasBenefits: boolean;
};

/** A membership as the API shows it: with its plan's code and name, its customer's external id and whether it gives benefits at `now`. */
export function membershipView(
  membership: Membership,
  plan: Pick<MembershipPlan, 'code' | 'name'> | null,
  externalCustomerId: string | null,
  now: string,
): MembershipView {
  return {
    ...membership,
    externalCustomerId,
    planCode: plan?.code ?? null,
    planName: plan?.name ?? null,
    hasBenefits: hasBenefits(membership, now),
  };
}
