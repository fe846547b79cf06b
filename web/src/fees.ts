// Fixed fees earned day by day (SPEC 6.2) in words: is a mission invoiced
// ahead of what it earned, or behind. Pure: tested in test/fees.test.ts.

import { t } from './i18n';
import type { Lang } from './state';
import type { MissionMargin } from './types';

export type BillingGapKind = 'ahead' | 'behind' | 'even';

/** billing_gap = revenue − earned_revenue: > 0 invoiced ahead, < 0 behind (money is in cents, so under half a cent is even). */
export function billingGapKind(gap: number): BillingGapKind {
  if (gap >= 0.005) return 'ahead';
  return gap <= -0.005 ? 'behind' : 'even';
}

/** "invoiced 466.02 € ahead", "invoicing 8,801.37 € behind", "invoiced as earned". */
export function billingGapText(lang: Lang, gap: number, money: (n: number) => string): string {
  const kind = billingGapKind(gap);
  return t(lang, `gap_${kind}`, { amount: money(Math.abs(gap)) });
}

/** The missions sold at a fixed fee, in the report's order. */
export function feeMissions(missions: readonly MissionMargin[]): MissionMargin[] {
  return missions.filter((m) => m.fee !== null);
}
