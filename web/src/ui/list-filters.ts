// The filters the list pages share, built from the rows a page already has:
// by client (a searchable picker at scale) and by the values of a text key
// (type, sector, metric).

import type { Ctx } from './context';
import type { ListFilter } from './list-view';

/** A filter by the values a text key takes in the rows (type, sector, metric), sorted; absent values left out. */
export function valueFilter(key: string, label: string, values: (string | null)[]): ListFilter {
  const distinct = [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b, 'fr'));
  return { key, label, options: distinct.map((v) => ({ value: v, label: v })) };
}

/** A filter by client over rows that carry client_id and client_name: "Name (id)", by name. */
export function clientFilter(ctx: Ctx, rows: { client_id: string; client_name: string }[]): ListFilter {
  const names = new Map(rows.map((r) => [r.client_id, r.client_name]));
  const options = [...names].map(([id, name]) => ({ value: id, label: `${name} (${id})` })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  return { key: 'client_id', label: ctx.t('filter_client'), options };
}
