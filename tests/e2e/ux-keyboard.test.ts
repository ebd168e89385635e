import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2eStack } from '../support/e2e-stack.js';
import { createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym } from '../support/http.js';

/**
 * A new teacher who uses the keyboard, or a small screen, or both: what happens to the focus when a screen
 * changes under it, and whether a page fits 320 CSS pixels (a phone, or 1280 px at 400 % zoom; WCAG 1.4.10).
 */
describe('a teacher on the keyboard and on the narrowest screen', () => {
  const stack = useE2eStack();
  let invite = '';
  let groupId = '';
  const groupName = 'Marking mountains';

  beforeAll(async () => {
    const admin = await signUp(
      stack.node.url,
      stack.node.bootstrapInvite as string,
      uniquePseudonym('Coord'),
    );
    invite = await createInvite(admin, 'member', 20);
    const created = await admin.post('/api/groups', {
      name: groupName,
      topic: 'workload-stress',
      description: 'For when the marking pile is taller than you are.',
      guidelines: 'Be kind.\nWhat is said here stays here.',
      visibility: 'listed',
    });
    expect(created.status).toBe(201);
    groupId = created.body.group.id as string;
  });

  /** A new context at this size, and a teacher signed up in it with the keyboard. */
  async function teacher(viewport: { width: number; height: number }): Promise<Page> {
    const page = await stack.open(uniquePseudonym('keyboard'), { viewport, timeout: 20_000 });
    const name = uniquePseudonym('Kb');
    await page.goto(`/signup?invite=${invite}`);
    await page.getByLabel('Pseudonym').focus();
    await page.keyboard.type(name);
    await page.getByLabel('Passphrase', { exact: true }).focus();
    await page.keyboard.type(GOOD_PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Hello, ${name}` }).waitFor({ timeout: 40_000 });
    return page;
  }

  const focusedName = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? ''}`.trim() : 'none';
    });

  it('puts the focus in the composer once the teacher joins a group, not back on the page', async () => {
    const page = await teacher({ width: 390, height: 844 });
    await page.goto(`/groups/${groupId}`);
    await page.getByLabel('I have read the group’s guidelines and I accept them').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Join the group' }).focus();
    await page.keyboard.press('Enter');
    const composer = page.getByRole('textbox', { name: `Message to ${groupName}` });
    await composer.waitFor();
    // The join form (and the button that had the focus) is gone: the focus must not fall back to <body>.
    await expect.poll(() => focusedName(page)).toBe('textarea');
    await expect.poll(() => composer.evaluate((el) => el === document.activeElement)).toBe(true);

    // So the teacher can say hello straight away.
    await page.keyboard.type('Hello, first time here.');
    await page.keyboard.press('Enter');
    await page
      .getByRole('log', { name: `Messages in ${groupName}` })
      .getByText('Hello, first time here.')
      .waitFor();
    await page.context().close();
  });

  it('fits the request for support into 320 px: the page never scrolls sideways', async () => {
    const page = await teacher({ width: 320, height: 640 });
    await page
      .getByRole('region', { name: 'One-to-one support' })
      .getByRole('link', { name: 'Ask for support' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Ask for support' }).waitFor();
    const sideways = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways(), 'the page scrolls sideways by this many px').toBeLessThanOrEqual(0);

    // The week grid's last control is still reachable and shown when it has the focus.
    const sunday = page.getByRole('button', { name: 'All day Sunday' });
    await sunday.focus();
    const box = await sunday.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('checkbox', { name: 'Sunday evening' }).isChecked()).toBe(true);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('moves the focus to the thank-you once the weekly pulse is sent, not back to the top', async () => {
    const page = await teacher({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Take the pulse' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Weekly pulse' }).waitFor();
    await page.getByRole('radio', { name: 'Not at all' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: 'Only a little' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Send my pulse' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('You have taken this week’s pulse.').waitFor();
    const thanks = page.getByRole('status').filter({ hasText: 'Thank you. Your pulse is counted' });
    await expect
      .poll(() => thanks.evaluate((el) => el.parentElement?.contains(document.activeElement) ?? false))
      .toBe(true);
    // The next Tab goes on from there, to the teacher's own trend, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).not.toMatch(/^a Skip to main content/);
    await page.context().close();
  });

  it('puts the focus in the composer after the teacher deletes a message, whose menu is gone', async () => {
    const page = await teacher({ width: 390, height: 844 });
    await page.goto(`/groups/${groupId}`);
    await page.getByLabel('I have read the group’s guidelines and I accept them').check();
    await page.getByRole('button', { name: 'Join the group' }).click();
    const composer = page.getByRole('textbox', { name: `Message to ${groupName}` });
    const feed = page.getByRole('log', { name: `Messages in ${groupName}` });
    const text = `Sent by mistake ${Date.now().toString(36)}`;
    await composer.fill(text);
    await composer.press('Enter');
    const mine = feed.getByRole('listitem').filter({ hasText: text });
    await mine.getByRole('button', { name: 'More actions for your message' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Delete' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete your message?' });
    await dialog.getByRole('button', { name: 'Delete message' }).focus();
    await page.keyboard.press('Enter');
    await feed.getByText('Removed by its author').last().waitFor();
    await expect.poll(() => composer.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();
  });
});
