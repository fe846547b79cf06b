// Browser test of the brand review page (Bilan) against a server holding the
// golden folder bilan-marque (AGENCYKPI_BILAN_URL): the figures of C01 for
// 2026-H1 as of 2026-06-30 are those of review-cases/review-h1.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForTests, norm, open, ready, shot, text } from './browser.mjs';

const BILAN_URL = (process.env.AGENCYKPI_BILAN_URL ?? '').replace(/\/+$/, '');
if (!BILAN_URL) throw new Error('AGENCYKPI_BILAN_URL is not set: a running agencykpi server holding golden/bilan-marque');

const Q = 'period=2026-H1&as_of=2026-06-30';

describe('brand review page on bilan-marque', () => {
  const b = browserForTests({ locale: 'fr-FR' });

  test('C01 in French: DN 85,7 %, its change, the lift and the sell-out', async () => {
    await open(b.page, BILAN_URL, `#/bilan/C01?${Q}&lang=fr`);
    assert.match(await text(b.page, '[data-testid="bilan-brand"]'), /Biscuits Lumière/);
    assert.equal(await text(b.page, '[data-testid="bilan-dn"] .stat-value'), '85,7 %');
    assert.match(await text(b.page, '[data-testid="bilan-dn"] .stat-hint'), /\+42,9 pts/);
    assert.equal(await text(b.page, '[data-testid="bilan-lift"] .stat-value'), '+66,7 pts');
    assert.equal(await text(b.page, '[data-testid="bilan-sales"] .stat-value'), '6 790,25 €');
    assert.match(await text(b.page, '[data-testid="bilan-sales"] .stat-hint'), /\+49,2 %/);
    assert.equal(await b.page.locator('[data-testid="bilan-stores"] tbody tr').count(), 8);
    assert.ok((await b.page.locator('.chart svg').count()) >= 5, 'the charts are drawn');
    assert.deepEqual(b.consoleErrors, []);
    await shot(b.page, 'bilan-fr');
  });

  test('the store table filters by chain and by worked, in the URL', async () => {
    await open(b.page, BILAN_URL, `#/bilan/C01?${Q}&lang=fr`);
    const rows = b.page.locator('[data-testid="bilan-stores"] tbody tr');
    await b.page.selectOption('#filter-chain', { label: 'Carrefour' });
    await b.page.waitForURL(/chain=Carrefour/);
    await ready(b.page);
    assert.equal(await rows.count(), 2);
    await b.page.selectOption('#filter-worked', 'yes');
    await b.page.waitForURL(/worked=yes/);
    await ready(b.page);
    assert.equal(await rows.count(), 1);
    assert.match(norm(await rows.first().textContent()), /^S01/);
    await b.page.selectOption('#filter-chain', { label: 'Sans enseigne' });
    await b.page.waitForURL(/nochain=1/);
    await ready(b.page);
    assert.equal(await rows.count(), 1);
    assert.match(norm(await rows.first().textContent()), /^S04/);
  });

  test('the PDF and Excel buttons download the packs', async () => {
    await open(b.page, BILAN_URL, `#/bilan/C01?${Q}&lang=fr`);
    for (const [kind, magic] of [['pdf', '%PDF'], ['xlsx', 'PK']]) {
      const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.click(`[data-testid="review-${kind}"]`)]);
      assert.match(download.suggestedFilename(), new RegExp(`C01.*\\.${kind}$`));
      const stream = await download.createReadStream();
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      assert.ok(bytes.length > 1000, `${kind} has ${bytes.length} bytes`);
      assert.equal(bytes.subarray(0, magic.length).toString('latin1'), magic);
    }
  });

  test('the client page leads to the review; the brand picker lists the brands', async () => {
    await open(b.page, BILAN_URL, `#/clients/C01?${Q}&lang=en`);
    await b.page.click('[data-testid="client-bilan"]');
    await b.page.waitForURL(/#\/bilan\/C01/);
    await ready(b.page);
    assert.equal(await text(b.page, '[data-testid="bilan-dn"] .stat-value'), '85.7%');
    await open(b.page, BILAN_URL, `#/bilan?${Q}&lang=en`);
    const brands = b.page.locator('[data-testid="bilan-brands"] tbody tr');
    assert.ok((await brands.count()) >= 2, 'at least two brands have data');
    await brands.first().click();
    await b.page.waitForURL(/#\/bilan\/C01/);
    await ready(b.page);
    await shot(b.page, 'bilan-en');
  });
});
