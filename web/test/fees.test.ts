import { describe, expect, it } from 'vitest';
import { billingGapKind, billingGapText, feeMissions } from '../src/fees';
import { makeFormatter, normaliseSpaces } from '../src/format';
import type { Report } from '../src/types';
import forfaits from './fixtures/forfaits-h1.json';

// agence-forfaits, 2026-H1 as of 2026-06-30: shared/golden/kpi6-cases/forfaits-h1.
const report = forfaits as unknown as Report;
const mission = (id: string) => report.margin.missions.find((m) => m.mission_id === id)!;
const fr = makeFormatter('fr');
const en = makeFormatter('en');

describe('fixed fees', () => {
  it('lists the missions with a fee', () => {
    expect(feeMissions(report.margin.missions).map((m) => m.mission_id)).toEqual(['M02', 'M04', 'M06', 'M08']);
  });
  it('says whether a mission is invoiced ahead of what it earned or behind', () => {
    expect(billingGapKind(mission('M06').billing_gap)).toBe('ahead');
    expect(billingGapKind(mission('M04').billing_gap)).toBe('behind');
    expect(billingGapKind(mission('M01').billing_gap)).toBe('even');
    expect(billingGapKind(0.004)).toBe('even');
    expect(billingGapKind(-0.01)).toBe('behind');
  });
  it('writes the gap in words with its amount', () => {
    expect(normaliseSpaces(billingGapText('fr', mission('M04').billing_gap, fr.money))).toBe('facturation en retard de 8 801,37 €');
    expect(normaliseSpaces(billingGapText('fr', mission('M06').billing_gap, fr.money))).toBe('facturé 466,02 € d’avance');
    expect(billingGapText('en', mission('M04').billing_gap, en.money)).toBe('invoicing €8,801.37 behind');
    expect(billingGapText('en', mission('M06').billing_gap, en.money)).toBe('invoiced €466.02 ahead');
    expect(billingGapText('en', 0, en.money)).toBe('invoiced as earned');
  });
});
