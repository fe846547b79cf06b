import { describe, expect, it } from 'vitest';
import { hhiBand, isConcentrated, isThinMargin } from '../src/rules';
import type { Rules } from '../src/types';
import served from './fixtures/rules.json';

// The rule thresholds as GET /api/v1/meta serves them (tests/server/api_test.cpp reads them back).
const rules: Rules = served;

describe('rules', () => {
  it('has every rule of /meta in the fixture', () => {
    expect(Object.keys(rules)).toHaveLength(14);
  });
  it('bands the HHI below, between and above the served bounds, the upper bound moderate', () => {
    expect(hhiBand(null, rules)).toBeNull();
    expect(hhiBand(rules.hhi_moderate_from - 1, rules)).toBe('hhi_low');
    expect(hhiBand(rules.hhi_moderate_from, rules)).toBe('hhi_moderate');
    expect(hhiBand(rules.hhi_high_above, rules)).toBe('hhi_moderate');
    expect(hhiBand(rules.hhi_high_above + 1, rules)).toBe('hhi_high');
  });
  it('moves the HHI bands with the served bounds', () => {
    const stricter = { ...rules, hhi_moderate_from: 1000, hhi_high_above: 1200 };
    expect(hhiBand(1100, rules)).toBe('hhi_low');
    expect(hhiBand(1100, stricter)).toBe('hhi_moderate');
    expect(hhiBand(1300, stricter)).toBe('hhi_high');
  });
  it('calls a share concentrated only above the served share, never a null one', () => {
    expect(isConcentrated(rules.concentration_alert_share, rules)).toBe(false);
    expect(isConcentrated(rules.concentration_alert_share + 0.001, rules)).toBe(true);
    expect(isConcentrated(null, rules)).toBe(false);
  });
  it('calls a margin rate thin only below the served rate, never a null one', () => {
    expect(isThinMargin(rules.thin_margin_rate, rules)).toBe(false);
    expect(isThinMargin(rules.thin_margin_rate - 0.001, rules)).toBe(true);
    expect(isThinMargin(-0.5, rules)).toBe(true);
    expect(isThinMargin(null, rules)).toBe(false);
  });
});
