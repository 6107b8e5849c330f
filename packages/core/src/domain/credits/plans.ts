import type { PlanTier } from '../schemas/enums.js';

/** Free AI credits granted on the first day of each month, by plan (SI-11; seeds 000 and 002). */
export const monthlyCreditsByPlan: Readonly<Record<PlanTier, number>> = {
  business: 5,
  premium: 10,
  corporate: 15,
  tensor: 50,
};

/**
 * Free monthly AI credits of a plan (SI-11).
 * @example
 * monthlyGrantFor('tensor'); // 50
 */
export function monthlyGrantFor(plan: PlanTier): number {
  return monthlyCreditsByPlan[plan];
}
