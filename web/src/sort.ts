// Table sorting: a sort spec is a key with an optional leading '-' for
// descending, as the API's `sort` parameter. Nulls always sort last; ties
// keep the original (SPEC) order.

export interface SortSpec {
  key: string;
  desc: boolean;
}

export function parseSort(text: string | undefined): SortSpec | null {
  if (!text) return null;
  const desc = text.startsWith('-');
  const key = desc ? text.slice(1) : text;
  return key ? { key, desc } : null;
}

export function formatSort(spec: SortSpec | null): string {
  return spec ? `${spec.desc ? '-' : ''}${spec.key}` : '';
}

/** Next sort when a column header is clicked: numbers start descending, text ascending; a third click clears. */
export function toggleSort(current: SortSpec | null, key: string, numeric: boolean): SortSpec | null {
  const firstDesc = numeric;
  if (!current || current.key !== key) return { key, desc: firstDesc };
  if (current.desc === firstDesc) return { key, desc: !firstDesc };
  return null;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (Array.isArray(a) && Array.isArray(b)) return compareValues(a.join(','), b.join(','));
  return collator.compare(String(a), String(b));
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));
}

export function sortRows<T extends object>(rows: readonly T[], spec: SortSpec | null): T[] {
  if (!spec) return rows.slice();
  const key = spec.key as keyof T;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      const a = x.row[key];
      const b = y.row[key];
      const ma = isMissing(a);
      const mb = isMissing(b);
      if (ma || mb) return ma === mb ? x.i - y.i : ma ? 1 : -1;
      const c = compareValues(a, b);
      return (spec.desc ? -c : c) || x.i - y.i;
    })
    .map((x) => x.row);
}
