// Shared helpers of the browser tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), a fresh profile per run.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.AGENCYKPI_URL ?? '').replace(/\/+$/, '');
export const IMPORT_URL = (process.env.AGENCYKPI_IMPORT_URL ?? '').replace(/\/+$/, '');
export const SCREENSHOTS = path.resolve(process.env.AGENCYKPI_SCREENSHOTS ?? path.join(import.meta.dirname ?? '.', '..', '..', 'build', 'screenshots'));
const CHROMIUM = process.env.AGENCYKPI_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Starts Chromium with a throwaway profile; close() removes it. */
export async function launch({ locale = 'fr-FR', viewport = { width: 1440, height: 900 } } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'agencykpi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale,
    viewport,
    deviceScaleFactor: 1,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A browser for the tests of the enclosing describe(): launched before them
 * with launch(options), closed after them. Its page and consoleErrors are
 * there once the tests run.
 */
export function browserForTests(options) {
  const b = {};
  before(async () => {
    Object.assign(b, await launch(options));
  });
  after(async () => {
    await b.close?.();
  });
  return b;
}

/** Replaces the no-break spaces of Intl (U+00A0, U+202F) by plain spaces. */
export function norm(text) {
  return (text ?? '').replace(/[\u00a0\u202f\u2007]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Waits until the current view has rendered (its data loaded or its error shown). */
export async function ready(page) {
  await page.waitForSelector('main[data-ready="true"]', { timeout: 20000 });
}

export async function open(page, base, hash) {
  await page.goto(`${base}/${hash}`);
  await ready(page);
}

export async function text(page, selector) {
  return norm(await page.locator(selector).first().textContent({ timeout: 15000 }));
}

export async function shot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top (the header is sticky), once the charts' entry animation is over.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(450);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
