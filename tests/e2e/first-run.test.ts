import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axe,
  describeViolations,
  launchBrowser,
  shot,
  watchConsoleErrors,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { GOOD_PASSPHRASE, uniquePseudonym } from '../support/http.js';
import { startNode, type TestNode } from '../support/node.js';

/**
 * A fresh install as its first visitors meet it (embedded mode, as `npm start` runs it): the public pages are
 * quiet in the console, the coordinator's menu fits one line at 1280 px, and the home page's privacy panel is
 * open on the first visit, then folded.
 */
describe('first run in a real browser', () => {
  let node: TestNode | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let consoleErrors: string[];

  beforeAll(async () => {
    node = await startNode();
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: node.url,
      viewport: { width: 1280, height: 900 },
      reducedMotion: 'reduce',
    });
    problems = await watchProblems(context);
    consoleErrors = watchConsoleErrors(context);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('prints a start banner that suggests only what works in embedded mode', () => {
    const banner = node?.output.filter((line) => !line.startsWith('{')).join('\n') ?? '';
    expect(banner).toContain('EMBEDDED MODE');
    expect(banner).toContain('Invites page');
    expect(banner).not.toContain('npm run admin');
  });

  it('shows a visitor the public pages with nothing logged as an error (no 401 at start)', async () => {
    for (const path of ['/', '/login', '/signup', '/groups']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(consoleErrors).toEqual([]);
    expect(problems).toEqual({ csp: [], errors: [] });
  });

  it('fits the coordinator menu on one line at 1280 px and folds the privacy panel after the first visit', async () => {
    if (!node?.bootstrapInvite) throw new Error('the node printed no bootstrap invite');
    const name = uniquePseudonym('Kestrel');
    await page.goto('/signup');
    await page.getByLabel('Invite code').fill(node.bootstrapInvite);
    await page.getByLabel('Pseudonym').fill(name);
    await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${name}` }).waitFor();

    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    const tops = new Set<number>();
    for (const link of await links.all()) {
      const box = await link.boundingBox();
      if (box) tops.add(Math.round(box.y));
    }
    await shot(page, 'first-run-00-menu-1280', { fullPage: false });
    expect(await links.count()).toBeGreaterThanOrEqual(6);
    expect([...tops]).toHaveLength(1);

    const panel = page.locator('details.privacy-panel');
    expect(await panel.getAttribute('open')).not.toBeNull();
    await shot(page, 'first-run-01-home-first-visit');
    const violations = await axe(page);
    expect(violations, describeViolations('home', violations)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Hello, ${name}` }).waitFor();
    expect(await panel.getAttribute('open')).toBeNull();
    await page.getByText('What Staffroom knows about you').click();
    expect(await panel.getAttribute('open')).not.toBeNull();
    await shot(page, 'first-run-02-home-again');
    expect(consoleErrors).toEqual([]);
  });

  it('walks the coordinator through setup: starter groups, crisis contacts with tap-to-call, the checklist', async () => {
    await page.goto('/home');
    const started = page.getByRole('region', { name: 'Getting started' });
    await started.getByText('0 of 4 done').waitFor();
    await started.getByRole('link', { name: /^Create starter groups/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Getting started' }).waitFor();

    const starter = page.getByRole('region', { name: 'Starter groups' });
    await starter.getByLabel(/Teaching outside my subject/).uncheck();
    await starter.getByRole('button', { name: 'Create 5 groups' }).click();
    await starter.getByRole('status').filter({ hasText: '5 groups were created.' }).waitFor();
    await page.getByText('1 of 4 done').waitFor();

    const crisis = page.getByRole('region', { name: 'Crisis contacts' });
    await crisis.getByRole('button', { name: 'Add a contact' }).click();
    const last = crisis.getByRole('group', { name: /^Contact \d+$/ }).last();
    await last.getByLabel('Name').fill('Northfield District EAP');
    await last.getByLabel('How to reach them').fill('Call 0800 555 0100');
    await last.getByLabel('Hours').fill('Mon–Fri 8:00–18:00');
    await last.getByLabel('Number to call (optional)').fill('0800 555 0100');
    await last.getByRole('button', { name: 'Move to the top' }).click();
    const preview = crisis.getByRole('region', { name: 'How a teacher will see them' });
    const call = preview.getByRole('link', { name: /Call 08005550100/ });
    expect(await call.getAttribute('href')).toBe('tel:08005550100');
    await crisis.getByRole('button', { name: 'Save crisis contacts' }).click();
    await crisis.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByText('2 of 4 done').waitFor();
    await shot(page, 'first-run-03-setup');
    const violations = await axe(page);
    expect(violations, describeViolations('setup', violations)).toEqual([]);

    const info = await page.evaluate(async () => (await (await fetch('/api/info')).json()) as unknown);
    expect((info as { crisisResources: { name: string }[] }).crisisResources[0]?.name).toBe(
      'Northfield District EAP',
    );

    await page.goto('/groups');
    await page.getByRole('link', { name: 'First years together' }).waitFor();
    expect(await page.getByRole('link', { name: 'Teaching outside my subject' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(problems).toEqual({ csp: [], errors: [] });
  });
});
