import { describe, expect, it } from 'vitest';
import { OVER_OCCUPIED_ABOVE, UNDER_OCCUPIED_BELOW, occupancyBand } from '../src/rules';
import type { Report } from '../src/types';
import forfaits from './fixtures/forfaits-h1.json';

// agence-forfaits, 2026-H1 as of 2026-06-30: shared/golden/kpi6-cases/forfaits-h1.
const report = forfaits as unknown as Report;
const items = report.workload.items;

describe('occupancy bands', () => {
  it('flags above 100 % as over-occupied and below 50 % as under-occupied, the bounds themselves normal', () => {
    expect(OVER_OCCUPIED_ABOVE).toBe(1);
    expect(UNDER_OCCUPIED_BELOW).toBe(0.5);
    expect(occupancyBand(1.12)).toBe('over');
    expect(occupancyBand(1)).toBe('normal');
    expect(occupancyBand(0.75)).toBe('normal');
    expect(occupancyBand(0.5)).toBe('normal');
    expect(occupancyBand(0.49)).toBe('under');
    expect(occupancyBand(0)).toBe('under');
  });
  it('gives no band without weekly hours', () => {
    expect(occupancyBand(null)).toBeNull();
  });
  it('bands the golden team: both field reps under-occupied, the coordinator without weekly hours', () => {
    expect(items.map((e) => occupancyBand(e.occupancy))).toEqual(['under', 'under', null]);
  });
});
