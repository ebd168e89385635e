import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axe,
  describeViolations,
  launchBrowser,
  shot,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym } from '../support/http.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * Issue 16, item 4: a referrer (here someone without an account, as a principal may be) makes a link on the public
 * page; the teacher opens it, finds the reasons ticked, and sends the request themself. The reasons travel only
 * in the fragment: no request either browser makes carries them.
 */
describe('a referral link prefills the intake, and only the teacher sends it', () => {
  let redis: TestRedis | undefined;
  let node: TestNode;
  let browser: Browser | undefined;
  const problems: Record<string, PageProblems> = {};
  const sentUrls: string[] = [];
  let link = '';
  let memberInvite = '';

  async function open(label: string): Promise<Page> {
    if (!browser) throw new Error('not started');
    const context = await browser.newContext({ baseURL: node.url, viewport: { width: 1280, height: 900 } });
    problems[label] = await watchProblems(context);
    context.on('request', (r) => sentUrls.push(r.url()));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
    const admin = await signUp(node.url, node.bootstrapInvite as string, uniquePseudonym('Coord'));
    memberInvite = await createInvite(admin, 'member', 1);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    await redis?.stop();
  });

  it('makes the link on the referrer’s device, from fixed reasons only', async () => {
    const page = await open('referrer');
    await page.goto('/support/refer');
    await page.getByRole('heading', { level: 1, name: 'Suggest support to a colleague' }).waitFor();
    await page.getByText('Choose at least one reason to make the link.').waitFor();
    await page.getByRole('checkbox', { name: 'A new assignment' }).check();
    await page.getByRole('checkbox', { name: 'Workload stress' }).check();
    link = await page.getByLabel('Link to give your colleague').inputValue();
    expect(link).toBe(`${node.url}/support/ask#refer=new-assignment,workload-stress`);
    expect(await page.getByRole('textbox').count()).toBe(1); // no free text about the teacher
    await shot(page, 'referral-make-link');
    const violations = await axe(page);
    expect(violations, describeViolations('refer page', violations)).toEqual([]);
  });

  it('opens with the reasons ticked, drops the fragment from the address, and the teacher sends it', async () => {
    const t = await open('teacher');
    // The teacher has an account but is not logged in here: the link survives the log-in detour.
    const pseudonym = uniquePseudonym('Teacher');
    await signUp(node.url, memberInvite, pseudonym);
    await t.goto(link);
    await t.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await t.getByLabel('Pseudonym').fill(pseudonym);
    await t.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await t.getByRole('button', { name: 'Log in' }).click();
    await t.getByRole('heading', { name: 'Someone suggested this might help' }).waitFor();
    expect(await t.getByRole('checkbox', { name: 'A new assignment' }).isChecked()).toBe(true);
    expect(await t.getByRole('checkbox', { name: 'Workload stress' }).isChecked()).toBe(true);
    expect(await t.getByRole('checkbox', { name: 'A challenging class' }).isChecked()).toBe(false);
    await t.waitForURL((u) => u.hash === '' && u.pathname === '/support/ask');
    const violations = await axe(t);
    expect(violations, describeViolations('ask page from a referral', violations)).toEqual([]);
    await shot(t, 'referral-intake-prefilled');

    await t.getByRole('group', { name: 'Grades' }).getByLabel('4', { exact: true }).check();
    await t.getByRole('checkbox', { name: 'Science', exact: true }).check();
    await t.getByRole('radio', { name: 'Planning units and lessons' }).check();
    await t.getByRole('checkbox', { name: 'Messages when it suits us' }).check();
    await t.getByRole('button', { name: 'Ask for support' }).click();
    await t.getByRole('region', { name: 'Your request', exact: true }).waitFor();

    // No request either browser made carried the fragment.
    expect(sentUrls.length).toBeGreaterThan(5);
    expect(sentUrls.filter((u) => u.includes('refer='))).toEqual([]);
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    for (const [who, seen] of Object.entries(problems)) {
      expect(seen.csp, `CSP violations for ${who}`).toEqual([]);
      expect(seen.errors, `uncaught errors for ${who}`).toEqual([]);
    }
  });
});
