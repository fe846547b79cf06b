// Alerts computed from a report: what a manager should look at first, each
// with its euro impact (the margin lost, or the revenue at stake), grouped
// by kind and ranked by that impact; and the clients to call this week.
// Pure: tested in test/alerts.test.ts.

import { isConcentrated } from './rules';
import type { RecurrenceStatus, RenewalContract, RenewalLevel, Report, Rules } from './types';

export type AlertKind = 'lost' | 'renewal' | 'loss' | 'eroding' | 'behind' | 'concentration';
export type Severity = 'danger' | 'warning' | 'info';

export interface Alert {
  kind: AlertKind;
  severity: Severity;
  clientId: string;
  missionId?: string;
  objectiveId?: string;
  /**
   * Euros the alert is about: the full margin lost (loss), the margin the
   * erosion cost over the period's revenue (eroding), the client's revenue in
   * the period (lost, renewal), the share of the mission's revenue the
   * projection falls short by (behind). Null for a dependence on one client:
   * a risk to weigh, not an amount lost; those come last.
   */
  impact: number | null;
  /** Values for the message (names, amounts, ratios), left unformatted. */
  data: Record<string, string | number | null | string[]>;
  /** The contract of a renewal alert (SPEC 6.3), for its words. */
  contract?: RenewalContract;
}

export interface AlertGroup {
  kind: AlertKind;
  count: number;
  /** The sum of the group's impacts; null when its alerts have none. */
  impact: number | null;
  /** The group's alerts, largest impact first. */
  alerts: Alert[];
}

/** What an alert points at: its client, and its mission or objective if it has one. */
type AlertIds = Pick<Alert, 'clientId' | 'missionId' | 'objectiveId'>;

/** A contract at high risk of not being renewed is a danger, a medium one a warning, a low one worth knowing. */
const RENEWAL_SEVERITY: Record<RenewalLevel, Severity> = { high: 'danger', medium: 'warning', low: 'info' };

/** Cents, so that sums and comparisons of euro amounts are exact. */
const cents = (euros: number | null | undefined) => Math.round((euros ?? 0) * 100);
const euros = (c: number) => c / 100;

/** Largest impact first, no impact last; ties keep the order of discovery. */
function byImpact<T extends { impact: number | null }>(items: T[]): T[] {
  const rank = (v: number | null) => (v === null ? -Infinity : v);
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => rank(y.item.impact) - rank(x.item.impact) || x.i - y.i)
    .map((x) => x.item);
}

/** The alerts of a report, with the thresholds the server serves (GET /api/v1/meta rules), largest impact first. */
export function computeAlerts(report: Report, rules: Rules): Alert[] {
  const revenueOf = new Map(report.revenue.clients.map((c) => [c.client_id, c.revenue]));
  const alerts: Alert[] = [];
  const add = (kind: AlertKind, severity: Severity, ids: AlertIds, impact: number | null, data: Alert['data']) => {
    alerts.push({ kind, severity, ...ids, impact, data });
  };

  for (const c of report.recurrence.clients) {
    if (c.status === 'lost') add('lost', 'danger', { clientId: c.client_id }, c.revenue, { name: c.name, contracts: c.ending_contracts });
  }
  for (const c of report.renewal_risk.contracts) {
    alerts.push({ kind: 'renewal', severity: RENEWAL_SEVERITY[c.level], clientId: c.client_id, impact: revenueOf.get(c.client_id) ?? 0, data: { contract: c.contract_id, level: c.level }, contract: c });
  }
  for (const m of report.margin.missions) {
    const ids = { clientId: m.client_id, missionId: m.mission_id };
    const data = { name: m.name, client: m.client_name, margin: m.full_margin, change: m.margin_rate_change };
    if (m.flags.includes('loss')) add('loss', 'danger', ids, euros(-cents(m.full_margin)), data);
    if (m.flags.includes('eroding')) add('eroding', 'warning', ids, euros(Math.round(-cents(m.revenue) * (m.margin_rate_change ?? 0))), data);
  }
  const shortfall = (projected: number | null) => Math.min(1, Math.max(0, 1 - (projected ?? 0)));
  const missionRevenue = new Map(report.margin.missions.map((m) => [m.mission_id, m.revenue]));
  for (const o of report.objectives.items) {
    if (o.status === 'behind') {
      add(
        'behind',
        'warning',
        { clientId: o.client_id, missionId: o.mission_id, objectiveId: o.objective_id },
        euros(Math.round(cents(missionRevenue.get(o.mission_id)) * shortfall(o.projected_attainment))),
        { id: o.objective_id, metric: o.metric, client: o.client_name, projected: o.projected_attainment },
      );
    }
  }
  for (const c of report.revenue.clients) {
    if (isConcentrated(c.share, rules)) add('concentration', 'warning', { clientId: c.client_id }, null, { name: c.name, share: c.share });
  }
  return byImpact(alerts);
}

/** The alerts by kind: the group holding the largest impact first, so the first alert shown is the largest. */
export function groupAlerts(alerts: Alert[]): AlertGroup[] {
  const groups = new Map<AlertKind, AlertGroup>();
  for (const a of byImpact(alerts)) {
    let g = groups.get(a.kind);
    if (!g) groups.set(a.kind, (g = { kind: a.kind, count: 0, impact: a.impact === null ? null : 0, alerts: [] }));
    g.count++;
    if (a.impact !== null) g.impact = euros(cents(g.impact) + cents(a.impact));
    g.alerts.push(a);
  }
  return byImpact([...groups.values()].map((g) => ({ g, impact: g.alerts[0].impact }))).map((x) => x.g);
}

/** Why a client is on the call list. */
export type CallReason = { kind: 'status'; status: Extract<RecurrenceStatus, 'lost' | 'pending'> } | { kind: 'renewal'; contract: RenewalContract };

export interface CallItem {
  clientId: string;
  name: string;
  /** The client's revenue in the period: what the call is about. */
  revenue: number;
  reasons: CallReason[];
}

/**
 * The clients to call this week: lost or still pending (SPEC §3.1), or with a
 * contract at risk within the horizon (SPEC 6.3); one line per client with
 * every reason, the most revenue at stake first.
 */
export function callList(report: Report): CallItem[] {
  const revenueOf = new Map(report.revenue.clients.map((c) => [c.client_id, c.revenue]));
  const items = new Map<string, CallItem>();
  const itemOf = (id: string, name: string, revenue: number) => {
    let item = items.get(id);
    if (!item) items.set(id, (item = { clientId: id, name, revenue, reasons: [] }));
    return item;
  };
  for (const c of report.recurrence.clients) {
    if (c.status === 'lost' || c.status === 'pending') itemOf(c.client_id, c.name, c.revenue).reasons.push({ kind: 'status', status: c.status });
  }
  for (const c of report.renewal_risk.contracts) {
    itemOf(c.client_id, c.name, revenueOf.get(c.client_id) ?? 0).reasons.push({ kind: 'renewal', contract: c });
  }
  return [...items.values()]
    .map((item, i) => ({ item, i }))
    .sort((x, y) => y.item.revenue - x.item.revenue || x.i - y.i)
    .map((x) => x.item);
}
