import { describe, expect, it } from 'vitest';
import { makeFormatter, normaliseSpaces } from '../src/format';

const fr = makeFormatter('fr');
const en = makeFormatter('en');
const n = (s: string) => normaliseSpaces(s);

describe('money', () => {
  it('is written per language', () => {
    expect(n(fr.money(34420.5))).toBe('34 420,50 €');
    expect(en.money(34420.5)).toBe('€34,420.50');
    expect(n(fr.money(-717.56))).toBe('-717,56 €');
    expect(en.money(0)).toBe('€0.00');
  });
  it('uses the no-break spaces of French typography', () => {
    expect(fr.money(34420.5)).toMatch(/34\u202f420,50\u00a0€/);
  });
  it('never writes -0', () => {
    expect(n(fr.money(-0.001))).toBe('0,00 €');
  });
  it('writes a dash for an undefined figure', () => {
    expect(fr.money(null)).toBe('—');
    expect(en.percent(null)).toBe('—');
    expect(en.number(undefined)).toBe('—');
  });
});

describe('percentages and points', () => {
  it('writes ratios as percentages', () => {
    expect(n(fr.percent(0.5))).toBe('50 %');
    expect(en.percent(0.5)).toBe('50%');
    expect(n(fr.percent(0.7771676762394504))).toBe('77,7 %');
    expect(en.percent(0.7771676762394504)).toBe('77.7%');
    expect(en.percent(10.04066797077604, 0)).toBe('1,004%');
  });
  it('writes changes of a rate in points, signed', () => {
    expect(n(fr.points(-0.12461633790923769))).toBe('-12,5 pts');
    expect(en.points(0.032)).toBe('+3.2 pp');
    expect(n(fr.points(0))).toBe('0,0 pts');
  });
  it('writes relative changes signed', () => {
    expect(n(fr.change(0.125))).toBe('+12,5 %');
    expect(en.change(-0.5)).toBe('-50%');
  });
});

describe('other figures', () => {
  it('writes hours, integers and dates', () => {
    expect(n(fr.hours(28.75))).toBe('28,75 h');
    expect(n(en.hours(54))).toBe('54 h');
    expect(n(fr.integer(6222.04))).toBe('6 222');
    expect(fr.date('2026-06-30')).toBe('30 juin 2026');
    expect(en.date('2026-06-30')).toBe('30 Jun 2026');
  });
  it('writes short money for axes', () => {
    // ICU versions differ on the compact suffix's case and spacing.
    expect(n(fr.moneyShort(26750.5))).toMatch(/^26,8 k ?€$/);
    expect(en.moneyShort(26750.5)).toMatch(/^€26\.8[kK]$/);
  });
});
