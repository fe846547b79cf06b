// Browser test of the sign-in against a server whose store has accounts
// (AGENCYKPI_ACCOUNTS_URL: golden/bilan-marque, an admin and a brand
// account of C01, made by e2e/run.sh): the form, a wrong password, the
// admin's dashboard and accounts page, sign-out; the brand account landing
// on its own review and kept there.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForTests, norm, ready, shot, text } from './browser.mjs';

const URL = (process.env.AGENCYKPI_ACCOUNTS_URL ?? '').replace(/\/+$/, '');
if (!URL) throw new Error('AGENCYKPI_ACCOUNTS_URL is not set: a server whose store has accounts');

async function signIn(page, email, password) {
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('[data-testid="login-form"] button[type="submit"]');
}

describe('sign-in on a store with accounts', () => {
  const b = browserForTests({ locale: 'fr-FR' });

  test('the form refuses a wrong password, then the admin sees every tab and the accounts', async () => {
    await b.page.goto(`${URL}/#/overview?period=2026-H1&as_of=2026-06-30&lang=fr`);
    await b.page.waitForSelector('[data-testid="login-form"]');
    await shot(b.page, 'login-fr');
    await signIn(b.page, 'admin@agency.test', 'not the password');
    await b.page.waitForFunction(() => document.querySelector('[data-testid="login-error"]')?.textContent !== '');
    assert.equal(await text(b.page, '[data-testid="login-error"]'), 'E-mail ou mot de passe incorrect.');
    await signIn(b.page, 'admin@agency.test', 'admin password long');
    await ready(b.page);
    assert.match(norm(await text(b.page, '[data-testid="user-menu"]')), /Anne · administrateur/);
    const tabs = await b.page.locator('.tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-page')));
    assert.ok(tabs.includes('margin') && tabs.includes('import') && tabs.includes('users'), tabs.join(','));
    await b.page.click('[data-page="users"]');
    await ready(b.page);
    assert.equal(await b.page.locator('[data-testid="users"] tbody tr').count(), 2);
    assert.match(norm(await text(b.page, '[data-testid="audit"]')), /login/);
    // The brands of an account are edited in place, and kept (the page reloads
    // the accounts and the audit log, which then lists the change).
    const brands = '[data-testid="clients-brand@c01.test"]';
    const changes = () =>
      b.page.evaluate(() => (document.querySelector('[data-testid="audit"]')?.textContent?.match(/user_changed/g) ?? []).length);
    await b.page.fill(brands, 'C01, C02');
    await b.page.press(brands, 'Enter');
    await b.page.waitForFunction(() => /user_changed/.test(document.querySelector('[data-testid="audit"]')?.textContent ?? ''));
    assert.equal(await b.page.inputValue(brands), 'C01, C02');
    await b.page.fill(brands, 'C01');
    await b.page.press(brands, 'Enter');
    await b.page.waitForFunction(
      () => (document.querySelector('[data-testid="audit"]')?.textContent?.match(/user_changed/g) ?? []).length === 2,
    );
    assert.equal(await changes(), 2);
    assert.equal(await b.page.inputValue(brands), 'C01');
    await shot(b.page, 'users-fr');
    await b.page.click('[data-testid="logout"]');
    await b.page.waitForSelector('[data-testid="login-form"]');
    assert.deepEqual(b.consoleErrors, []);
  });

  test('a brand account lands on its own review and sees nothing else', async () => {
    await b.page.goto(`${URL}/#/overview?period=2026-H1&as_of=2026-06-30&lang=fr`);
    await b.page.waitForSelector('[data-testid="login-form"]');
    await signIn(b.page, 'brand@c01.test', 'brand password long');
    // One brand: its review at once.
    await b.page.waitForURL(/#\/bilan\/C01/);
    await ready(b.page);
    assert.match(await text(b.page, '[data-testid="bilan-brand"]'), /Biscuits Lumière/);
    const tabs = await b.page.locator('.tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-page')));
    assert.deepEqual(tabs, ['bilan']);
    // A figure page typed in the address bar sends back to the review.
    await b.page.goto(`${URL}/#/margin?period=2026-H1&as_of=2026-06-30&lang=fr`);
    await ready(b.page);
    await b.page.waitForURL(/#\/bilan/);
    await b.page.goto(`${URL}/#/bilan/C01?period=2026-H1&as_of=2026-06-30&lang=fr`);
    await ready(b.page);
    assert.match(await text(b.page, '[data-testid="bilan-brand"]'), /Biscuits Lumière/);
    await shot(b.page, 'bilan-brand-account');
  });
});
