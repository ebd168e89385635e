import { loadavg } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { signUp, createInvite, GOOD_PASSPHRASE, uniquePseudonym } from '../support/http.js';
import { startNode, type TestNode } from '../support/node.js';

/**
 * Not a check: the figures in docs/SECURITY.md ("Passphrase and keys"). Runs only with MEASURE_KDF=1:
 * `MEASURE_KDF=1 npx vitest run --project e2e tests/e2e/kdf-timing.test.ts`. Each run logs in from a fresh page
 * with Chromium's CPU throttled (1× and 4×, a mid-range phone) and reports the time from submitting the form to
 * the log-in request leaving the page, minus the one /api/info round trip: that is the Argon2id derivation.
 */
const measuring = process.env.MEASURE_KDF === '1';
let node: TestNode;
let browser: Browser;
const name = uniquePseudonym('Timer');
beforeAll(async () => {
  if (!measuring) return;
  node = await startNode();
  if (!node.bootstrapInvite) throw new Error('no bootstrap invite');
  const admin = await signUp(node.url, node.bootstrapInvite);
  const invite = await createInvite(admin, 'moderator', 5);
  await signUp(node.url, invite, name);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

it.skipIf(!measuring)(
  'measures the passphrase derivation in Chromium, unthrottled and at 4× CPU slowdown',
  async () => {
    const results: Record<string, number[]> = {};
    for (const rate of [1, 4]) {
      for (let i = 0; i < 6; i++) {
        const context = await browser.newContext({ baseURL: node.url });
        const page = await context.newPage();
        await page.goto('/login');
        await page.getByLabel('Pseudonym').waitFor();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        await page.evaluate(() => {
          document.addEventListener(
            'submit',
            () => ((window as unknown as { t0: number }).t0 = performance.now()),
            true,
          );
        });
        await page.getByLabel('Pseudonym').fill(name);
        await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
        const sent = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
        await page.getByRole('button', { name: 'Log in' }).click();
        expect((await sent).status()).toBe(200);
        const ms = await page.evaluate(() => {
          const t0 = (window as unknown as { t0: number }).t0;
          const login = performance
            .getEntriesByType('resource')
            .find((e) => e.name.endsWith('/api/auth/login'));
          const info = performance
            .getEntriesByType('resource')
            .find((e) => e.name.endsWith('/api/info') && e.startTime >= t0);
          return (login?.startTime ?? NaN) - t0 - (info ? info.duration : 0);
        });
        (results[`${rate}x`] ??= []).push(Math.round(ms));
        await context.close();
      }
    }
    console.log('KDF-TIMING ms', JSON.stringify(results), 'load average', loadavg());
  },
  300_000,
);
