import { describe, expect, it } from 'vitest';
import { computeAlerts } from '../src/alerts';
import type { Report } from '../src/types';
import golden from './fixtures/h1-closed.json';

// The golden agency, 2026-H1 as of 2026-06-30 (SPEC §4), as the server returns it.
const report = golden as unknown as Report;

describe('alerts', () => {
  it('finds the lost client, the losing and eroding missions, the objective behind and the dominant client', () => {
    const alerts = computeAlerts(report);
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
    const alerts = computeAlerts(report);
    const firstWarning = alerts.findIndex((a) => a.severity === 'warning');
    expect(alerts.slice(firstWarning).every((a) => a.severity === 'warning')).toBe(true);
  });
  it('raises nothing for a calm period', () => {
    const calm: Report = structuredClone(report);
    calm.recurrence.clients = [];
    calm.margin.missions = calm.margin.missions.map((m) => ({ ...m, flags: m.flags.filter((f) => f === 'low_margin') }));
    calm.objectives.items = calm.objectives.items.filter((o) => o.status !== 'behind');
    calm.revenue.clients = calm.revenue.clients.map((c) => ({ ...c, share: c.share === null ? null : Math.min(c.share, 0.25) }));
    expect(computeAlerts(calm)).toEqual([]);
  });
  it('treats a share of exactly 25 % as no concentration alert', () => {
    const r: Report = structuredClone(report);
    r.revenue.clients[0].share = 0.25;
    expect(computeAlerts(r).some((a) => a.kind === 'concentration')).toBe(false);
  });
});
