// The brand review's store table filters (chain, worked or not), kept in
// the URL like the sort. Pure: tested in test/bilan-filter.test.ts.

import type { ReviewStore } from './types';

export interface StoreFilter {
  /** A chain name; null for the stores without one; undefined for every store. */
  chain?: string | null;
  worked?: 'yes' | 'no';
}

/**
 * The filter of the URL's page options: `chain=NAME`, or `nochain=1` for the
 * stores without a chain (any text may be a chain's name, so no chain value
 * can mean "none"); `worked=yes|no`.
 */
export function storeFilterOf(params: Record<string, string>): StoreFilter {
  const worked = params.worked === 'yes' || params.worked === 'no' ? params.worked : undefined;
  const chain = params.nochain === '1' ? null : params.chain;
  return { chain, worked };
}

export function filterStores(stores: readonly ReviewStore[], filter: StoreFilter): ReviewStore[] {
  return stores.filter((s) => {
    if (filter.chain !== undefined && s.chain !== filter.chain) return false;
    if (filter.worked === 'yes' && !s.worked) return false;
    if (filter.worked === 'no' && s.worked) return false;
    return true;
  });
}

/** The stores' distinct chains in byte order (as SPEC §5 orders them), null (no chain) last. */
export function sortChains(stores: readonly ReviewStore[]): (string | null)[] {
  const names = [...new Set(stores.map((s) => s.chain))];
  const bytes = (text: string) => new TextEncoder().encode(text);
  const compare = (a: string | null, b: string | null) => {
    if (a === null) return 1;
    if (b === null) return -1;
    const x = bytes(a);
    const y = bytes(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  };
  return names.sort(compare);
}
