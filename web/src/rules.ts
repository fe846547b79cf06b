// Decisions the dashboard takes from the rule thresholds the server serves in
// GET /api/v1/meta (types.ts Rules): no served threshold is typed here. The
// occupancy bands of the Team page are the one exception: SPEC 6.1 defines
// occupancy but no band, and /meta serves none, so they are named below. Pure.

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

/**
 * Occupancy bands of the Team page (dashboard choices; /meta serves no such
 * rule). Above 1 an employee logged more hours than the weekly hours of the
 * contract allow over the period; below a half, less than half of them.
 * Exactly at a bound is normal.
 */
export const OVER_OCCUPIED_ABOVE = 1;
export const UNDER_OCCUPIED_BELOW = 0.5;

export type OccupancyBand = 'over' | 'under' | 'normal';

/** The band of an occupancy (SPEC 6.1); null when it is null (no weekly hours). */
export function occupancyBand(occupancy: Num): OccupancyBand | null {
  if (occupancy === null) return null;
  if (occupancy > OVER_OCCUPIED_ABOVE) return 'over';
  return occupancy < UNDER_OCCUPIED_BELOW ? 'under' : 'normal';
}
