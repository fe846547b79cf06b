// Alerts computed from a report: what a manager should look at first.

import { isConcentrated } from './rules';
import type { Report, Rules } from './types';

export type AlertKind = 'lost' | 'loss' | 'eroding' | 'behind' | 'concentration';
export type Severity = 'danger' | 'warning';

export interface Alert {
  kind: AlertKind;
  severity: Severity;
  clientId: string;
  missionId?: string;
  objectiveId?: string;
  /** Values for the message (names, amounts, ratios), left unformatted. */
  data: Record<string, string | number | null | string[]>;
}

/** What an alert points at: its client, and its mission or objective if it has one. */
type AlertIds = Pick<Alert, 'clientId' | 'missionId' | 'objectiveId'>;

const ORDER: Record<Severity, number> = { danger: 0, warning: 1 };

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
  // Dangers first; the order of discovery is kept within a severity.
  return alerts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => ORDER[x.a.severity] - ORDER[y.a.severity] || x.i - y.i)
    .map((x) => x.a);
}
