import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { groupWithModerator, openLoggedIn, signUpAs } from '../support/e2e-accounts.js';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import type { TestMember } from '../support/member.js';

/**
 * A coordinator bans from Staffroom an account that is in no group (so in no members table), by its
 * pseudonym, from the console's Groups page: a warning, a tick and a reason; the account's sessions end. A
 * moderator is not offered the form. Screens are checked with axe and photographed into tests/artifacts/.
 */
describe('ban an account by pseudonym in a real browser', () => {
  const stack = useE2eStack();
  let admin: TestMember;
  let moderator: TestMember;
  let stranger: TestMember;
  const desk = { viewport: { width: 1180, height: 900 } };

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const consoleNav = (page: Page) => page.getByRole('navigation', { name: 'Moderation' });
  const panel = (page: Page) => page.getByRole('region', { name: 'Ban an account from Staffroom' });

  beforeAll(async () => {
    ({ admin, moderator } = await groupWithModerator(
      stack,
      { name: 'Early career', topic: 'challenging-class', guidelines: 'Be kind.' },
      [],
    ));
    stranger = await signUpAs(stack, admin, 'member'); // joins no group
  });

  it('does not offer a moderator the form', async () => {
    const page = await openLoggedIn(stack, 'moderator', moderator.pseudonym, { ...desk, session: true });
    await nav(page).getByRole('link', { name: 'Moderation' }).click();
    await consoleNav(page).getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('link', { name: 'Early career' }).waitFor();
    expect(await panel(page).count()).toBe(0);
    await page.close();
  });

  it('lets a coordinator ban an account in no group by pseudonym, after a warning, a tick and a reason', async () => {
    const page = await openLoggedIn(stack, 'coordinator', admin.pseudonym, { ...desk, session: true });
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
    expectNoPageProblems(stack);
  });
});
