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
});
