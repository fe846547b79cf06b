// A list page's options as the URL keeps them and the API reads them: the
// sort, the search, the filters and whether every row is shown. Lists that
// share a view keep their options apart by a prefix ('' for the page's main
// list, 'f' for the fixed-fee missions: fsort, fq, ff.flags, fall).

export type ListSection = 'recurrence' | 'revenue' | 'margin' | 'objectives' | 'workload' | 'renewals';

/** One page of a report list (GET /api/v1/report?section=…; docs/api.md). */
export interface ListPage<T> {
  section: ListSection;
  /** Items matching the search and the filters. */
  total: number;
  /** Items of the list before search and filters. */
  unfiltered: number;
  offset: number;
  limit: number;
  sort: string | null;
  /** Money and hours totals over every matching item, by key. */
  sums: Record<string, number>;
  items: T[];
}

export interface ListOptions {
  sort: string;
  q: string;
  /** Filter key → comma-separated values. */
  filters: Record<string, string>;
  all: boolean;
}

const FILTER = 'f.';

export function readListOptions(params: Record<string, string>, prefix: string, defaultSort: string): ListOptions {
  const filters: Record<string, string> = {};
  const filterPrefix = `${prefix}${FILTER}`;
  for (const [k, v] of Object.entries(params)) {
    if (k.startsWith(filterPrefix) && v) filters[k.slice(filterPrefix.length)] = v;
  }
  return { sort: params[`${prefix}sort`] ?? defaultSort, q: params[`${prefix}q`] ?? '', filters, all: params[`${prefix}all`] === '1' };
}

/** The URL parameters that change a list's options (undefined removes one). */
export function listParamChange(prefix: string, change: Partial<ListOptions>, defaultSort: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (change.sort !== undefined) out[`${prefix}sort`] = change.sort === defaultSort ? undefined : change.sort || '';
  if (change.q !== undefined) out[`${prefix}q`] = change.q.trim() || undefined;
  if (change.all !== undefined) out[`${prefix}all`] = change.all ? '1' : undefined;
  for (const [k, v] of Object.entries(change.filters ?? {})) out[`${prefix}${FILTER}${k}`] = v || undefined;
  return out;
}

/** The API parameters of one page of the list: filter.KEY for each filter, the fixed ones last. */
export function listApiParams(
  base: Record<string, string>,
  section: ListSection,
  options: ListOptions,
  fixed: Record<string, string>,
  offset: number,
  limit: number,
): Record<string, string> {
  const out: Record<string, string> = { ...base, section, offset: String(offset), limit: String(limit) };
  if (options.sort) out.sort = options.sort;
  if (options.q.trim()) out.q = options.q.trim();
  for (const [k, v] of Object.entries({ ...options.filters, ...fixed })) if (v) out[`filter.${k}`] = v;
  return out;
}
