import { describe, expect, it } from 'vitest';
import { formatSort, parseSort, sortRows, toggleSort } from '../src/sort';

const rows = [
  { id: 'C01', name: 'Biscuits Lumière', revenue: 26750.5, roi: 10.04 },
  { id: 'C02', name: 'Eaux du Val', revenue: 3350, roi: null },
  { id: 'C03', name: 'Fromagerie Alpine', revenue: 3350, roi: 2.69 },
  { id: 'C06', name: 'Jus Vitalité', revenue: 0, roi: -1 },
  { id: 'C04', name: 'Café Roma', revenue: 570, roi: 1.13 },
];
const ids = (r: typeof rows) => r.map((x) => x.id);

describe('sort specs', () => {
  it('parse and format like the API sort parameter', () => {
    expect(parseSort('-revenue')).toEqual({ key: 'revenue', desc: true });
    expect(parseSort('name')).toEqual({ key: 'name', desc: false });
    expect(parseSort('')).toBeNull();
    expect(parseSort('-')).toBeNull();
    expect(formatSort({ key: 'roi', desc: true })).toBe('-roi');
    expect(formatSort(null)).toBe('');
  });
  it('cycle on header clicks: numbers descending first, text ascending first, then off', () => {
    let s = toggleSort(null, 'revenue', true);
    expect(s).toEqual({ key: 'revenue', desc: true });
    s = toggleSort(s, 'revenue', true);
    expect(s).toEqual({ key: 'revenue', desc: false });
    expect(toggleSort(s, 'revenue', true)).toBeNull();
    expect(toggleSort(s, 'name', false)).toEqual({ key: 'name', desc: false });
  });
});

describe('sortRows', () => {
  it('keeps the given order without a spec', () => {
    expect(ids(sortRows(rows, null))).toEqual(['C01', 'C02', 'C03', 'C06', 'C04']);
  });
  it('sorts numbers both ways, ties in the original order', () => {
    expect(ids(sortRows(rows, { key: 'revenue', desc: true }))).toEqual(['C01', 'C02', 'C03', 'C04', 'C06']);
    expect(ids(sortRows(rows, { key: 'revenue', desc: false }))).toEqual(['C06', 'C04', 'C02', 'C03', 'C01']);
  });
  it('puts nulls last in both directions', () => {
    expect(ids(sortRows(rows, { key: 'roi', desc: true }))).toEqual(['C01', 'C03', 'C04', 'C06', 'C02']);
    expect(ids(sortRows(rows, { key: 'roi', desc: false }))).toEqual(['C06', 'C04', 'C03', 'C01', 'C02']);
  });
  it('sorts text by French collation, accents ignored', () => {
    expect(sortRows(rows, { key: 'name', desc: false }).map((r) => r.name)).toEqual([
      'Biscuits Lumière',
      'Café Roma',
      'Eaux du Val',
      'Fromagerie Alpine',
      'Jus Vitalité',
    ]);
  });
  it('does not change its input', () => {
    const copy = rows.slice();
    sortRows(rows, { key: 'revenue', desc: false });
    expect(rows).toEqual(copy);
  });
});
