// Alerts computed from a report: what a manager should look at first.

import { byLevel } from './renewal';
import { isConcentrated } from './rules';
import type { RenewalContract, RenewalLevel, Report, Rules } from './types';

export type AlertKind = 'lost' | 'renewal' | 'loss' | 'eroding' | 'behind' | 'concentration';
export type Severity = 'danger' | 'warning' | 'info';

export interface Alert {
  kind: AlertKind;
  severity: Severity;
  clientId: string;
  missionId?: string;
  objectiveId?: string;
  /** Values for the message (names, amounts, ratios), left unformatted. */
  data: Record<string, string | number | null | string[]>;
  /** The contract of a renewal alert (SPEC 6.3), for its words. */
  contract?: RenewalContract;
}

/** What an alert points at: its client, and its mission or objective if it has one. */
type AlertIds = Pick<Alert, 'clientId' | 'missionId' | 'objectiveId'>;

const ORDER: Record<Severity, number> = { danger: 0, warning: 1, info: 2 };

/** A contract at high risk of not being renewed is a danger, a medium one a warning, a low one worth knowing. */
const RENEWAL_SEVERITY: Record<RenewalLevel, Severity> = { high: 'danger', medium: 'warning', low: 'info' };

/** The alerts of a report, with the thresholds the server serves (GET /api/v1/meta rules). */
export function computeAlerts(report: Report, rules: Rules): Alert[] {
  const names = new Map(report.revenue.clients.map((c) => [c.client_id, c.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const alerts: Alert[] = [];
  const add = (kind: AlertKind, severity: Severity, ids: AlertIds, data: Alert['data']) => {
    alerts.push({ kind, severity, ...ids, data });
  };

  for (const c of report.recurrence.clients) {
    if (c.status === 'lost') add('lost', 'danger', { clientId: c.client_id }, { name: nameOf(c.client_id), contracts: c.ending_contracts });
  }
  for (const c of byLevel(report.renewal_risk.contracts)) {
    alerts.push({ kind: 'renewal', severity: RENEWAL_SEVERITY[c.level], clientId: c.client_id, data: { contract: c.contract_id, level: c.level }, contract: c });
  }
  for (const m of report.margin.missions) {
    const ids = { clientId: m.client_id, missionId: m.mission_id };
    const data = { name: m.name, client: nameOf(m.client_id), margin: m.full_margin, change: m.margin_rate_change };
    if (m.flags.includes('loss')) add('loss', 'danger', ids, data);
    if (m.flags.includes('eroding')) add('eroding', 'warning', ids, data);
  }
  for (const o of report.objectives.items) {
    if (o.status === 'behind') {
      add(
        'behind',
        'warning',
        { clientId: o.client_id, missionId: o.mission_id, objectiveId: o.objective_id },
        { id: o.objective_id, metric: o.metric, client: nameOf(o.client_id), projected: o.projected_attainment },
      );
    }
  }
  for (const c of report.revenue.clients) {
    if (isConcentrated(c.share, rules)) add('concentration', 'warning', { clientId: c.client_id }, { name: c.name, share: c.share });
  }
  // Dangers first, then warnings, then the rest; the order of discovery is kept within a severity.
  return alerts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => ORDER[x.a.severity] - ORDER[y.a.severity] || x.i - y.i)
    .map((x) => x.a);
}
