import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { groupWithModerator, openAllLoggedIn, openLoggedIn } from '../support/e2e-accounts.js';
import { checkScreen, expectCount, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import type { TestMember } from '../support/member.js';

/**
 * The crisis flow in real browsers: a member whose message suggests risk but holds a blocked term is refused,
 * yet gets the resources with tap-to-call links; the moderator's console leads the urgent item with "Reach out
 * privately"; the message reaches that member only, and stays until they say they have read it.
 */
describe('crisis flow in a real browser', () => {
  const stack = useE2eStack({ env: { SEND_LIMIT_PER_10S: '1000' } });
  const groupName = 'Hard weeks';
  let groupId = '';
  let moderator: TestMember;
  let mod: Page;
  let atRiskPage: Page;
  let bystanderPage: Page;
  const careText = 'We read your message and we are thinking of you. Write to us whenever you want.';

  const composer = (page: Page) => page.getByRole('textbox', { name: `Message to ${groupName}` });
  const careDialog = (page: Page) =>
    page.getByRole('dialog', { name: 'A message for you from the moderators' });
  const desk = { viewport: { width: 1100, height: 850 } };

  beforeAll(async () => {
    const made = await groupWithModerator(
      stack,
      {
        name: groupName,
        topic: 'challenging-class',
        description: 'When the week is too much.',
        guidelines: 'Be kind: everyone here is a colleague.',
      },
      ['atRisk', 'bystander'],
    );
    ({ groupId, moderator } = made);
    expect(
      (
        await made.admin.transport.request('mod:settings', {
          groupId,
          blockedTerms: ['bloody'],
          reason: 'house rules',
        })
      ).ok,
    ).toBe(true);
    [mod, { 'at-risk': atRiskPage, bystander: bystanderPage }] = await Promise.all([
      openLoggedIn(stack, 'moderator', moderator.pseudonym, { ...desk, session: true }),
      openAllLoggedIn(
        stack,
        { 'at-risk': made.members.atRisk.pseudonym, bystander: made.members.bystander.pseudonym },
        desk,
      ),
    ]);
  });

  it('when a message with a blocked term suggests risk, then the sender is told it was not posted and gets tap-to-call links', async () => {
    await atRiskPage.goto(`/groups/${groupId}`);
    await bystanderPage.goto(`/groups/${groupId}`);
    await composer(atRiskPage).fill('I hate this bloody job, I want to kill myself tonight.');
    await composer(atRiskPage).press('Enter');
    const support = atRiskPage.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    expect(await support.textContent()).toContain('was not posted');
    const calls = support.locator('a[href^="tel:"]');
    expect(await calls.count()).toBeGreaterThan(0);
    expect(await calls.first().getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    // Tap to text too, where the line takes texts (the built-in 988 line does), named for whom it reaches.
    const texts = support.getByRole('link', { name: /^Text 988 ?, 988 Suicide/ });
    expect(await texts.getAttribute('href')).toBe('sms:988');
    await checkScreen(atRiskPage, 'crisis-flow-01-refused-support');
    await support.getByRole('button', { name: 'Close' }).click();
    await expectCount(atRiskPage.getByRole('dialog'), 0);
  });

  it('when the moderator reaches out privately from the urgent item, then only that member sees the message, until they have read it', async () => {
    await mod.goto('/moderation');
    const item = mod.getByRole('region', { name: 'Report queue' }).getByRole('article').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('was refused for a blocked term');
    expect(await item.textContent()).not.toContain('kill myself');
    const actions = item.getByRole('group');
    // Supportive first: reaching out is the first action, and there is no sanction on an alert.
    expect(await actions.getByRole('button').first().textContent()).toBe('Reach out privately');
    await expectCount(actions.getByRole('button', { name: /^(Mute|Ban)/ }), 0);
    await actions.getByRole('button', { name: 'Reach out privately' }).click();
    const dialog = mod.getByRole('dialog', { name: /^Reach out privately to / });
    await dialog.waitFor();
    await checkScreen(mod, 'crisis-flow-02-reach-out-dialog');
    await dialog.getByLabel('Your message').fill(careText);
    await dialog.getByRole('button', { name: 'Send privately' }).click();
    await dialog.waitFor({ state: 'detached' });

    const care = careDialog(atRiskPage);
    await care.waitFor();
    await care.getByText(careText).waitFor();
    expect(await care.textContent()).toContain(groupName);
    // The contacts go with it, tap to call and tap to text.
    await care.getByText('Someone to talk to now, in confidence').click();
    expect(await care.getByRole('link', { name: /^Call 988 ?, 988 Suicide/ }).getAttribute('href')).toBe(
      'tel:988',
    );
    expect(await care.getByRole('link', { name: /^Text 988 ?, 988 Suicide/ }).getAttribute('href')).toBe(
      'sms:988',
    );
    await checkScreen(atRiskPage, 'crisis-flow-03-care-message');
    // Nobody else: not the bystander in the same group, not in the group's feed.
    await bystanderPage.waitForTimeout(1_000);
    await expectCount(careDialog(bystanderPage), 0);
    expect(await bystanderPage.getByText(careText).count()).toBe(0);

    // Kept until read: after a reload it is still there; once read, it is gone for good.
    await atRiskPage.reload();
    await careDialog(atRiskPage).getByText(careText).waitFor();
    await careDialog(atRiskPage).getByRole('button', { name: 'I have read it' }).click();
    await expectCount(careDialog(atRiskPage), 0);
    await atRiskPage.reload();
    await atRiskPage.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();
    await atRiskPage.waitForTimeout(1_000);
    await expectCount(careDialog(atRiskPage), 0);
    expectNoPageProblems(stack);
  });

  it('when the moderator pins the "how to respond" card from the item, then peers in the group see it with tap-to-call links; the item shows who acknowledged it', async () => {
    await mod.goto('/moderation');
    const item = mod.getByRole('region', { name: 'Report queue' }).getByRole('article').first();
    await item.waitFor();
    // Reaching out acknowledged it: the moderator's pseudonym is shown.
    await expect
      .poll(() => item.getByTestId('acknowledged').textContent(), { timeout: 15_000 })
      .toContain(`By ${moderator.pseudonym}`);
    const card = bystanderPage.getByRole('region', { name: /^Pinned by the moderators/ });
    await expectCount(card, 0);
    await item.getByRole('button', { name: 'Pin a “how to respond” card for peers' }).click();
    await item.getByRole('button', { name: 'Unpin the card for peers' }).waitFor();
    await card.waitFor();
    await card.getByText('Where to find help right now').click();
    const calls = card.locator('a[href^="tel:"]');
    expect(await calls.count()).toBeGreaterThan(0);
    expect(await calls.first().getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    expect(await card.getByRole('link', { name: /^Text 988 ?, 988 Suicide/ }).getAttribute('href')).toBe(
      'sms:988',
    );
    await checkScreen(bystanderPage, 'crisis-flow-04-peer-card');
    await checkScreen(mod, 'crisis-flow-05-item-supportive-actions');
    // Unpinned: gone for the peers, live.
    await item.getByRole('button', { name: 'Unpin the card for peers' }).click();
    await expectCount(card, 0);
    expectNoPageProblems(stack);
  });
});
