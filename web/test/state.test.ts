import { describe, expect, it } from 'vitest';
import { apiParams, goTo, langFromNavigator, parseHash, serialiseState, type AppState } from '../src/state';

const defaults = { today: '2026-06-30', lang: 'fr' as const };

describe('URL state', () => {
  it('parses a page with its period, as-of, language and options', () => {
    const s = parseHash('#/revenue?period=2026-H1&as_of=2026-06-30&lang=en&sort=-revenue', defaults);
    expect(s).toEqual({ page: 'revenue', id: undefined, period: '2026-H1', asOf: '2026-06-30', lang: 'en', grace: undefined, params: { sort: '-revenue' } });
  });
  it('parses the brand review with and without a brand', () => {
    expect(parseHash('#/bilan/C01?period=2026-H1&chain=Leclerc', defaults)).toMatchObject({ page: 'bilan', id: 'C01', params: { chain: 'Leclerc' } });
    expect(parseHash('#/bilan', defaults)).toMatchObject({ page: 'bilan', id: undefined });
    const s = parseHash('#/bilan/B%2F7?period=2026-H1&as_of=2026-06-30&lang=fr', defaults);
    expect(serialiseState(s)).toBe('#/bilan/B%2F7?period=2026-H1&as_of=2026-06-30&lang=fr');
  });
  it('parses the Team and Renewals pages with their options', () => {
    expect(parseHash('#/team?period=2026-H1&as_of=2026-06-30&lang=fr&sort=-billable_share', defaults)).toMatchObject({ page: 'team', params: { sort: '-billable_share' } });
    expect(parseHash('#/renewals?period=2026-H1&as_of=2026-06-30&horizon_days=30', defaults)).toMatchObject({ page: 'renewals', params: { horizon_days: '30' } });
    const team: AppState = { page: 'team', period: '2026-H1', asOf: '2026-06-30', lang: 'en', params: { sort: 'occupancy' } };
    expect(serialiseState(team)).toBe('#/team?period=2026-H1&as_of=2026-06-30&lang=en&sort=occupancy');
    const renewals: AppState = { page: 'renewals', period: '2026-H1', asOf: '2026-06-30', lang: 'fr', params: { horizon_days: '180' } };
    expect(parseHash(serialiseState(renewals), defaults)).toEqual({ ...renewals, id: undefined, grace: undefined });
  });
  it('keeps the price calculator inputs of a mission page', () => {
    const s = parseHash('#/missions/M01?period=2026-H1&as_of=2026-06-30&lang=fr&margin=30&scope=-10', defaults);
    expect(s).toMatchObject({ page: 'mission', id: 'M01', params: { margin: '30', scope: '-10' } });
    expect(serialiseState(s)).toBe('#/missions/M01?period=2026-H1&as_of=2026-06-30&lang=fr&margin=30&scope=-10');
  });
  it('parses client and mission pages', () => {
    expect(parseHash('#/clients/C01?period=2026-Q1', defaults)).toMatchObject({ page: 'client', id: 'C01', period: '2026-Q1' });
    expect(parseHash('#/missions/M%2F01', defaults)).toMatchObject({ page: 'mission', id: 'M/01' });
  });
  it('falls back to defaults: overview, the half-year holding as-of, the browser language', () => {
    expect(parseHash('', defaults)).toMatchObject({ page: 'overview', period: '2026-H1', asOf: '2026-06-30', lang: 'fr' });
    expect(parseHash('#/nope?period=2026-H3&as_of=2026-02-30&lang=de', { today: '2026-09-01', lang: 'en' })).toMatchObject({
      page: 'overview',
      period: '2026-H2',
      asOf: '2026-09-01',
      lang: 'en',
    });
  });
  it('normalises the period and the as-of date', () => {
    expect(parseHash('#/overview?period=2026-q1&as_of=20/04/2026', defaults)).toMatchObject({ period: '2026-Q1', asOf: '2026-04-20' });
  });
  it('keeps grace_days when it is a non-negative integer', () => {
    expect(parseHash('#/overview?grace_days=15', defaults).grace).toBe(15);
    expect(parseHash('#/overview?grace_days=-1', defaults).grace).toBeUndefined();
  });
  it('round-trips through serialiseState', () => {
    const states: AppState[] = [
      { page: 'overview', period: '2026-H1', asOf: '2026-06-30', lang: 'fr', params: {} },
      { page: 'client', id: 'C01', period: '2026-01-01..2026-06-30', asOf: '2026-06-30', lang: 'en', grace: 15, params: { sort: '-revenue', csort: 'start_date' } },
      { page: 'objectives', period: '2026', asOf: '2026-04-15', lang: 'fr', params: { client: 'C01', metric: 'dn' } },
    ];
    for (const s of states) {
      const hash = serialiseState(s);
      expect(parseHash(hash, defaults)).toEqual({ ...s, id: s.id, grace: s.grace });
    }
  });
  it('writes readable links', () => {
    const s = parseHash('#/revenue?period=2026-01-01..2026-06-30&as_of=2026-06-30&lang=fr', defaults);
    expect(serialiseState(s)).toBe('#/revenue?period=2026-01-01..2026-06-30&as_of=2026-06-30&lang=fr');
    expect(serialiseState(goTo(s, 'client', 'C01'))).toBe('#/clients/C01?period=2026-01-01..2026-06-30&as_of=2026-06-30&lang=fr');
  });
  it('gives the API its parameters', () => {
    const s = parseHash('#/overview?period=2026-Q1&as_of=2026-04-20&grace_days=15', defaults);
    expect(apiParams(s)).toEqual({ period: '2026-Q1', as_of: '2026-04-20', grace_days: '15' });
  });
  it('chooses French for a French browser', () => {
    expect(langFromNavigator('fr-FR')).toBe('fr');
    expect(langFromNavigator('fr')).toBe('fr');
    expect(langFromNavigator('en-US')).toBe('en');
    expect(langFromNavigator(undefined)).toBe('en');
  });
});
