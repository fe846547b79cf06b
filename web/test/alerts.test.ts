import { describe, expect, it } from 'vitest';
import { callList, computeAlerts, groupAlerts } from '../src/alerts';
import type { Report, Rules } from '../src/types';
import golden from './fixtures/h1-closed.json';
import served from './fixtures/rules.json';

// The golden agency, 2026-H1 as of 2026-06-30 (SPEC §4), as the server returns it,
// and the rule thresholds of /meta. The fixture predates SPEC §6: no contract
// at risk here; the renewal alerts are tested on agence-forfaits (renewal.test.ts).
const report = { ...golden, renewal_risk: { horizon_days: 90, contracts: [] } } as unknown as Report;
const rules: Rules = served;

describe('alerts', () => {
  it('finds the lost client, the losing and eroding missions, the objective behind and the dominant client, largest euro impact first', () => {
    const alerts = computeAlerts(report, rules);
    expect(alerts.map((a) => [a.kind, a.missionId ?? a.clientId, a.impact])).toEqual([
      // M01's revenue (13 000,00 €) times the share its projection falls short by.
      ['behind', 'M01', 2461.12],
      // M07's full margin, −717,56 €.
      ['loss', 'M07', 717.56],
      // Savons Doux's revenue in the period.
      ['lost', 'C05', 650],
      // M03's revenue times its margin rate's fall.
      ['eroding', 'M03', 417.46],
      // A dependence has no euro impact of its own: last.
      ['concentration', 'C01', null],
    ]);
    const lost = alerts.find((a) => a.kind === 'lost')!;
    expect(lost.data.name).toBe('Savons Doux');
    expect(lost.data.contracts).toEqual(['K06']);
    expect(alerts[1].severity).toBe('danger');
    expect(alerts[0].severity).toBe('warning');
    expect(alerts[0].objectiveId).toBe('O02');
    expect(alerts[1].data.client).toBe(report.margin.missions.find((m) => m.mission_id === 'M07')!.client_name);
  });
  it('groups the alerts by kind, the group with the largest alert first, with counts and exact sums', () => {
    const r: Report = structuredClone(report);
    // A second losing mission: the loss group holds two, summed to the cent.
    const m = r.margin.missions.find((x) => x.mission_id === 'M03')!;
    m.flags = [...m.flags, 'loss'];
    m.full_margin = -0.1;
    const groups = groupAlerts(computeAlerts(r, rules));
    expect(groups.map((g) => [g.kind, g.count, g.impact])).toEqual([
      ['behind', 1, 2461.12],
      ['loss', 2, 717.66],
      ['lost', 1, 650],
      ['eroding', 1, 417.46],
      ['concentration', 1, null],
    ]);
    expect(groups[1].alerts.map((a) => a.missionId)).toEqual(['M07', 'M03']);
  });
  it('lists the clients to call: lost or pending, the most revenue at stake first', () => {
    expect(callList(report).map((c) => [c.clientId, c.name, c.revenue, c.reasons.map((x) => (x.kind === 'status' ? x.status : x.contract.contract_id))])).toEqual([
      ['C05', 'Savons Doux', 650, ['lost']],
      ['C04', 'Café Roma', 570, ['pending']],
    ]);
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
