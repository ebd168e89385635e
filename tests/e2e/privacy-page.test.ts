import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { NEVER_STORED, STORED, type StoredData, type StoredId } from '@staffroom/shared/privacy/registry';
import { ERASURE_WORDS, viewersInWords } from '@staffroom/shared/privacy/words';
import {
  axe,
  describeViolations,
  launchBrowser,
  shot,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { startNode, type TestNode } from '../support/node.js';

/**
 * Issue 14, item 2: the privacy page, generated from the registry of stored data, in Chromium. Every registry
 * entry is on it with its words, what is never stored, the school-and-district promise and the "what an operator
 * could hand over" table; it is reached from the footer and the sign-up page; axe finds nothing, light or dark.
 */
let node: TestNode;
let browser: Browser;
const problems: PageProblems[] = [];

async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({
    baseURL: node.url,
    colorScheme,
    viewport: { width: 1100, height: 900 },
  });
  problems.push(await watchProblems(context));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function clean(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  await shot(page, name);
  expect(violations, describeViolations(name, violations)).toEqual([]);
}

beforeAll(async () => {
  node = await startNode();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

describe('the privacy page', () => {
  it('when a visitor follows the footer link, then every registry entry is shown in plain words, with what is never stored and what an operator could hand over', async () => {
    const page = await open();
    await page.goto('/');
    // The welcome page tells the exact truth about the school, and links to the whole list.
    const never = page.getByRole('region', { name: 'Never asked, never stored' });
    await expect(never.getByRole('listitem').allTextContents()).resolves.not.toContain('Your school.');
    await expect(never.getByText('Your school or district in readable form.').isVisible()).resolves.toBe(
      true,
    );

    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: /Privacy: what is stored/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'What Staffroom stores, and for how long' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/privacy');

    const ids = (Object.keys(STORED) as StoredId[]).filter((id) => STORED[id].type !== 'channel');
    expect(await page.locator('[data-entry]').count()).toBe(ids.length);
    for (const id of ids) {
      const entry: StoredData = STORED[id];
      const item = page.locator(`[data-entry="${id}"]`);
      await expect(item.getByRole('heading', { name: entry.title, exact: true }).isVisible()).resolves.toBe(
        true,
      );
      const text = (await item.textContent()) ?? '';
      for (const words of [
        entry.holds,
        entry.why,
        entry.retention.words,
        viewersInWords(entry),
        ERASURE_WORDS[entry.erasure],
      ])
        expect(text, `${id}: ${words}`).toContain(words);
      for (const variable of entry.retention.config ?? []) expect(text, id).toContain(variable);
    }
    for (const line of NEVER_STORED)
      await expect(
        page.getByRole('region', { name: 'What is never stored' }).getByText(line).isVisible(),
      ).resolves.toBe(true);
    const school = page.getByRole('region', { name: 'Your school and district' });
    await expect(
      school
        .getByText(/deleted when the request ends: when you are matched, or when you withdraw it/)
        .isVisible(),
    ).resolves.toBe(true);

    const table = page.getByRole('table', { name: 'The database, by how readable it is' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(5);
    const ciphertext = (await table.locator('tr[data-form="ciphertext"]').textContent()) ?? '';
    expect(ciphertext).toContain('Ciphertext they cannot open');
    expect(ciphertext).toContain(STORED['consultations.messages'].title);
    // Every stored entry is in exactly one row of the table.
    const tableText = (await table.textContent()) ?? '';
    for (const id of ids) expect(tableText, id).toContain(STORED[id].title);
    await clean(page, 'privacy-page');
  });

  it('when a visitor is about to sign up, then the page is one link away, and it is clean in the dark scheme too', async () => {
    const page = await open('dark');
    await page.goto('/signup');
    await page.getByRole('link', { name: 'what Staffroom stores, and for how long' }).click();
    await page.getByRole('heading', { level: 1, name: 'What Staffroom stores, and for how long' }).waitFor();
    await clean(page, 'privacy-page-dark');
    for (const p of problems) expect([...p.errors, ...p.csp]).toEqual([]);
  });
});
