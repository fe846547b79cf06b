import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayCount,
  defaultPeriod,
  parseDate,
  parsePeriod,
  periodHolding,
  previousAsOf,
  previousPeriod,
  shiftPeriod,
  trendRange,
} from '../src/period';

describe('parseDate', () => {
  it('reads ISO and French dates', () => {
    expect(parseDate('2026-06-30')).toBe('2026-06-30');
    expect(parseDate('30/06/2026')).toBe('2026-06-30');
  });
  it('refuses days that do not exist and other forms', () => {
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('2026-6-30')).toBeNull();
    expect(parseDate('')).toBeNull();
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });
});

describe('parsePeriod (SPEC §2 syntax)', () => {
  it('names years, halves, quarters and months', () => {
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', start: '2026-01-01', end: '2026-12-31' });
    expect(parsePeriod('2026-H1')).toMatchObject({ kind: 'half', text: '2026-H1', start: '2026-01-01', end: '2026-06-30' });
    expect(parsePeriod('2026-h2')).toMatchObject({ text: '2026-H2', start: '2026-07-01', end: '2026-12-31' });
    expect(parsePeriod('2026-Q1')).toMatchObject({ kind: 'quarter', start: '2026-01-01', end: '2026-03-31' });
    expect(parsePeriod('2026-q4')).toMatchObject({ text: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(parsePeriod('2026-02')).toMatchObject({ kind: 'month', start: '2026-02-01', end: '2026-02-28' });
    expect(parsePeriod('2024-02')?.end).toBe('2024-02-29');
  });
  it('reads custom ranges in either date format', () => {
    expect(parsePeriod('2026-01-01..2026-06-30')).toMatchObject({ kind: 'custom', text: '2026-01-01..2026-06-30' });
    expect(parsePeriod('01/02/2026..31/05/2026')).toMatchObject({ start: '2026-02-01', end: '2026-05-31', text: '2026-02-01..2026-05-31' });
  });
  it('refuses what the SPEC refuses', () => {
    for (const bad of ['2026-13', '2026-3', '2026-H3', '2026-Q5', '2026-06-30..2026-01-01', 'H1', '', '2026-00']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });
});

describe('previous period', () => {
  it('is the named period just before', () => {
    expect(previousPeriod(parsePeriod('2026-H1')!).text).toBe('2025-H2');
    expect(previousPeriod(parsePeriod('2026-H2')!).text).toBe('2026-H1');
    expect(previousPeriod(parsePeriod('2026-Q1')!).text).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-01')!).text).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-03')!).text).toBe('2026-02');
    expect(previousPeriod(parsePeriod('2026')!).text).toBe('2025');
  });
  it('of a custom range is the N days just before its start', () => {
    const p = previousPeriod(parsePeriod('2026-02-01..2026-05-31')!);
    expect(p.kind).toBe('custom');
    expect(p.end).toBe('2026-01-31');
    expect(dayCount(p.start, p.end)).toBe(dayCount('2026-02-01', '2026-05-31'));
    expect(p.start).toBe('2025-10-04'); // as the golden custom-range case
  });
  it('is seen as of the earlier of its own end and the as-of date', () => {
    const prev = previousPeriod(parsePeriod('2026-H1')!);
    expect(previousAsOf(prev, '2026-06-30')).toBe('2025-12-31');
    expect(previousAsOf(parsePeriod('2026-Q2')!, '2026-04-20')).toBe('2026-04-20');
  });
});

describe('named periods and steps', () => {
  it('finds the period holding a date', () => {
    expect(periodHolding('half', '2026-06-30').text).toBe('2026-H1');
    expect(periodHolding('half', '2026-07-01').text).toBe('2026-H2');
    expect(periodHolding('quarter', '2026-04-20').text).toBe('2026-Q2');
    expect(periodHolding('month', '2026-12-31').text).toBe('2026-12');
    expect(periodHolding('year', '2026-12-31').text).toBe('2026');
    expect(defaultPeriod('2026-06-30').text).toBe('2026-H1');
  });
  it('steps across years', () => {
    expect(shiftPeriod(parsePeriod('2026-12')!, 1).text).toBe('2027-01');
    expect(shiftPeriod(parsePeriod('2026-Q4')!, 1).text).toBe('2027-Q1');
    expect(shiftPeriod(parsePeriod('2026-H1')!, -3).text).toBe('2024-H2');
  });
  it('counts days inclusively', () => {
    expect(dayCount('2026-01-01', '2026-01-31')).toBe(31);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('trendRange', () => {
  it('ends with the selected period, seen as of the as-of date', () => {
    expect(trendRange('2026-Q1', '2026-06-30', 'quarter')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(trendRange('2026-H1', '2026-04-15', 'half')).toEqual({ from: '2024-07-01', to: '2026-04-15' });
    expect(trendRange('2026-03', '2026-12-31', 'month')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });
  it('shows the whole period when it starts after the as-of date', () => {
    expect(trendRange('2026-09', '2026-06-30', 'month')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
  });
});
