import { describe, expect, it } from 'vitest';
import { callList, computeAlerts } from '../src/alerts';
import { daysLeftText, DEFAULT_HORIZON_DAYS, horizonOf, horizonParam, levelText, renewalAlertText, signalsText } from '../src/renewal';
import { normaliseSpaces } from '../src/format';
import type { Report, Rules } from '../src/types';
import forfaits from './fixtures/forfaits-h1.json';
import served from './fixtures/rules.json';

// agence-forfaits, 2026-H1 as of 2026-06-30: shared/golden/kpi6-cases/forfaits-h1.
const report = forfaits as unknown as Report;
const rules: Rules = served;
const contracts = report.renewal_risk.contracts;
const byId = (id: string) => contracts.find((c) => c.contract_id === id)!;

describe('renewal risk in words', () => {
  it('says when a contract ends, or how long it has been pending', () => {
    expect(daysLeftText('en', 12)).toBe('ends in 12 days');
    expect(daysLeftText('en', 1)).toBe('ends tomorrow');
    expect(daysLeftText('en', 0)).toBe('ends today');
    expect(daysLeftText('en', -1)).toBe('ended yesterday, pending');
    expect(daysLeftText('en', -5)).toBe('ended 5 days ago, pending');
    expect(daysLeftText('fr', 31)).toBe('finit dans 31 jours');
    expect(daysLeftText('fr', -15)).toBe('fini depuis 15 jours, en attente');
  });
  it('writes every signal in words, in the order SPEC 6.3 lists them', () => {
    expect(signalsText('en', byId('K12').signals, rules)).toBe('had to be chased last time, objectives behind, revenue down more than 20% on the 90 days before');
    expect(normaliseSpaces(signalsText('fr', byId('K11').signals, rules))).toBe('objectifs en retard, visites en baisse de plus de 20 % sur les 90 jours d’avant, DN en baisse');
    expect(signalsText('en', ['margin_low', 'activity_down'], rules)).toBe('margin under 15% over the last 90 days, visits down more than 20% on the 90 days before');
    expect(signalsText('fr', [], rules)).toBe('aucun signal d’alerte');
    for (const lang of ['en', 'fr'] as const) {
      for (const s of ['chased_before', 'objectives_behind', 'margin_low', 'activity_down', 'revenue_down', 'dn_down'] as const) {
        expect(signalsText(lang, [s], rules)).not.toMatch(/signal_|\{/);
      }
    }
  });
  it('says the thresholds /meta serves, not typed ones', () => {
    const stricter = { ...rules, renewal_margin_low_rate: 0.2, renewal_revenue_down_ratio: 0.9 };
    expect(signalsText('en', ['margin_low', 'revenue_down'], stricter)).toBe('margin under 20% over the last 90 days, revenue down more than 10% on the 90 days before');
  });
  it('names the level', () => {
    expect(levelText('fr', 'high')).toBe('Risque élevé');
    expect(levelText('en', 'medium')).toBe('Medium risk');
    expect(levelText('en', 'low')).toBe('Low risk');
  });
  it('writes the overview alert with the level, the client, the contract, the days and the signals', () => {
    expect(renewalAlertText('en', byId('K12'), rules)).toBe(
      'High risk: Savons Doux, contract K12 ends in 31 days — had to be chased last time, objectives behind, revenue down more than 20% on the 90 days before.',
    );
    expect(normaliseSpaces(renewalAlertText('fr', byId('K05'), rules))).toBe(
      'Risque moyen : Café Roma, le contrat K05 fini depuis 15 jours, en attente — visites en baisse de plus de 20 % sur les 90 jours d’avant, CA en baisse de plus de 20 % sur les 90 jours d’avant.',
    );
  });
});

describe('renewal alerts', () => {
  it('raises one alert a contract at risk: high ones as dangers, medium ones as warnings, by the client revenue at stake', () => {
    const alerts = computeAlerts(report, rules);
    const renewals = alerts.filter((a) => a.kind === 'renewal');
    expect(renewals.map((a) => [a.contract?.contract_id, a.severity, a.clientId, a.impact])).toEqual([
      ['K11', 'danger', 'C03', 3100],
      ['K12', 'danger', 'C05', 650],
      ['K05', 'warning', 'C04', 570],
    ]);
    expect(alerts.map((a) => `${a.kind}:${a.contract?.contract_id ?? a.missionId ?? a.clientId}`).slice(0, 4)).toEqual(['renewal:K11', 'behind:M01', 'loss:M07', 'renewal:K12']);
  });
  it('puts each client to call once, with every reason', () => {
    expect(callList(report).map((c) => [c.clientId, c.reasons.map((x) => (x.kind === 'status' ? x.status : x.contract.contract_id))])).toEqual([
      ['C03', ['K11']],
      ['C05', ['K12']],
      ['C04', ['pending', 'K05']],
    ]);
  });
  it('makes a low-risk contract an information', () => {
    const r: Report = structuredClone(report);
    r.renewal_risk.contracts = [{ ...byId('K05'), signals: [], risk: 0, level: 'low' }];
    const alerts = computeAlerts(r, rules);
    expect(alerts.filter((a) => a.kind === 'renewal')).toMatchObject([{ severity: 'info', contract: { contract_id: 'K05' } }]);
  });
});

describe('the horizon of the Renewals page', () => {
  it('reads horizon_days from the URL, 90 when it is missing or not a whole number of days', () => {
    expect(horizonOf({})).toBe(DEFAULT_HORIZON_DAYS);
    expect(DEFAULT_HORIZON_DAYS).toBe(90);
    expect(horizonOf({ horizon_days: '30' })).toBe(30);
    expect(horizonOf({ horizon_days: '0' })).toBe(0);
    expect(horizonOf({ horizon_days: '-5' })).toBe(90);
    expect(horizonOf({ horizon_days: '12.5' })).toBe(90);
    expect(horizonOf({ horizon_days: 'soon' })).toBe(90);
  });
  it('leaves the default out of the URL', () => {
    expect(horizonParam(90)).toBeUndefined();
    expect(horizonParam(30)).toBe('30');
  });
});
