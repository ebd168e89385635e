import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { groupWithModerator, openAllLoggedIn, openLoggedIn } from '../support/e2e-accounts.js';
import { checkScreen, expectCount, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';

/**
 * Hold for review (issue 11, item 4), in real browsers: a moderator turns it on for a group; a member's message that
 * suggests risk is then not posted at once. Its sender sees it held, with the crisis contacts (tap to call, tap to
 * text); another member does not see it; the moderator finds it in the queue and releases it (the group then sees
 * it) or keeps it hidden (the group never does, and the sender is told, kindly).
 */
describe('hold for review in a real browser', () => {
  const district = {
    name: 'Eastside Employee Assistance',
    contact: 'Call or text 555 0100',
    hours: '24/7',
    call: '5550100',
    text: '5550101',
  };
  const stack = useE2eStack({
    env: { SEND_LIMIT_PER_10S: '1000', CRISIS_RESOURCES: JSON.stringify([district]) },
  });
  const groupName = 'Long evenings';
  let groupId = '';
  let mod: Page;
  let senderPage: Page;
  let peerPage: Page;
  const FIRST = 'Honestly I want to kill myself, I have nothing left after this term.';
  const SECOND = 'I keep thinking everyone would be better off if I was dead.';

  const composer = (page: Page) => page.getByRole('textbox', { name: `Message to ${groupName}` });
  /** Messages posted to the group, as its members see them (not the sender's own held ones). */
  const posted = (page: Page, text: string) =>
    page.locator('li.msg:not(.msg--held) .msg__text', { hasText: text });
  const heldItem = (page: Page, text: string) => page.locator('li.msg--held', { hasText: text });
  const queueItem = (page: Page) =>
    page.getByRole('region', { name: 'Report queue' }).getByRole('article').first();

  beforeAll(async () => {
    const made = await groupWithModerator(
      stack,
      {
        name: groupName,
        topic: 'challenging-class',
        description: 'For the nights the marking never ends.',
        guidelines: 'Be kind: everyone here is a colleague.',
      },
      ['sender', 'peer'],
    );
    groupId = made.groupId;
    const desk = { viewport: { width: 1100, height: 850 } };
    [mod, { sender: senderPage, peer: peerPage }] = await Promise.all([
      openLoggedIn(stack, 'moderator', made.moderator.pseudonym, { ...desk, session: true }),
      openAllLoggedIn(
        stack,
        { sender: made.members.sender.pseudonym, peer: made.members.peer.pseudonym },
        desk,
      ),
    ]);
  });

  it('when the moderator turns hold for review on in the group’s settings, then the setting says so', async () => {
    await mod.goto(`/moderation/groups/${groupId}`);
    await mod.getByRole('heading', { level: 2, name: groupName }).waitFor();
    await mod.getByText('Off: messages that suggest risk are posted, and moderators are alerted.').waitFor();
    await mod.getByRole('button', { name: 'Turn on hold for review' }).click();
    const dialog = mod.getByRole('dialog', { name: `Hold flagged messages in ${groupName} for review?` });
    await dialog.waitFor();
    await checkScreen(mod, 'hold-review-01-turn-on-dialog');
    await dialog.getByLabel('Reason').fill('Members asked for a gentler way to handle hard posts');
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await dialog.waitFor({ state: 'detached' });
    await mod
      .getByText('On: messages that suggest risk wait for a moderator before the group sees them.')
      .waitFor();
    await checkScreen(mod, 'hold-review-02-setting-on');
  });

  it('when a member posts a message that suggests risk, then they see it held with the contacts to call or text, and the other member does not see it', async () => {
    await senderPage.goto(`/groups/${groupId}`);
    await peerPage.goto(`/groups/${groupId}`);
    await composer(senderPage).waitFor();
    await composer(peerPage).waitFor();
    await composer(senderPage).fill(FIRST);
    await composer(senderPage).press('Enter');

    const support = senderPage.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    expect(await support.textContent()).toContain('Your message is held for review');
    const call = support.getByRole('link', {
      name: new RegExp(`^Call ${district.call} ?, ${district.name}$`),
    });
    const text = support.getByRole('link', {
      name: new RegExp(`^Text ${district.text} ?, ${district.name}$`),
    });
    expect(await call.getAttribute('href')).toBe(`tel:${district.call}`);
    expect(await text.getAttribute('href')).toBe(`sms:${district.text}`);
    await checkScreen(senderPage, 'hold-review-03-sender-support');
    await support.getByRole('button', { name: 'Close' }).click();
    await expectCount(senderPage.getByRole('dialog'), 0);

    // The sender sees it in the feed, marked held, only for them; times in words.
    const held = heldItem(senderPage, FIRST);
    await held.waitFor();
    expect(await held.textContent()).toContain('Held for review: only you and the group’s moderators');
    expect(await held.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await checkScreen(senderPage, 'hold-review-04-sender-held');

    // The other member: nothing, live or after a reload.
    await peerPage.waitForTimeout(1_000);
    expect(await peerPage.getByText(FIRST).count()).toBe(0);
    await peerPage.reload();
    await composer(peerPage).waitFor();
    await peerPage.waitForTimeout(500);
    expect(await peerPage.getByText(FIRST).count()).toBe(0);
  });

  it('when the moderator releases it from the queue, then the group sees it and the sender sees it posted', async () => {
    await mod.goto('/moderation');
    const item = queueItem(mod);
    await item.waitFor();
    expect(await item.textContent()).toContain(
      'Held for review: only its author and the moderators can see it.',
    );
    await item.getByText(FIRST).waitFor();
    // Supportive first, no sanction on a held message.
    expect(await item.getByRole('group').getByRole('button').first().textContent()).toBe(
      'Reach out privately',
    );
    await expectCount(item.getByRole('button', { name: /^(Mute|Ban|Remove)/ }), 0);
    await checkScreen(mod, 'hold-review-05-queue-held');

    await item.getByRole('button', { name: 'Release to the group' }).click();
    await mod.getByText(`The message was released to ${groupName}. Its author was told.`).first().waitFor();
    await posted(peerPage, FIRST).waitFor();
    await posted(senderPage, FIRST).waitFor();
    await expectCount(heldItem(senderPage, FIRST), 0);
    await checkScreen(peerPage, 'hold-review-06-peer-sees-released');
  });

  it('when the moderator keeps a second one hidden, then the group never sees it and the sender is told, kindly', async () => {
    await composer(senderPage).fill(SECOND);
    await composer(senderPage).press('Enter');
    const support = senderPage.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    await support.getByRole('button', { name: 'Close' }).click();
    await heldItem(senderPage, SECOND).waitFor();

    await mod.goto('/moderation');
    const item = queueItem(mod);
    // Alerts about one member are one item: the released one and the new one.
    await item.getByText(SECOND).waitFor();
    await item.getByRole('button', { name: 'Keep hidden' }).click();
    await mod
      .getByText('The message stays hidden. Its author was told, and is not punished.')
      .first()
      .waitFor();

    const kept = heldItem(senderPage, SECOND);
    await expect
      .poll(() => kept.textContent(), { timeout: 15_000 })
      .toContain('A moderator kept this message out of the group');
    await checkScreen(senderPage, 'hold-review-07-sender-kept');
    await peerPage.waitForTimeout(1_000);
    expect(await peerPage.getByText(SECOND).count()).toBe(0);
    await peerPage.reload();
    await posted(peerPage, FIRST).waitFor();
    expect(await peerPage.getByText(SECOND).count()).toBe(0);

    await kept.getByRole('button', { name: 'Dismiss' }).click();
    await expectCount(heldItem(senderPage, SECOND), 0);
    expectNoPageProblems(stack);
  });
});
