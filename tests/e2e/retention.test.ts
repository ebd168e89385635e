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
 * A group's moderator shortens how long its messages are kept, from the group's moderation page (checked in
 * the form, with a reason), and a member reads the new window in the group's info. Both screens pass axe.
 */
describe('group retention in a real browser', () => {
  let redis: TestRedis | undefined;
  let node: TestNode | undefined;
  let browser: Browser | undefined;
  const problems: Record<string, PageProblems> = {};
  const people: TestMember[] = [];
  const groupName = 'Marking season';
  let groupId = '';
  let moderator: TestMember;
  let member: TestMember;

  async function open(label: string): Promise<Page> {
    if (!browser || !node) throw new Error('not started');
    const context = await browser.newContext({
      baseURL: node.url,
      viewport: { width: 1200, height: 900 },
      reducedMotion: 'reduce',
    });
    problems[label] = await watchProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
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

  async function checkScreen(page: Page, name: string) {
    const violations = await axe(page);
    await shot(page, name);
    expect(violations, describeViolations(name, violations)).toEqual([]);
  }

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({
      redisUrl: redis.url,
      prefix: redis.prefix,
      env: { HISTORY_RETENTION_DAYS: '90' },
    });
    const admin = await TestMember.signUp(node.url, node.bootstrapInvite as string);
    moderator = await TestMember.signUp(node.url, await createInvite(admin.agent, 'moderator', 1));
    member = await TestMember.signUp(node.url, await createInvite(admin.agent, 'member', 1));
    people.push(admin, moderator, member);
    const created = await admin.agent.post('/api/groups', {
      name: groupName,
      topic: 'workload-stress',
      guidelines: 'Be kind.',
    });
    expect(created.status).toBe(201);
    groupId = created.body.group.id as string;
    await member.join(groupId);
    const joined = await moderator.transport.request('group:join', { groupId, acceptGuidelines: true });
    if (!joined.ok) throw new Error(joined.error.code);
    const appointed = await admin.transport.request('mod:moderator', {
      groupId,
      tag: joined.data.me.tag,
      on: true,
    });
    expect(appointed.ok).toBe(true);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const m of people) m.close();
    await browser?.close();
    await node?.stop();
    await redis?.stop();
  });

  it('when the moderator enters days out of bounds, then the form says why; a valid number asks for a reason and applies', async () => {
    const page = await open('moderator');
    await logIn(page, moderator.pseudonym);
    await page.goto(`/moderation/groups/${groupId}`);
    const panel = page.getByRole('region', { name: 'How long messages are kept' });
    await panel.getByText('Now: 90 days, this Staffroom’s default.').waitFor();
    const field = panel.getByLabel('Days to keep messages');

    await field.fill('400');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.getByRole('alert').filter({ hasText: 'at most 90 days' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('0');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.getByRole('alert').filter({ hasText: 'at least 1 day' }).waitFor();
    await checkScreen(page, 'retention-01-invalid');

    await field.fill('14');
    await panel.getByRole('button', { name: 'Apply' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change how long messages are kept?' });
    await dialog.getByText('older than 14 days will be deleted for everyone').waitFor();
    await dialog.getByLabel('Reason').fill('A fortnight is plenty for this group');
    await dialog.getByRole('button', { name: 'Keep 14 days' }).click();
    await dialog.waitFor({ state: 'detached' });
    await panel.getByText('Now: 14 days, chosen by this group’s moderators.').waitFor();
    await panel.getByRole('button', { name: 'Use the default (90 days)' }).waitFor();
    await checkScreen(page, 'retention-02-chosen');

    // It is in the audit log, with its reason.
    const audit = await moderator.transport.request('mod:audit', { groupId, action: 'history-retention' });
    if (!audit.ok) throw new Error(audit.error.code);
    expect(audit.data.entries.map((e) => [e.target, e.reason])).toEqual([
      ['messages kept 14 days', 'A fortnight is plenty for this group'],
    ]);
  });

  it('when a member opens the group, then its info says how long messages are kept', async () => {
    const page = await open('member');
    await logIn(page, member.pseudonym);
    await page.goto(`/groups/${groupId}`);
    const aside = page.getByRole('complementary', { name: 'About this group' });
    const section = aside.getByRole('region', { name: 'How long messages stay' });
    await section
      .getByText('Messages here are kept for 14 days, then deleted for everyone, with their reactions.')
      .waitFor();
    await checkScreen(page, 'retention-03-member-info');

    // The moderators go back to the default while the group is open: the info follows, live.
    const reset = await moderator.transport.request('mod:retention', {
      groupId,
      days: null,
      reason: 'Back to normal',
    });
    expect(reset).toEqual({ ok: true, data: { days: 90, maxDays: 90, chosen: false } });
    await section.getByText('Messages here are kept for 90 days, then deleted for everyone').waitFor();
    for (const [label, seen] of Object.entries(problems))
      expect([...seen.errors, ...seen.csp], label).toEqual([]);
  });
});
