// Browser test of the Team and Renewals pages, the fixed fees and the price
// calculator against a server holding the golden folder agence-forfaits
// (AGENCYKPI_FORFAITS_URL). The figures are read from the golden expected
// files: kpi6-cases/forfaits-h1 (2026-H1 as of 2026-06-30) and price-cases.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { browserForTests, norm, open, ready, shot, text } from './browser.mjs';

const FORFAITS_URL = (process.env.AGENCYKPI_FORFAITS_URL ?? '').replace(/\/+$/, '');
if (!FORFAITS_URL) throw new Error('AGENCYKPI_FORFAITS_URL is not set: a running agencykpi server holding golden/agence-forfaits');

const GOLDEN = process.env.AGENCYKPI_GOLDEN ?? path.join(import.meta.dirname, '..', '..', 'tests', 'golden', 'reference');
const golden = (file) => JSON.parse(fs.readFileSync(path.join(GOLDEN, file), 'utf8'));
const report = golden('kpi6-cases/forfaits-h1.expected.json');
const price = (name) => golden(`price-cases/${name}.expected.json`);

const Q = 'period=2026-H1&as_of=2026-06-30';
const money = (n) => norm(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(n));
const percent = (r) => norm(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(r));
const change = (r) => norm(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(r));
const rowsOf = (page, testid) => page.locator(`[data-testid="${testid}"] tbody tr`);
const rowTexts = async (page, testid) => (await rowsOf(page, testid).allInnerTexts()).map(norm);

/** Waits until the calculator shows the answer to these decimals. */
async function quote(page, margin, scope = '0') {
  await page.waitForSelector(`[data-testid="price-out"][data-state="ready"][data-quote="${margin}|${scope}"]`, { timeout: 15000 });
}

