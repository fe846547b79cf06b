// Decisions the dashboard takes from the rule thresholds the server serves in
// GET /api/v1/meta (types.ts Rules): no threshold is typed here. Pure.

import type { Num, Rules } from './types';

export type HhiBand = 'hhi_low' | 'hhi_moderate' | 'hhi_high';

/** The HHI band of a concentration index; null when the index is null. */
export function hhiBand(hhi: Num, rules: Rules): HhiBand | null {
  if (hhi === null) return null;
  if (hhi < rules.hhi_moderate_from) return 'hhi_low';
  return hhi <= rules.hhi_high_above ? 'hhi_moderate' : 'hhi_high';
}

/** True when a client's share of revenue is above the concentration alert share (exactly at it: false). */
export function isConcentrated(share: Num, rules: Rules): boolean {
  return share !== null && share > rules.concentration_alert_share;
}

/** True when a margin rate is below the thin margin rate; a null rate is not thin. */
export function isThinMargin(rate: Num, rules: Rules): boolean {
  return rate !== null && rate < rules.thin_margin_rate;
}
