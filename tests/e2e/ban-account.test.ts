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
import { createInvite, GOOD_PASSPHRASE } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * A coordinator bans from Staffroom an account that is in no group (so in no members table), by its
 * pseudonym, from the console's Groups page: a warning, a tick and a reason; the account's sessions end. A
 * moderator is not offered the form. Screens are checked with axe and photographed into tests/artifacts/.
 */
describe('ban an account by pseudonym in a real browser', () => {
  let redis: TestRedis | undefined;
  let node: TestNode | undefined;
  let browser: Browser | undefined;
  const problems: Record<string, PageProblems> = {};
  const dialogs: string[] = [];
  const people: TestMember[] = [];
  let admin: TestMember;
  let moderator: TestMember;
  let stranger: TestMember;

  async function open(label: string, viewport: { width: number; height: number }) {
    if (!browser || !node) throw new Error('not started');
    const context = await browser.newContext({ baseURL: node.url, viewport, reducedMotion: 'reduce' });
    problems[label] = await watchProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('dialog', (dialog) => {
      dialogs.push(`${label}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return page;
  }

  async function logIn(page: Page, pseudonym: string) {
    await page.goto('/login');
    await page.getByLabel('Pseudonym').fill(pseudonym);
    await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${pseudonym}` }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();
  }

  async function checkScreen(page: Page, name: string, { fullPage = true } = {}) {
    const violations = await axe(page);
    if (violations.length > 0) console.log(describeViolations(name, violations));
    await shot(page, name, { fullPage });
    expect(violations, describeViolations(name, violations)).toEqual([]);
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const consoleNav = (page: Page) => page.getByRole('navigation', { name: 'Moderation' });
  const panel = (page: Page) => page.getByRole('region', { name: 'Ban an account from Staffroom' });

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
    if (!node.bootstrapInvite) throw new Error('the node printed no bootstrap invite');
    admin = await TestMember.signUp(node.url, node.bootstrapInvite);
    const memberInvite = await createInvite(admin.agent, 'member', 2);
    const moderatorInvite = await createInvite(admin.agent, 'moderator', 1);
    moderator = await TestMember.signUp(node.url, moderatorInvite);
    stranger = await TestMember.signUp(node.url, memberInvite); // joins no group
    people.push(admin, moderator, stranger);
    const created = await admin.agent.post('/api/groups', {
      name: 'Early career',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
    });
    expect(created.status).toBe(201);
    const groupId = created.body.group.id as string;
    const joined = await moderator.transport.request('group:join', { groupId, acceptGuidelines: true });
    if (!joined.ok) throw new Error(joined.error.code);
    expect(
      (await admin.transport.request('mod:moderator', { groupId, tag: joined.data.me.tag, on: true })).ok,
    ).toBe(true);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const m of people) m.close();
    await browser?.close();
    await node?.stop();
    await redis?.stop();
  });

  it('does not offer a moderator the form', async () => {
    const page = await open('moderator', { width: 1180, height: 900 });
    await logIn(page, moderator.pseudonym);
    await nav(page).getByRole('link', { name: 'Moderation' }).click();
    await consoleNav(page).getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('link', { name: 'Early career' }).waitFor();
    expect(await panel(page).count()).toBe(0);
    await page.close();
  });

  it('lets a coordinator ban an account in no group by pseudonym, after a warning, a tick and a reason', async () => {
    const page = await open('coordinator', { width: 1180, height: 900 });
    await logIn(page, admin.pseudonym);
    await nav(page).getByRole('link', { name: 'Moderation' }).click();
    await consoleNav(page).getByRole('link', { name: 'Groups' }).click();
    const form = panel(page);
    await form.waitFor();
    await checkScreen(page, 'ban-account-01-panel');

    // Empty: refused in the page, focus back on the field.
    await form.getByRole('button', { name: 'Ban from Staffroom…' }).click();
    await form.getByRole('alert').filter({ hasText: 'Enter the pseudonym' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await form.getByLabel('Pseudonym').getAttribute('id'),
    );

    // An account that does not exist: the server's refusal is shown in the dialog, which stays open.
    await form.getByLabel('Pseudonym').fill('NobodyByThisName42');
    await form.getByRole('button', { name: 'Ban from Staffroom…' }).click();
    const ghost = page.getByRole('dialog', { name: 'Ban NobodyByThisName42 from Staffroom?' });
    await ghost.waitFor();
    await ghost.getByLabel('Reason').fill('Testing an unknown name');
    await ghost.getByLabel(/will be locked out of all of Staffroom/).check();
    await ghost.getByRole('button', { name: 'Ban from Staffroom' }).click();
    await ghost.getByRole('alert').first().waitFor();
    expect(await ghost.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await ghost.waitFor({ state: 'detached' });

    await form.getByLabel('Pseudonym').fill(stranger.pseudonym);
    await form.getByRole('button', { name: 'Ban from Staffroom…' }).click();
    const dialog = page.getByRole('dialog', { name: `Ban ${stranger.pseudonym} from Staffroom?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Use this only for threats or serious abuse.');
    await dialog.getByLabel('Reason').fill('Threatening messages to members');
    await dialog.getByRole('button', { name: 'Ban from Staffroom' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Tick the box' }).waitFor();
    await checkScreen(page, 'ban-account-02-dialog', { fullPage: false });
    // Not yet banned: the confirmation is required.
    expect((await stranger.agent.get('/api/me')).status).toBe(200);
    const disconnected = new Promise((resolve) => stranger.socket.once('disconnect', resolve));
    await dialog.getByLabel(/will be locked out of all of Staffroom/).check();
    await dialog.getByRole('button', { name: 'Ban from Staffroom' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: `${stranger.pseudonym} is banned from Staffroom permanently.` })
      .waitFor();
    await disconnected;
    expect((await stranger.agent.get('/api/me')).status).toBe(401);
    expect(await form.getByLabel('Pseudonym').inputValue()).toBe('');
    await checkScreen(page, 'ban-account-03-done');
  });

  it('raised no Content Security Policy violation, no uncaught error and no dialog', () => {
    for (const [who, seen] of Object.entries(problems)) {
      expect(seen.csp, `CSP violations for ${who}`).toEqual([]);
      expect(seen.errors, `page errors for ${who}`).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });
});
