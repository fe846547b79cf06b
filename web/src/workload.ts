// The Team page's default order (SPEC 6.1 lists employees by employee_id):
// most occupied first; the server sorts (nulls — no weekly hours — last).

export const TEAM_DEFAULT_SORT = '-occupancy';
