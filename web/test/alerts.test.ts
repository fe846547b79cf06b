import { describe, expect, it } from 'vitest';
import { computeAlerts } from '../src/alerts';
import type { Report, Rules } from '../src/types';
import golden from './fixtures/h1-closed.json';
import served from './fixtures/rules.json';

// The golden agency, 2026-H1 as of 2026-06-30 (SPEC §4), as the server returns it,
// and the rule thresholds of /meta. The fixture predates SPEC §6: no contract
// at risk here; the renewal alerts are tested on agence-forfaits (renewal.test.ts).
const report = { ...golden, renewal_risk: { horizon_days: 90, contracts: [] } } as unknown as Report;
const rules: Rules = served;

describe('alerts', () => {
  it('finds the lost client, the losing and eroding missions, the objective behind and the dominant client', () => {
    const alerts = computeAlerts(report, rules);
    expect(alerts.map((a) => [a.kind, a.missionId ?? a.clientId])).toEqual([
      ['lost', 'C05'],
      ['loss', 'M07'],
      ['eroding', 'M03'],
      ['behind', 'M01'],
      ['concentration', 'C01'],
    ]);
    expect(alerts[0].data.name).toBe('Savons Doux');
    expect(alerts[0].data.contracts).toEqual(['K06']);
    expect(alerts[1].severity).toBe('danger');
    expect(alerts[2].severity).toBe('warning');
    expect(alerts[3].objectiveId).toBe('O02');
  });
  it('puts dangers before warnings', () => {
    const alerts = computeAlerts(report, rules);
    const firstWarning = alerts.findIndex((a) => a.severity === 'warning');
    expect(alerts.slice(firstWarning).every((a) => a.severity === 'warning')).toBe(true);
  });
  it('raises nothing for a calm period', () => {
    const calm: Report = structuredClone(report);
    calm.recurrence.clients = [];
    calm.margin.missions = calm.margin.missions.map((m) => ({ ...m, flags: m.flags.filter((f) => f === 'low_margin') }));
    calm.objectives.items = calm.objectives.items.filter((o) => o.status !== 'behind');
    calm.revenue.clients = calm.revenue.clients.map((c) => ({ ...c, share: c.share === null ? null : Math.min(c.share, rules.concentration_alert_share) }));
    expect(computeAlerts(calm, rules)).toEqual([]);
  });
  it('treats a share of exactly the served threshold as no concentration alert', () => {
    const r: Report = structuredClone(report);
    r.revenue.clients[0].share = rules.concentration_alert_share;
    expect(computeAlerts(r, rules).some((a) => a.kind === 'concentration')).toBe(false);
  });
  it('takes the concentration threshold from the served rules, not a typed one', () => {
    const concentrated = (share: number) =>
      computeAlerts(report, { ...rules, concentration_alert_share: share })
        .filter((a) => a.kind === 'concentration')
        .map((a) => a.clientId);
    expect(concentrated(0.05)).toEqual(['C01', 'C02', 'C03']);
    expect(concentrated(0.9)).toEqual([]);
  });
});
