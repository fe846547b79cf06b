// The Team page's order (SPEC 6.1 lists employees by employee_id): the sort
// of the URL (`sort=`), most occupied first when there is none, nulls (no
// weekly hours) last as every sort. Pure: tested in test/workload.test.ts.

import { parseSort, sortRows, type SortSpec } from './sort';
import type { WorkloadEmployee } from './types';

export const TEAM_DEFAULT_SORT = '-occupancy';

export function teamSort(params: Record<string, string>): SortSpec {
  return parseSort(params.sort) ?? parseSort(TEAM_DEFAULT_SORT)!;
}

export function teamOrder(items: readonly WorkloadEmployee[], params: Record<string, string>): WorkloadEmployee[] {
  return sortRows(items, teamSort(params));
}
