import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCOPE_CHANGE, DEFAULT_TARGET_MARGIN, effectiveDays, latestOnly, parsePercent, priceInputsOf, priceParams, priceQuery, type Outcome } from '../src/price';
import m01 from './fixtures/price-m01.json';

describe('percent inputs', () => {
  it('turns a percentage into the exact decimal the API takes', () => {
    const cases = [
      ['25', '0.25'],
      ['12,5', '0.125'],
      ['12.5', '0.125'],
      [' +10 % ', '0.1'],
      ['-25', '-0.25'],
      ['7', '0.07'],
      ['0', '0'],
      ['-0', '0'],
      ['100', '1'],
      ['150,25', '1.5025'],
      [',5', '0.005'],
      ['33.333333', '0.33333333'],
    ];
    for (const [typed, decimal] of cases) expect(parsePercent(typed), typed).toEqual({ ok: true, decimal });
  });
  it('refuses what is not a percentage, and says an empty one is missing', () => {
    expect(parsePercent('')).toEqual({ ok: false, error: 'price_empty' });
    expect(parsePercent('  ')).toEqual({ ok: false, error: 'price_empty' });
    for (const bad of ['abc', '1e3', '1,2,3', '--5', '.', '12 %5', '0x10']) expect(parsePercent(bad)).toEqual({ ok: false, error: 'price_not_a_number' });
  });
  it('leaves the range to the server, which names the parameter it refuses', () => {
    expect(parsePercent('100')).toMatchObject({ ok: true });
    expect(parsePercent('-100')).toMatchObject({ ok: true });
  });
});

describe('the price query', () => {
  const base = { period: '2026-H1', as_of: '2026-06-30' };
  it('asks with the period and both decimals', () => {
    expect(priceQuery({ targetMargin: '25', scopeChange: '10' }, base)).toEqual({ ok: true, params: { period: '2026-H1', as_of: '2026-06-30', target_margin: '0.25', scope_change: '0.1' } });
  });
  it('leaves an empty scope change to the server default', () => {
    expect(priceQuery({ targetMargin: '30', scopeChange: '' }, base)).toEqual({ ok: true, params: { ...base, target_margin: '0.3' } });
  });
  it('says which input is wrong', () => {
    expect(priceQuery({ targetMargin: '', scopeChange: 'x' }, base)).toEqual({ ok: false, errors: { target_margin: 'price_empty', scope_change: 'price_not_a_number' } });
    expect(priceQuery({ targetMargin: '20', scopeChange: 'x' }, base)).toEqual({ ok: false, errors: { target_margin: undefined, scope_change: 'price_not_a_number' } });
  });
  it('keeps the inputs in the URL, the starting values left out', () => {
    expect(priceInputsOf({})).toEqual({ targetMargin: DEFAULT_TARGET_MARGIN, scopeChange: DEFAULT_SCOPE_CHANGE });
    expect(priceInputsOf({ margin: '30', scope: '10' })).toEqual({ targetMargin: '30', scopeChange: '10' });
    expect(priceParams({ targetMargin: DEFAULT_TARGET_MARGIN, scopeChange: DEFAULT_SCOPE_CHANGE })).toEqual({ margin: undefined, scope: undefined });
    expect(priceParams({ targetMargin: '30', scopeChange: '-5' })).toEqual({ margin: '30', scope: '-5' });
  });
  it('counts the effective days the minimum price is for', () => {
    expect(effectiveDays(m01.period)).toBe(181);
    expect(m01.annual_minimum_price).toBeCloseTo((m01.minimum_price * 365) / 181, 2);
    expect(effectiveDays({ start: '2026-01-01', end: '2026-12-31', as_of: '2026-05-10' })).toBe(130);
    expect(effectiveDays({ start: '2026-07-01', end: '2026-12-31', as_of: '2026-05-10' })).toBe(0);
  });
});

describe('the live calculator', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it('waits for the typing to stop, then asks once', async () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    const got: string[] = [];
    const live = latestOnly(
      (q: string) => {
        asked.push(q);
        return Promise.resolve(`price for ${q}`);
      },
      (_q, o: Outcome<string>) => got.push(o.ok ? o.value : 'error'),
      250,
    );
    live.ask('2');
    live.ask('25');
    await vi.advanceTimersByTimeAsync(100);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual(['25']);
    expect(got).toEqual(['price for 25']);
  });
  it('drops a slow answer once a later question was asked', async () => {
    vi.useFakeTimers();
    const resolvers = new Map<string, (v: string) => void>();
    const got: string[] = [];
    const live = latestOnly(
      (q: string) => new Promise<string>((resolve) => resolvers.set(q, resolve)),
      (q, o: Outcome<string>) => got.push(`${q}:${o.ok ? o.value : 'error'}`),
      10,
    );
    live.ask('20');
    await vi.advanceTimersByTimeAsync(20);
    live.ask('30');
    await vi.advanceTimersByTimeAsync(20);
    resolvers.get('30')!('B');
    await vi.advanceTimersByTimeAsync(0);
    resolvers.get('20')!('A');
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toEqual(['30:B']);
  });
  it('delivers the latest refusal, and nothing after a cancel', async () => {
    vi.useFakeTimers();
    const got: string[] = [];
    const live = latestOnly(
      (q: string) => (q === '100' ? Promise.reject(new Error('target_margin must be below 1')) : Promise.resolve(q)),
      (q, o: Outcome<string>) => got.push(o.ok ? `ok ${q}` : `refused ${q}: ${(o.error as Error).message}`),
      10,
    );
    live.ask('100');
    await vi.advanceTimersByTimeAsync(20);
    expect(got).toEqual(['refused 100: target_margin must be below 1']);
    live.ask('20');
    live.cancel();
    await vi.advanceTimersByTimeAsync(20);
    expect(got).toHaveLength(1);
  });
});