describe('Team, Renewals, fixed fees and the price calculator on agence-forfaits', () => {
  const b = browserForTests({ locale: 'fr-FR' });

  test('Team in French: the totals, the cost of a visit, the most occupied first and the flags', async () => {
    const w = report.workload;
    await open(b.page, FORFAITS_URL, `#/team?${Q}&lang=fr`);
    assert.equal(await text(b.page, '[data-testid="team-employees"] .stat-value'), String(w.employees));
    assert.equal(await text(b.page, '[data-testid="team-hours"] .stat-value'), '146,25 h');
    assert.equal(await text(b.page, '[data-testid="team-billable"] .stat-value'), percent(w.billable_share));
    assert.equal(await text(b.page, '[data-testid="team-cost-per-visit"] .stat-value'), money(w.cost_per_visit));
    const rows = await rowTexts(b.page, 'team-table');
    assert.deepEqual(rows.map((r) => r.slice(0, 3)), ['E01', 'E02', 'E03'], 'occupancy descending, no weekly hours last');
    assert.match(rows[0], /Alice Martin.*Sous-occupé ?7 %/);
    assert.equal(await b.page.locator('[data-testid="team-table"] tbody tr.occ-under').count(), 2);
    assert.equal(await b.page.locator('[data-testid="team-table"] tbody tr.occ-none').count(), 1);
    assert.match(await text(b.page, '[data-testid="team-table"] th[aria-sort="descending"]'), /Occupation/);
    assert.ok((await b.page.locator('.chart svg').count()) >= 2, 'the occupancy and hours charts are drawn');
    await shot(b.page, 'team-fr');
    await b.page.click('[data-testid="team-table"] th:has-text("Facturable") button');
    await b.page.waitForURL(/sort=-billable_share/);
    await ready(b.page);
    assert.deepEqual((await rowTexts(b.page, 'team-table')).map((r) => r.slice(0, 3)), ['E01', 'E02', 'E03']);
    await b.page.click('[data-testid="team-table"] th:has-text("Facturable") button');
    await b.page.waitForURL(/sort=billable_share/);
    await ready(b.page);
    assert.deepEqual((await rowTexts(b.page, 'team-table')).map((r) => r.slice(0, 3)), ['E03', 'E01', 'E02']);
    assert.deepEqual(b.consoleErrors, []);
  });

  test('Renewals in French: SPEC order, level, days left and signals in words; the horizon in the URL', async () => {
    const expected = report.renewal_risk.contracts;
    await open(b.page, FORFAITS_URL, `#/renewals?${Q}&lang=fr`);
    assert.equal(await text(b.page, '[data-testid="renewals-count"] .stat-value'), String(expected.length));
    assert.equal(await text(b.page, '[data-testid="renewals-high"] .stat-value'), String(expected.filter((c) => c.level === 'high').length));
    const rows = await rowTexts(b.page, 'renewals-table');
    assert.equal(rows.length, expected.length);
    expected.forEach((c, i) => assert.match(rows[i], new RegExp(c.contract_id), `row ${i + 1} is ${c.contract_id}`));
    assert.match(rows[0], /Risque moyen.*Café Roma.*K05.*fini depuis 15 jours, en attente.*visites en baisse de plus de 20 % sur les 90 jours d’avant.*CA en baisse de plus de 20 %/);
    assert.match(rows[1], /Risque élevé.*Savons Doux.*K12.*finit dans 31 jours.*il a fallu le relancer la dernière fois.*objectifs en retard/);
    assert.match(rows[2], /Risque élevé.*Fromagerie Alpine.*K11.*finit dans 62 jours.*DN en baisse/);
    await shot(b.page, 'renewals-fr');
    await b.page.click('[data-testid="horizon"] button[data-days="30"]');
    await b.page.waitForURL(/horizon_days=30/);
    await ready(b.page);
    // Within 30 days only the contract ended 15 days ago and still pending is left (SPEC 6.3: a − g < end_date ≤ a + H).
    const within30 = await rowTexts(b.page, 'renewals-table');
    assert.equal(within30.length, 1);
    assert.match(within30[0], /K05/);
    await b.page.click('[data-testid="horizon"] button[data-days="90"]');
    await b.page.waitForURL((u) => !/horizon_days/.test(u.hash));
    await ready(b.page);
    await b.page.click('[data-testid="renewals-table"] a:has-text("Savons Doux")');
    await b.page.waitForURL(/#\/clients\/C05/);
    await ready(b.page);
    assert.match(await text(b.page, '[data-testid="client-name"]'), /Savons Doux/);
  });

  test('Renewals in English and the overview alerts, high first', async () => {
    await open(b.page, FORFAITS_URL, `#/renewals?${Q}&lang=en`);
    assert.match((await rowTexts(b.page, 'renewals-table'))[1], /High risk.*ends in 31 days.*had to be chased last time/);
    await open(b.page, FORFAITS_URL, `#/overview?${Q}&lang=fr`);
    const renewals = b.page.locator('[data-testid="alerts"] li[data-kind="renewal"]');
    assert.equal(await renewals.count(), 3);
    // By the client's revenue at stake: Fromagerie Alpine (3 100 €), Savons Doux (650 €), Café Roma (570 €).
    assert.deepEqual(await renewals.evaluateAll((els) => els.map((e) => e.getAttribute('data-contract'))), ['K11', 'K12', 'K05']);
    const first = b.page.locator('[data-testid="alerts"] li').first();
    assert.match(norm(await first.textContent()), /^Risque élevé : Fromagerie Alpine, le contrat K11 finit dans 62 jours — .*3 100,00 €$/);
    const impacts = await b.page.locator('[data-testid="alerts"] li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-impact') ?? -1)));
    assert.equal(Number(await first.getAttribute('data-impact')), Math.max(...impacts), 'the first alert has the largest euro impact');
    assert.match(norm(await renewals.nth(2).getAttribute('class')), /alert-warning/);
    await shot(b.page, 'overview-forfaits-fr');
  });

  test('margin page: earned revenue and margin beside the invoiced ones, the fixed-fee missions with the gap in words', async () => {
    const mg = report.margin;
    await open(b.page, FORFAITS_URL, `#/margin?${Q}&lang=fr`);
    assert.equal(await text(b.page, '[data-testid="margin-revenue"] .stat-value'), money(mg.revenue));
    assert.equal(await text(b.page, '[data-testid="earned-revenue"] .stat-value'), money(mg.earned_revenue));
    assert.equal(await text(b.page, '[data-testid="earned-margin"] .stat-value'), money(mg.earned_margin));
    assert.equal(await text(b.page, '[data-testid="earned-margin-rate"] .stat-value'), percent(mg.earned_margin_rate));
    const fees = await rowTexts(b.page, 'fee-table');
    // The most work waiting to be invoiced first (billing gap ascending, SPEC order on ties).
    const withFee = mg.missions.filter((m) => m.fee !== null).map((m, i) => ({ m, i })).sort((x, y) => x.m.billing_gap - y.m.billing_gap || x.i - y.i).map((x) => x.m);
    assert.deepEqual(fees.map((r) => r.slice(0, 3)), withFee.map((m) => m.mission_id));
    const m04 = withFee.find((m) => m.mission_id === 'M04');
    const m04Row = fees[withFee.indexOf(m04)];
    assert.ok(m04Row.includes(`facturation en retard de ${money(-m04.billing_gap)}`), m04Row);
    assert.ok(m04Row.includes(money(m04.earned_revenue)));
    const ahead = withFee.findIndex((m) => m.billing_gap > 0);
    assert.ok(ahead >= 0 && fees[ahead].includes(`facturé ${money(withFee[ahead].billing_gap)} d’avance`), fees[ahead]);
    await shot(b.page, 'margin-fees-fr');
  });

  test('mission page: the fixed fee earned, and the price of its renewal live', async () => {
    const m04 = report.margin.missions.find((m) => m.mission_id === 'M04');
    await open(b.page, FORFAITS_URL, `#/missions/M04?${Q}&lang=fr`);
    assert.equal(await text(b.page, '[data-testid="mission-earned-revenue"] .stat-value'), money(m04.earned_revenue));
    assert.equal(await text(b.page, '[data-testid="mission-billing-gap"] .stat-value'), `facturation en retard de ${money(-m04.billing_gap)}`);

    const m01 = price('price-m01');
    await open(b.page, FORFAITS_URL, `#/missions/M01?${Q}&lang=fr`);
    assert.equal(await b.page.inputValue('#price-margin'), '25');
    await quote(b.page, '0.25');
    assert.equal(await text(b.page, '[data-testid="price-minimum"] .stat-value'), money(m01.minimum_price));
    assert.equal(await text(b.page, '[data-testid="price-annual"] .stat-value'), money(m01.annual_minimum_price));
    assert.equal(await text(b.page, '[data-testid="price-required-change"] .stat-value'), change(m01.required_change));
    assert.equal(await text(b.page, '[data-testid="price-per-visit"] .stat-value'), money(m01.per_visit));
    assert.equal(await text(b.page, '[data-testid="price-per-hour"] .stat-value'), money(m01.per_hour));
    await shot(b.page, 'mission-price-fr');

    // Typed one key at a time: only the answer to the last value shows, and the URL keeps it.
    await b.page.fill('#price-margin', '');
    await b.page.locator('#price-margin').pressSequentially('12,5', { delay: 40 });
    await quote(b.page, '0.125');
    assert.match(b.page.url(), /margin=12%2C5|margin=12,5/);
    assert.equal(await text(b.page, '[data-testid="price-minimum"] .stat-value'), money(Math.round((m01.full_cost / 0.875) * 100) / 100));

    // The server refuses a target margin of 100 %: its message stands beside the input.
    await b.page.fill('#price-margin', '100');
    await b.page.waitForSelector('[data-testid="price-out"][data-state="error"]');
    await b.page.waitForFunction(() => document.querySelector('#price-margin-error')?.textContent !== '');
    assert.match(await text(b.page, '#price-margin-error'), /target_margin|marge|margin/i);
    assert.equal(await b.page.getAttribute('#price-margin', 'aria-invalid'), 'true');
    await b.page.fill('#price-margin', 'abc');
    assert.match(await text(b.page, '#price-margin-error'), /pas un nombre/);
    await b.page.fill('#price-margin', '25');
    await quote(b.page, '0.25');
    assert.equal(await text(b.page, '#price-margin-error'), '');
  });

  test('price cases: unbilled mission, scope change from a shared link, a year seen midway', async () => {
    const unbilled = price('price-unbilled');
    await open(b.page, FORFAITS_URL, `#/missions/M07?${Q}&lang=fr`);
    await b.page.fill('#price-margin', '20');
    await quote(b.page, '0.2');
    assert.equal(await text(b.page, '[data-testid="price-minimum"] .stat-value'), money(unbilled.minimum_price));
    assert.equal(await text(b.page, '[data-testid="price-required-change"] .stat-value'), '—');
    assert.equal(await text(b.page, '[data-testid="price-per-visit"] .stat-value'), money(unbilled.per_visit));

    const scope = price('price-m03-scope');
    await open(b.page, FORFAITS_URL, '#/missions/M03?period=2025-H2&as_of=2026-06-30&lang=fr&margin=30&scope=10');
    assert.equal(await b.page.inputValue('#price-scope'), '10');
    await quote(b.page, '0.3', '0.1');
    assert.equal(await text(b.page, '[data-testid="price-minimum"] .stat-value'), money(scope.minimum_price));
    assert.equal(await text(b.page, '[data-testid="price-projected-cost"] .stat-value'), money(scope.projected_cost));
    assert.equal(await text(b.page, '[data-testid="price-per-visit"] .stat-value'), '—');
    assert.equal(await text(b.page, '[data-testid="price-per-hour"] .stat-value'), money(scope.per_hour));

    const midway = price('price-midway');
    await open(b.page, FORFAITS_URL, '#/missions/M04?period=2026&as_of=2026-05-10&lang=en&margin=0&scope=-25');
    await quote(b.page, '0', '-0.25');
    assert.equal(await text(b.page, '[data-testid="price-minimum"] .stat-value'), norm(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(midway.minimum_price)));
    assert.match(await text(b.page, '[data-testid="price-minimum"] .stat-hint'), /130 days/);
    assert.equal(await text(b.page, '[data-testid="price-annual"] .stat-value'), norm(new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(midway.annual_minimum_price)));
    await shot(b.page, 'mission-price-en');
    assert.deepEqual(b.consoleErrors, []);
  });
});
