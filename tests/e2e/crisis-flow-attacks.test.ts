import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { groupWithModerator, openLoggedIn } from '../support/e2e-accounts.js';
import { expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import type { TestMember } from '../support/member.js';
import { waitForQueue } from '../support/queue.js';

/**
 * Issue 11 in a real browser, where the flow could drop a person: a message that suggests risk and names a phone
 * number (the privacy question shows the contacts at once), and one written while muted (Send still reaches the
 * server, which says why it was not posted and brings the contacts).
 */
describe('crisis flow attacks in a real browser', () => {
  const stack = useE2eStack({ env: { SEND_LIMIT_PER_10S: '1000' } });
  const groupName = 'Long terms';
  let groupId = '';
  /** The group's moderator (coordinators read no group). */
  let moderator: TestMember;
  let writer: TestMember;
  let page: Page;

  const composer = () => page.getByRole('textbox', { name: `Message to ${groupName}` });

  beforeAll(async () => {
    const made = await groupWithModerator(
      stack,
      {
        name: groupName,
        topic: 'challenging-class',
        description: 'When the term never ends.',
        guidelines: 'Be kind.',
      },
      ['writer'],
    );
    ({ groupId, moderator } = made);
    writer = made.members.writer;
    page = await openLoggedIn(stack, 'writer', writer.pseudonym, { viewport: { width: 1280, height: 720 } });
  });

  it('when a message suggests risk and names a phone number, then the privacy question shows tap-to-call links at once', async () => {
    await page.goto(`/groups/${groupId}`);
    await composer().fill("I can't go on, I want to kill myself tonight. Please call me on 07700 900123.");
    await composer().press('Enter');
    const question = page.getByRole('alertdialog', { name: 'This may identify you or someone else' });
    await question.waitFor();
    const calls = question.locator('a[href^="tel:"]');
    expect(await calls.count()).toBeGreaterThan(0);
    await question.getByRole('button', { name: 'Edit' }).click();
    await question.waitFor({ state: 'detached' });
  });

  it('when a message over the length limit suggests risk, then Send brings tap-to-call links and says why it was not posted; the text waits to be edited', async () => {
    await page.goto(`/groups/${groupId}`);
    const long = `${'Marking, reports, parents evening, cover again. '.repeat(45)}I have a plan to kill myself tonight.`;
    expect(long.length).toBeGreaterThan(2_000);
    await composer().fill(long);
    await composer().press('Enter');
    const support = page.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    expect(await support.textContent()).toContain(
      'was not posted because it is longer than a message may be',
    );
    expect(await support.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await support.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Edit' }).first().waitFor();
  });

  it('when a pasted message far longer than can be sent says "I am going to kill myself tonight", then Send brings tap-to-call links, nothing is posted, and moderators get an urgent item without its text', async () => {
    await page.goto(`/groups/${groupId}`);
    const filler = 'Marking, reports, parents evening, cover again. '.repeat(200);
    const long = `${filler}I am going to kill myself tonight. ${filler}`;
    expect(long.length).toBeGreaterThan(8_000 * 2);
    await composer().fill(long);
    await composer().press('Enter');
    const support = page.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    expect(await support.textContent()).toContain(
      'was not posted because it is longer than a message may be',
    );
    expect(await support.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await support.getByRole('button', { name: 'Close' }).click();
    // The text stays in the box to shorten; the group got nothing.
    expect((await composer().inputValue()).length).toBe(long.length);
    await page.getByText('Messages can be at most 2,000 characters').waitFor();
    const items = await waitForQueue(moderator, groupId, (q) =>
      q.some((i) => (i.alerts ?? [i]).some((a) => a.refusedFor === 'too-long')) ? q : null,
    );
    expect(JSON.stringify(items)).not.toMatch(/kill myself|Marking, reports/);
    const history = await writer.transport.request('group:history', { groupId });
    expect(JSON.stringify(history)).not.toContain('kill myself');
  });

  it('when a message typed with decomposed accents is under 8,000 characters but over 8,000 code points, then Send still brings the contacts instead of an error', async () => {
    await page.goto(`/groups/${groupId}`);
    const long = `${'Pre\u0301pa de\u0301ja\u0300, e\u0301puise\u0301e. '.repeat(320)}I have a plan to kill myself tonight.`;
    expect([...long.normalize('NFC')].length).toBeLessThan(8_000);
    expect([...long].length).toBeGreaterThan(8_000);
    await composer().fill(long);
    await composer().press('Enter');
    const support = page.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    expect(await support.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await support.getByRole('button', { name: 'Close' }).click();
    await support.waitFor({ state: 'detached' });
    await composer().fill('');
  });

  it('when a long text that ends "I have a plan to kill myself tonight" is pasted into the feedback box and the intake note, then neither cuts it: the count says it is over, nothing is sent, and tap-to-call links show', async () => {
    const long = `${'Marking, reports, parents evening, cover again. '.repeat(30)}I have a plan to kill myself tonight.`;
    expect(long.length).toBeGreaterThan(1_000);

    await page.goto('/pulse/about');
    const box = page.getByLabel('Tell the coordinators anything about Staffroom');
    await box.fill(long);
    expect(await box.inputValue()).toBe(long);
    await page.getByText(`${long.length.toLocaleString('en')} / 1,000`).waitFor();
    await page.getByRole('button', { name: 'Send anonymously' }).click();
    await page.getByText('Keep it to 1,000 characters').waitFor();
    await page.getByRole('heading', { name: 'If you are struggling, you do not have to wait' }).waitFor();
    expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    expect(await box.inputValue()).toBe(long);

    await page.goto('/support/ask');
    const note = page.getByLabel('A note for your consultant');
    await note.fill(long);
    expect(await note.inputValue()).toBe(long);
    await page.getByRole('button', { name: 'Ask for support' }).click();
    const unsent = page.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await unsent.getByText('Your request was not sent yet').waitFor();
    expect(await unsent.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await unsent.getByRole('button', { name: 'Close' }).click();
    await unsent.waitFor({ state: 'detached' });
    await page.getByText('Keep the note to 500 characters: shorten it by').waitFor();
    expect(await note.inputValue()).toBe(long);
  });

  it('when the same long text is pasted into a report note, then the note is not cut, the report is not sent, and tap-to-call links show', async () => {
    const long = `${'Marking, reports, parents evening, cover again. '.repeat(30)}I have a plan to kill myself tonight.`;
    await moderator.open(groupId);
    await moderator.send(groupId, 'Anyone else still marking at midnight?');
    await page.goto(`/groups/${groupId}`);
    await page.getByText('Anyone else still marking at midnight?').waitFor();
    await page
      .getByRole('button', { name: /^More actions for .*’s message$/ })
      .last()
      .click();
    await page.getByRole('menuitem', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report this message' });
    await dialog.waitFor();
    await dialog.getByLabel('Spam').check();
    const note = dialog.getByLabel(/Anything the moderators should know/);
    await note.fill(long);
    expect(await note.inputValue()).toBe(long);
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Keep the note to 500 characters').waitFor();
    await dialog.getByText('What you wrote suggests someone may be at risk').waitFor();
    expect(await dialog.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    expect(await note.inputValue()).toBe(long);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('when a muted member writes a message that suggests risk and presses Send, then they are told it was not posted because they are muted, with tap-to-call links', async () => {
    await page.goto(`/groups/${groupId}`);
    await composer().waitFor();
    const me = await writer.transport.request('group:open', { groupId });
    const myTag = me.ok ? me.data.me.tag : '';
    expect(
      (
        await moderator.transport.request('mod:mute', {
          groupId,
          tag: myTag,
          minutes: 60,
          reason: 'cool off',
        })
      ).ok,
    ).toBe(true);
    await page.getByText(/A moderator has muted you in this group/).waitFor();
    await composer().fill('I have a plan to kill myself tonight.');
    await composer().press('Enter');
    const support = page.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    expect(await support.textContent()).toContain('was not posted because a moderator muted you here');
    expect(await support.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
  });

  it('raised no Content Security Policy violation, no uncaught error and no dialog', () => {
    expectNoPageProblems(stack);
  });
});
