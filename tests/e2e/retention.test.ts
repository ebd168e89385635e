import { beforeAll, describe, expect, it } from 'vitest';
import { groupWithModerator, openLoggedIn } from '../support/e2e-accounts.js';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import type { TestMember } from '../support/member.js';

/**
 * A group's moderator shortens how long its messages are kept, from the group's moderation page (checked in
 * the form, with a reason), and a member reads the new window in the group's info. Both screens pass axe.
 */
describe('group retention in a real browser', () => {
  const stack = useE2eStack({ env: { HISTORY_RETENTION_DAYS: '90' } });
  const groupName = 'Marking season';
  let groupId = '';
  let moderator: TestMember;
  let member: TestMember;
  const desk = { viewport: { width: 1200, height: 900 } };

  beforeAll(async () => {
    const made = await groupWithModerator(
      stack,
      { name: groupName, topic: 'workload-stress', guidelines: 'Be kind.' },
      ['member'],
    );
    ({ groupId, moderator } = made);
    member = made.members.member;
  });

  it('when the moderator enters days out of bounds, then the form says why; a valid number asks for a reason and applies', async () => {
    const page = await openLoggedIn(stack, 'moderator', moderator.pseudonym, { ...desk, session: true });
    await page.goto(`/moderation/groups/${groupId}`);
    const panel = page.getByRole('region', { name: 'How long messages are kept' });
    await panel.getByText('Now: 90 days, this Staffroom’s default.').waitFor();
    const field = panel.getByLabel('Days to keep messages');

    await field.fill('400');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await panel.getByRole('alert').filter({ hasText: 'at most 90 days' }).waitFor();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
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
    const page = await openLoggedIn(stack, 'member', member.pseudonym, desk);
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
    expectNoPageProblems(stack);
  });
});
