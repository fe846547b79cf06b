import { describe, expect, it } from 'vitest';
import { filterStores, sortChains, storeFilterOf } from '../src/bilan-filter';
import type { ReviewStore } from '../src/types';

const none = { implantation: 0, negotiation: 0, promotion: 0, merchandising: 0, audit: 0, order: 0, other: 0 };
function store(store_id: string, chain: string | null, worked: boolean): ReviewStore {
  return { store_id, name: store_id, chain, region: null, tracked: true, worked, visits: 0, by_action: none, present_previous: null, present: 1, facings_previous: null, facings: 1, sales: 0, sales_previous: 0 };
}
const stores = [store('S1', 'Leclerc', true), store('S2', null, false), store('S3', 'Carrefour', false), store('S4', 'Écomarché', true), store('S5', 'Leclerc', false)];

describe('brand review store filters', () => {
  it('reads the filter from the URL options', () => {
    expect(storeFilterOf({})).toEqual({ chain: undefined, worked: undefined });
    expect(storeFilterOf({ chain: 'Leclerc', worked: 'yes' })).toEqual({ chain: 'Leclerc', worked: 'yes' });
    expect(storeFilterOf({ nochain: '1', chain: 'Leclerc', worked: 'maybe' })).toEqual({ chain: null, worked: undefined });
  });
  it('keeps every store without a filter', () => {
    expect(filterStores(stores, {}).map((s) => s.store_id)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
  });
  it('filters by chain, by no chain and by worked', () => {
    expect(filterStores(stores, { chain: 'Leclerc' }).map((s) => s.store_id)).toEqual(['S1', 'S5']);
    expect(filterStores(stores, { chain: null }).map((s) => s.store_id)).toEqual(['S2']);
    expect(filterStores(stores, { worked: 'yes' }).map((s) => s.store_id)).toEqual(['S1', 'S4']);
    expect(filterStores(stores, { chain: 'Leclerc', worked: 'no' }).map((s) => s.store_id)).toEqual(['S5']);
  });
  it('lists chains in byte order with the stores without a chain last', () => {
    expect(sortChains(stores)).toEqual(['Carrefour', 'Leclerc', 'Écomarché', null]);
  });
});
