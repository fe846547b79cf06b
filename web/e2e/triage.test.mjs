// Browser test of triage at scale, against a server holding the demo agency
// at --scale 20 (AGENCYKPI_SCALE_URL: 960 clients, 3 517 missions): every
// page fits in four screens with its defaults, the margin page's top 20 is
// the 20 worst full margins, a mission is found by its id, the overview's
// first alert is the largest euro impact, and the manager's path to the worst
// mission takes two clicks. The expected lists are asked of the API.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForTests, norm, open, ready, shot, text } from './browser.mjs';

const SCALE_URL = (process.env.AGENCYKPI_SCALE_URL ?? '').replace(/\/+$/, '');
if (!SCALE_URL) throw new Error('AGENCYKPI_SCALE_URL is not set: a running agencykpi server holding the --scale 20 demo agency');

const Q = 'period=2026-H1&as_of=2026-06-30';
const VIEWPORT = { width: 1440, height: 900 };
const MAX_SCREENS = 4;
const PAGES = ['overview', 'recurrence', 'revenue', 'margin', 'objectives', 'team', 'renewals'];

async function api(path) {
  const res = await fetch(`${SCALE_URL}/api/v1/${path}`);
  assert.equal(res.status, 200, path);
  return res.json();
}
const rowIds = (page, testid) => page.locator(`[data-testid="${testid}"] tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.cells[0].textContent.trim()));

describe('triage at scale on the --scale 20 demo agency', () => {
  const b = browserForTests({ locale: 'fr-FR', viewport: VIEWPORT });

  test('every list page is shorter than four screens with its defaults', async () => {
    const margin = await api(`report?${Q}&section=margin&limit=1`);
    assert.ok(margin.unfiltered > 1000, `a real-size agency: ${margin.unfiltered} missions`);
    for (const p of PAGES) {
      await open(b.page, SCALE_URL, `#/${p}?${Q}&lang=fr`);
      await b.page.waitForTimeout(300);  // charts settle
      const height = await b.page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < MAX_SCREENS * VIEWPORT.height, `${p}: ${height} px, ${(height / VIEWPORT.height).toFixed(2)} screens`);
      await shot(b.page, `scale20-${p}`);
    }
    assert.deepEqual(b.consoleErrors, []);
  });

  test('the margin page opens on the 20 worst full margins, with every mission one click away', async () => {
    const worst = await api(`report?${Q}&section=margin&sort=full_margin&limit=20`);
    await open(b.page, SCALE_URL, `#/margin?${Q}&lang=fr`);
    assert.deepEqual(await rowIds(b.page, 'margin-table'), worst.items.map((m) => m.mission_id));
    assert.match(norm(await text(b.page, '[data-testid="margin-table-count"]')), new RegExp(`^20 sur ${norm(new Intl.NumberFormat('fr-FR').format(worst.total))}$`));
    // The rate chart follows the table: the same 20 missions.
    const bars = await b.page.locator('.chart').first().evaluate((el) => el.__chart.getOption().yAxis[0].data);
    assert.equal(bars.length, 20);
    assert.ok(bars.at(-1).startsWith(worst.items[0].mission_id), 'the worst mission is the chart\'s top bar');
    // Show all: the count says every mission; scrolled to the end, the last row is the best margin.
    await b.page.click('[data-testid="margin-table-all"]');
    await b.page.waitForURL(/all=1/);
    await ready(b.page);
    const last = await api(`report?${Q}&section=margin&sort=full_margin&limit=1&offset=${worst.total - 1}`);
    await b.page.locator('[data-testid="margin-table"]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const lastRow = b.page.locator(`[data-testid="margin-table"] tbody tr[data-index="${worst.total - 1}"]`);
    await lastRow.waitFor({ timeout: 15000 });
    await b.page.waitForFunction((i) => !document.querySelector(`[data-testid="margin-table"] tr[data-index="${i}"]`)?.classList.contains('row-pending'), worst.total - 1);
    assert.equal(norm(await lastRow.locator('td').first().textContent()), last.items[0].mission_id);
    const rendered = await b.page.locator('[data-testid="margin-table"] tbody tr[data-index]').count();
    assert.ok(rendered < 100, `only the rows in view are in the page (${rendered})`);
    await shot(b.page, 'scale20-margin-all');
  });

  test('searching a mission id finds it, and a client is picked by its name', async () => {
    const some = await api(`report?${Q}&section=margin&sort=-revenue&limit=1&offset=500`);
    const target = some.items[0];
    await open(b.page, SCALE_URL, `#/margin?${Q}&lang=fr`);
    await b.page.fill('[data-testid="margin-table-search"]', target.mission_id);
    await b.page.waitForURL(new RegExp(`q=${target.mission_id}`));
    await ready(b.page);
    assert.deepEqual(await rowIds(b.page, 'margin-table'), [target.mission_id]);
    // A client with many missions, picked by typing its name in the searchable picker.
    const clientMissions = await api(`report?${Q}&section=margin&filter.client_id=${target.client_id}&limit=100`);
    await open(b.page, SCALE_URL, `#/margin?${Q}&lang=fr`);
    const picker = b.page.locator('#margin-table-filter-client_id');
    assert.equal(await picker.evaluate((el) => el.tagName), 'INPUT', 'hundreds of clients: a searchable picker, not a select');
    await picker.fill(target.client_name);
    await picker.dispatchEvent('change');
    await b.page.waitForURL(new RegExp(`f\\.client_id=${target.client_id}`));
    await ready(b.page);
    const ids = await rowIds(b.page, 'margin-table');
    assert.deepEqual(new Set(ids), new Set(clientMissions.items.slice(0, 20).map((m) => m.mission_id)));
    assert.ok(ids.includes(target.mission_id));
  });

  test('the overview is a to-do list: the first alert has the largest euro impact', async () => {
    await open(b.page, SCALE_URL, `#/overview?${Q}&lang=fr`);
    const alerts = b.page.locator('[data-testid="alerts"] li');
    const impacts = await alerts.evaluateAll((els) => els.map((e) => (e.hasAttribute('data-impact') ? Number(e.getAttribute('data-impact')) : -Infinity)));
    assert.ok(impacts.length > 3);
    assert.equal(impacts[0], Math.max(...impacts));
    // The largest loss of the loss group is the worst full margin of the API's losing missions.
    const losses = await api(`report?${Q}&section=margin&filter.flags=loss&sort=full_margin&limit=1`);
    const loss = b.page.locator('[data-testid="alerts"] li[data-kind="loss"]').first();
    assert.equal(Number(await loss.getAttribute('data-impact')), -losses.items[0].full_margin);
    assert.match(norm(await b.page.locator('[data-group="loss"] .count-badge').textContent()), new RegExp(`^${norm(new Intl.NumberFormat('fr-FR').format(losses.total))}$`));
    // To call this week: the lost client with the most revenue at stake is named, not coded.
    const lost = await api(`report?${Q}&section=recurrence&filter.status=lost,pending&sort=-revenue&limit=1`);
    assert.ok((await b.page.locator('[data-testid="call-list"]').textContent()).includes(lost.items[0].name));
    await shot(b.page, 'scale20-overview');
  });

  test('a manager finds the five worst missions and opens the first in two clicks', async () => {
    const worst = await api(`report?${Q}&section=margin&sort=full_margin&limit=5`);
    await open(b.page, SCALE_URL, `#/overview?${Q}&lang=fr`);
    await b.page.click('nav a[data-page="margin"]');  // click 1: the margin page, worst first
    await ready(b.page);
    assert.deepEqual((await rowIds(b.page, 'margin-table')).slice(0, 5), worst.items.map((m) => m.mission_id));
    await b.page.locator('[data-testid="margin-table"] tbody tr').first().click();  // click 2: the worst mission
    await b.page.waitForURL(new RegExp(`#/missions/${worst.items[0].mission_id}\\?`));
    await ready(b.page);
    assert.match(await text(b.page, '[data-testid="mission-name"]'), new RegExp(worst.items[0].mission_id));
  });
});
