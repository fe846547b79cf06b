// Browser tests of the dashboard against a running agencykpi server
// (AGENCYKPI_URL) that holds the golden agency. Import tests use a server on
// a throwaway database (AGENCYKPI_IMPORT_URL). Screenshots of every page go
// to AGENCYKPI_SCREENSHOTS.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE_URL, IMPORT_URL, browserForTests, launch, norm, open, ready, shot, text } from './browser.mjs';

const Q = 'period=2026-H1&as_of=2026-06-30';

if (!BASE_URL) throw new Error('AGENCYKPI_URL is not set: the base URL of a running agencykpi server');

describe('dashboard on the golden agency', () => {
  const b = browserForTests({ locale: 'fr-FR' });

  test('overview in French shows recurrence 50 % and revenue 34 420,50 €', async () => {
    await open(b.page, BASE_URL, `#/overview?${Q}&lang=fr`);
    const rec = await text(b.page, '[data-testid="kpi-recurrence-value"]');
    assert.match(rec, /^50 ?%$/, `recurrence card shows ${rec}`);
    const revenue = await text(b.page, '[data-testid="kpi-revenue-value"]');
    assert.equal(revenue, '34 420,50 €');
    assert.equal(await b.page.locator('[data-testid^="kpi-"][href]').count(), 4, 'four KPI cards');
    const alerts = norm(await b.page.locator('[data-testid="alerts"]').textContent());
    assert.match(alerts, /Savons Doux/, 'the lost client is an alert');
    assert.match(alerts, /77,7 %/, 'the client above 25 % of revenue is an alert');
    assert.deepEqual(b.consoleErrors, []);
    await shot(b.page, 'overview-fr');
  });

  test('a view past the data’s last day says so and offers that day', async () => {
    await open(b.page, BASE_URL, '#/overview?period=2026-H2&as_of=2026-12-02&lang=fr');
    await b.page.waitForSelector('[data-testid="stale-data"]');
    assert.match(norm(await text(b.page, '[data-testid="stale-data"]')), /Les données s’arrêtent au 31 juil\. 2026/);
    await shot(b.page, 'stale-data-fr');
    await b.page.click('[data-testid="stale-data"] button');
    await b.page.waitForURL(/as_of=2026-07-31/);
    await ready(b.page);
    await b.page.waitForLoadState('networkidle');
    assert.equal(await b.page.locator('[data-testid="stale-data"]').count(), 0);
    // A view that stops before the last day says nothing.
    await open(b.page, BASE_URL, `#/overview?${Q}&lang=fr`);
    await b.page.waitForLoadState('networkidle');
    assert.equal(await b.page.locator('[data-testid="stale-data"]').count(), 0);
  });

  test('French is the default for a French browser; the toggle switches to English', async () => {
    await open(b.page, BASE_URL, `#/overview?${Q}`);
    assert.match(b.page.url(), /lang=fr/);
    assert.equal(await text(b.page, '[data-testid="kpi-revenue-value"]'), '34 420,50 €');
    await b.page.click('button[data-lang="en"]');
    await b.page.waitForURL(/lang=en/);
    await ready(b.page);
    assert.equal(await text(b.page, '[data-testid="kpi-revenue-value"]'), '€34,420.50');
    assert.equal(await text(b.page, '[data-testid="kpi-recurrence-value"]'), '50%');
    await shot(b.page, 'overview-en');
  });

  test('changing the period to 2026-Q1 updates the URL and the cards', async () => {
    await open(b.page, BASE_URL, `#/overview?${Q}&lang=fr`);
    await b.page.selectOption('#period-kind', 'quarter');
    await b.page.waitForURL(/period=2026-Q/);
    await ready(b.page);
    await b.page.selectOption('#period-sub', '1');
    await b.page.waitForURL(/period=2026-Q1/);
    await ready(b.page);
    assert.match(b.page.url(), /as_of=2026-06-30/);
    assert.match(await text(b.page, '[data-testid="period-label"]'), /T1 2026/);
    const revenue = await text(b.page, '[data-testid="kpi-revenue-value"]');
    assert.match(revenue, /€$/);
    assert.notEqual(revenue, '34 420,50 €', 'the revenue card follows the period');
    await shot(b.page, 'overview-q1');
  });

  test('the revenue page lists every client with every column; sorting follows the URL', async () => {
    await open(b.page, BASE_URL, `#/revenue?${Q}&lang=fr`);
    const rows = b.page.locator('[data-testid="revenue-table"] tbody tr');
    assert.equal(await rows.count(), 6);
    assert.equal(await b.page.locator('[data-testid="revenue-table"] thead th').count(), 17);
    await b.page.locator('[data-testid="revenue-table"] thead th', { hasText: 'Heures' }).locator('button').click();
    await b.page.waitForURL(/sort=-hours/);
    await ready(b.page);
    assert.match(norm(await rows.first().textContent()), /^C01/);
    assert.match(norm(await rows.nth(1).textContent()), /^C02/);
    // The Excel button: the whole report's workbook for the view's period, as-of and language.
    const href = await b.page.locator('[data-testid="revenue-table-xlsx"]').getAttribute('href');
    const url = new URL(href, b.page.url());
    assert.equal(url.pathname, '/api/v1/report.xlsx');
    assert.equal(url.searchParams.get('period'), '2026-H1');
    assert.equal(url.searchParams.get('as_of'), '2026-06-30');
    assert.equal(url.searchParams.get('lang'), 'fr');
    const answer = await b.page.evaluate(async (u) => {
      const r = await fetch(u);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b };
    }, url.href);
    assert.equal(answer.status, 200);
    assert.equal(answer.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(answer.disposition, /filename="rapport-2026-H1\.xlsx"/);
    assert.ok(answer.zip, 'the answer is a zip (an xlsx)');
    await shot(b.page, 'revenue');
  });

  test('clicking C01 in the Pareto chart opens its client page', async () => {
    await open(b.page, BASE_URL, `#/revenue?${Q}&lang=fr`);
    const chartEl = b.page.locator('[data-testid="pareto-chart"]');
    await chartEl.scrollIntoViewIfNeeded();
    await b.page.waitForTimeout(400);
    // Where ECharts drew C01's bar: first category, half its height.
    const point = await chartEl.evaluate((el) => {
      const chart = el.__chart;
      const opt = chart.getOption();
      const idx = opt.series.findIndex((s) => s.type === 'bar' && s.data[0] !== null && s.data[0] !== undefined);
      const v = opt.series[idx].data[0];
      return chart.convertToPixel({ seriesIndex: idx }, [0, (typeof v === 'object' ? v.value : v) / 2]);
    });
    const box = await chartEl.boundingBox();
    // As a person does: point at the bar (its tooltip shows), then click it.
    await b.page.mouse.move(box.x + point[0], box.y + point[1]);
    await b.page.waitForTimeout(150);
    assert.match(norm(await chartEl.textContent()), /Biscuits Lumière \(C01\)/, 'the tooltip names C01');
    await b.page.mouse.click(box.x + point[0], box.y + point[1]);
    await b.page.waitForURL(/#\/clients\/C01\?/);
    await ready(b.page);
    assert.match(await text(b.page, '[data-testid="client-name"]'), /Biscuits Lumière/);
    assert.match(b.page.url(), /period=2026-H1/);
    assert.equal(await text(b.page, '[data-testid="client-revenue"] .stat-value'), '26 750,50 €');
    await shot(b.page, 'client-C01');
  });

  test('a mission row opens the mission page', async () => {
    await open(b.page, BASE_URL, `#/margin?${Q}&lang=fr`);
    await shot(b.page, 'margin');
    await b.page.locator('[data-testid="margin-table"] tbody tr', { hasText: 'M03' }).first().click();
    await b.page.waitForURL(/#\/missions\/M03\?/);
    await ready(b.page);
    assert.match(await text(b.page, '[data-testid="mission-name"]'), /M03/);
    await shot(b.page, 'mission-M03');
    await open(b.page, BASE_URL, `#/missions/M01?${Q}&lang=fr`);
    await shot(b.page, 'mission-M01');
  });

  test('recurrence and objectives pages', async () => {
    await open(b.page, BASE_URL, `#/recurrence?${Q}&lang=fr`);
    assert.match(await text(b.page, '[data-testid="recurrence-rate"] .stat-value'), /^50 ?%$/);
    assert.equal(await b.page.locator('[data-testid="recurrence-table"] tbody tr').count(), 5);
    await shot(b.page, 'recurrence');
    await open(b.page, BASE_URL, `#/objectives?${Q}&lang=fr`);
    assert.equal(await b.page.locator('[data-testid="objectives-list"] > li').count(), 7);
    await b.page.selectOption('#objectives-list-filter-client_id', 'C01');
    await b.page.waitForURL(/f\.client_id=C01/);
    await ready(b.page);
    assert.equal(await b.page.locator('[data-testid="objectives-list"] > li').count(), 3);
    await open(b.page, BASE_URL, `#/objectives?${Q}&lang=fr`);
    await shot(b.page, 'objectives');
  });

  test('an unknown client shows the API error message', async () => {
    await open(b.page, BASE_URL, `#/clients/NOPE?${Q}&lang=fr`);
    const err = await text(b.page, '.state-error');
    assert.match(err, /NOPE|not found|introuvable|unknown/i);
  });

  test('tablet layout', async () => {
    const t = await launch({ locale: 'fr-FR', viewport: { width: 820, height: 1180 } });
    try {
      await open(t.page, BASE_URL, `#/overview?${Q}&lang=fr`);
      assert.equal(await text(t.page, '[data-testid="kpi-revenue-value"]'), '34 420,50 €');
      await shot(t.page, 'overview-tablet');
    } finally {
      await t.close();
    }
  });

  test('import page (no upload on the golden server)', async () => {
    await open(b.page, BASE_URL, `#/import?${Q}&lang=fr`);
    await b.page.locator('[data-testid="dropzone"]').waitFor();
    await shot(b.page, 'import');
  });
});

describe('import into a throwaway server', { skip: IMPORT_URL ? false : 'AGENCYKPI_IMPORT_URL is not set' }, () => {
  const b = browserForTests({ locale: 'fr-FR' });
  let dir;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agencykpi-bad-folder-'));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a clients.csv with a duplicate id is refused with FILE:LINE: COLUMN', async () => {
    fs.writeFileSync(path.join(dir, 'clients.csv'), 'client_id,name,sector\nC01,Biscuits Lumière,épicerie\nC01,Doublon,boissons\n');
    await open(b.page, IMPORT_URL, `#/import?${Q}&lang=fr`);
    await b.page.setInputFiles('#import-files', [path.join(dir, 'clients.csv')]);
    const errors = b.page.locator('[data-testid="import-errors"] li');
    await errors.first().waitFor({ timeout: 20000 });
    const all = (await errors.allTextContents()).map(norm);
    assert.ok(all.some((e) => /^clients\.csv:3: client_id: /.test(e)), `errors: ${all.join(' | ')}`);
    assert.match(await text(b.page, '[data-testid="import-refused"]'), /Import refusé/);
    await shot(b.page, 'import-errors');
  });

  test('a valid folder is imported and its counts shown', async () => {
    fs.writeFileSync(path.join(dir, 'clients.csv'), 'client_id,name,sector\nC01,Biscuits Lumière,épicerie\nC02,Eaux du Val,boissons\n');
    await open(b.page, IMPORT_URL, `#/import?${Q}&lang=fr`);
    await b.page.setInputFiles('#import-files', [path.join(dir, 'clients.csv')]);
    await b.page.locator('[data-testid="import-success"]').waitFor({ timeout: 20000 });
    assert.match(await text(b.page, '[data-testid="import-success"]'), /Import réussi/);
    await shot(b.page, 'import-success');
  });
});
