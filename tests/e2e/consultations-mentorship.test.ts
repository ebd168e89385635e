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
 * Mentorship (issue 16, items 1 and 3): a teacher asks for mentorship; a consultant who offers only peer support
 * is not offered it; one who offers mentorship (set on their profile page) sees it marked as mentorship and
 * accepts; the intake is pinned at the top of the conversation for both, collapsible. Every screen checked with axe.
 */
describe('a teacher asks for mentorship and a mentor takes it on', () => {
  let redis: TestRedis | undefined;
  let node: TestNode;
  let browser: Browser | undefined;
  const problems: Record<string, PageProblems> = {};
  const teacher = { name: uniquePseudonym('Teacher'), page: undefined as unknown as Page };
  const mentor = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  const peer = { name: uniquePseudonym('Peer'), page: undefined as unknown as Page };
  const invites = { member: '', consultant: '' };
  let alias = '';

  async function open(label: string): Promise<Page> {
    if (!browser) throw new Error('not started');
    const context = await browser.newContext({ baseURL: node.url, viewport: { width: 1280, height: 900 } });
    problems[label] = await watchProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function signUpInBrowser(page: Page, invite: string, pseudonym: string) {
    await page.goto('/signup');
    await page.getByLabel('Invite code').fill(invite);
    await page.getByLabel('Pseudonym').fill(pseudonym);
    await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${pseudonym}` }).waitFor({ timeout: 30_000 });
  }

  async function checkScreen(page: Page, name: string) {
    const violations = await axe(page);
    await shot(page, name);
    expect(violations, describeViolations(name, violations)).toEqual([]);
  }

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
    const admin = await signUp(node.url, node.bootstrapInvite as string, uniquePseudonym('Coord'));
    invites.member = await createInvite(admin, 'member', 1);
    invites.consultant = await createInvite(admin, 'consultant', 2);
    browser = await launchBrowser();
    [mentor.page, peer.page, teacher.page] = [
      await open('mentor'),
      await open('peer'),
      await open('teacher'),
    ];
  });

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    await redis?.stop();
  });

  /** Fills the consultant profile form in the browser. */
  async function fillProfile(page: Page, displayName: string, mentorship: boolean) {
    await page.goto('/support/profile');
    await page.getByLabel('Display name').fill(displayName);
    await page
      .getByRole('group', { name: 'Grades you have taught' })
      .getByLabel('4', { exact: true })
      .check();
    await page.getByRole('checkbox', { name: 'Science', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Planning units and lessons' }).check();
    const kinds = page.getByRole('group', { name: 'Kinds of support you offer' });
    expect(await kinds.getByRole('checkbox', { name: 'Peer support' }).isChecked()).toBe(true);
    if (mentorship) await kinds.getByRole('checkbox', { name: 'Mentorship' }).check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.', { exact: false }).waitFor();
  }

  it('lets a consultant say on their profile that they offer mentorship', async () => {
    await signUpInBrowser(peer.page, invites.consultant, peer.name);
    await fillProfile(peer.page, 'Peer Only Pat', false);
    await signUpInBrowser(mentor.page, invites.consultant, mentor.name);
    await fillProfile(mentor.page, 'Mentor Morgan', true);
    await checkScreen(mentor.page, 'mentorship-01-profile');
  });

  it('offers a mentorship request only to the consultant offering mentorship, who accepts it', async () => {
    const t = teacher.page;
    await signUpInBrowser(t, invites.member, teacher.name);
    await t.goto('/support/ask');
    await t.getByRole('radio', { name: 'Mentorship' }).check();
    await t.getByText('usually until the end of the school year').waitFor();
    await t.getByRole('group', { name: 'Grades' }).getByLabel('4', { exact: true }).check();
    await t.getByRole('checkbox', { name: 'Science', exact: true }).check();
    await t.getByRole('checkbox', { name: 'A new assignment' }).check();
    await t.getByRole('radio', { name: 'Planning units and lessons' }).check();
    await t.getByRole('checkbox', { name: 'Messages when it suits us' }).check();
    await checkScreen(t, 'mentorship-02-intake');
    await t.getByRole('button', { name: 'Ask for support' }).click();
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    const seenAs = await request.getByText('The consultant sees you as').textContent();
    alias = /sees you as (.+?), a name for this request only/.exec(seenAs ?? '')?.[1] ?? '';
    expect(alias).not.toBe('');

    await mentor.page.goto('/support');
    const offer = mentor.page.getByRole('article', { name: `Request from ${alias}` });
    await offer.getByText('Mentorship, usually until the end of the school year').waitFor();
    await peer.page.goto('/support');
    expect(await peer.page.getByRole('article', { name: `Request from ${alias}` }).count()).toBe(0);
    await checkScreen(mentor.page, 'mentorship-03-offer');
    await offer.getByRole('button', { name: 'Accept and start the conversation' }).click();
    await mentor.page.getByRole('heading', { level: 1, name: `Supporting ${alias}` }).waitFor();
  });

  it('pins the intake at the top of the conversation for both, collapsible', async () => {
    const m = mentor.page;
    const pinnedM = m.locator('details.pinned-intake');
    await pinnedM
      .getByText('What they asked for: Mentorship, usually until the end of the school year')
      .waitFor();
    expect(await pinnedM.textContent()).toContain('Planning units and lessons');
    expect(await pinnedM.textContent()).toContain('A new assignment');
    await checkScreen(m, 'mentorship-04-conversation-mentor');
    // Collapsible with the keyboard.
    await pinnedM.locator('summary').focus();
    await m.keyboard.press('Enter');
    expect(await pinnedM.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    const t = teacher.page;
    const link = t.getByRole('link', { name: 'Support with Mentor Morgan' });
    await link.waitFor();
    // The list says it is mentorship, and for how long.
    await t
      .getByRole('listitem')
      .filter({ has: link })
      .getByText('Mentorship, usually until the end of the school year')
      .waitFor();
    await link.click();
    const pinnedT = t.locator('details.pinned-intake');
    await pinnedT
      .getByText('What you asked for: Mentorship, usually until the end of the school year')
      .waitFor();
    expect(await pinnedT.textContent()).toContain('Science');
    await checkScreen(t, 'mentorship-05-conversation-teacher');
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    for (const [who, seen] of Object.entries(problems)) {
      expect(seen.csp, `CSP violations for ${who}`).toEqual([]);
      expect(seen.errors, `uncaught errors for ${who}`).toEqual([]);
    }
  });
});
