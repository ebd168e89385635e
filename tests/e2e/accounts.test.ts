import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import { GOOD_PASSPHRASE, uniquePseudonym } from '../support/http.js';
import { startNode, type TestNode } from '../support/node.js';

/**
 * The first journey a teacher takes: a coordinator joins with the install's one-time invite and invites a
 * member; the member joins on a phone-sized screen, logs out, logs back in and looks at their sessions.
 * Every screen is checked with axe and photographed into tests/artifacts/.
 */
describe('accounts in a real browser', () => {
  const stack = useE2eStack();
  /** A node without Redis (embedded mode), started with the rest: only the last test looks at it. */
  let embedded: Promise<TestNode>;

  let admin: Page;
  let adminName = '';
  let member: Page;
  let memberContext: BrowserContext;
  const memberName = uniquePseudonym('Heron');
  let inviteCode = '';

  /** A page in a context of its own that may use the clipboard (the invite's "Copy code"). */
  async function open(
    label: string,
    viewport: { width: number; height: number },
    colorScheme: 'light' | 'dark' = 'light',
  ) {
    const page = await stack.open(label, { viewport, colorScheme, timeout: 30_000 });
    const context = page.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.node.url });
    return { context, page };
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const passphrase = (page: Page) => page.getByLabel('Passphrase', { exact: true });

  beforeAll(async () => {
    embedded = startNode();
    ({ page: admin } = await open('admin', { width: 1280, height: 900 }));
    ({ page: member, context: memberContext } = await open('member', { width: 360, height: 780 }));
  });

  afterAll(async () => {
    await (await embedded).stop();
  });

  it('shows what Staffroom is and the privacy promise on the welcome page', async () => {
    await admin.goto('/');
    await heading(admin, 'A quiet place for teachers to support each other').waitFor();
    const kept = admin.getByRole('region', { name: 'What Staffroom keeps' });
    const never = admin.getByRole('region', { name: 'Never asked, never stored' });
    expect(await kept.textContent()).toContain('hash of your passphrase');
    expect(await never.textContent()).toContain('IP address');
    await checkScreen(admin, '01-welcome');
  });

  it('lets the coordinator sign up with the one-time admin invite and a suggested pseudonym', async () => {
    await admin.getByRole('link', { name: 'Sign up with an invite code' }).click();
    await heading(admin, 'Sign up').waitFor();

    await admin.getByLabel('Invite code').fill(stack.node.bootstrapInvite as string);
    // A chip, not the "Other suggestions" button that comes first while the names are still loading.
    const suggestions = admin.getByRole('group', { name: 'Suggestions' });
    const firstSuggestion = suggestions.getByRole('listitem').first().getByRole('button');
    const picked = (await firstSuggestion.textContent()) ?? '';
    await firstSuggestion.click();
    await suggestions.getByRole('button', { name: picked, pressed: true }).waitFor();
    adminName = await admin.getByLabel('Pseudonym').inputValue();
    expect(adminName).toBe(picked);
    expect(adminName).toMatch(/^[A-Za-z]+\d*$/);
    await passphrase(admin).fill(GOOD_PASSPHRASE);
    await admin
      .getByRole('status')
      .filter({ hasText: /^Strength: (Good|Strong)$/ })
      .waitFor();
    await checkScreen(admin, '02-sign-up-filled');

    await admin.getByRole('button', { name: 'Create my account' }).click();
    await heading(admin, `Hello, ${adminName}`).waitFor();
    expect(await admin.getByRole('main').textContent()).toContain('Coordinator');
    await admin.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();
    await checkScreen(admin, '03-home-coordinator');
  });

  it('lets the coordinator create a member invite and copy its code', async () => {
    await nav(admin).getByRole('link', { name: 'Invites' }).click();
    await heading(admin, 'Invites').waitFor();
    await checkScreen(admin, '04-invites');

    await admin.getByLabel('Role').selectOption('member');
    await admin.getByLabel('Number of uses').fill('1');
    await admin.getByLabel('Expires after (days)').fill('7');
    await admin.getByLabel('Note').fill('spring workshop');
    await admin.getByRole('button', { name: 'Create invite' }).click();

    const code = admin.getByRole('textbox', { name: 'Invite code', exact: true });
    await code.waitFor();
    inviteCode = await code.inputValue();
    expect(inviteCode).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await admin.getByRole('button', { name: 'Copy code' }).click();
    await admin.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(inviteCode);

    const listed = admin.getByRole('region', { name: 'All invites' }).getByRole('listitem').filter({
      hasText: 'spring workshop',
    });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('Used 0 of 1');
    expect(await listed.textContent()).toContain('Active');
    await checkScreen(admin, '05-invite-created');
  });

  it('lets a member sign up with that invite on a phone, and shows their pseudonym', async () => {
    await member.goto('/signup');
    await heading(member, 'Sign up').waitFor();
    await member.getByRole('button', { name: 'Create my account' }).click();
    await member.getByRole('alert').first().waitFor();
    await expect.poll(() => member.getByLabel('Invite code').getAttribute('aria-invalid')).toBe('true');
    await checkScreen(member, '06-sign-up-errors-phone');

    await member.getByLabel('Invite code').fill(inviteCode);
    await member.getByLabel('Pseudonym').fill(memberName);
    await passphrase(member).fill(GOOD_PASSPHRASE);
    await member.getByRole('button', { name: 'Create my account' }).click();
    await heading(member, `Hello, ${memberName}`).waitFor();
    expect(await member.getByRole('main').textContent()).toContain('Member');
    await expect(nav(member).getByRole('link', { name: 'Invites' }).count()).resolves.toBe(0);
    await checkScreen(member, '07-home-member-phone');
  });

  it('lets the member log out and log in again', async () => {
    await nav(member).getByRole('button', { name: 'Log out', exact: true }).click();
    await heading(member, 'Log in').waitFor();
    await member.getByRole('status').filter({ hasText: 'You have logged out' }).waitFor();
    await checkScreen(member, '08-log-in-phone');

    await member.getByLabel('Pseudonym').fill(memberName);
    await passphrase(member).fill(GOOD_PASSPHRASE);
    await member.getByRole('button', { name: 'Log in', exact: true }).click();
    await heading(member, `Hello, ${memberName}`).waitFor();
  });

  it('shows the member their sessions in settings, and ends another one', async () => {
    // A second browser logs in as the same member, so there is a session to end.
    const other = await open('member-laptop', { width: 1024, height: 800 });
    await other.page.goto('/login');
    await other.page.getByLabel('Pseudonym').fill(memberName);
    await passphrase(other.page).fill(GOOD_PASSPHRASE);
    await other.page.getByRole('button', { name: 'Log in', exact: true }).click();
    await heading(other.page, `Hello, ${memberName}`).waitFor();
    await other.page.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();

    await nav(member).getByRole('link', { name: 'Settings' }).click();
    await heading(member, 'Settings').waitFor();
    const sessions = member.getByRole('region', { name: 'Where you are logged in' }).getByRole('listitem');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    const current = sessions.filter({ hasText: 'This device' });
    expect(await current.count()).toBe(1);
    await checkScreen(member, '09-settings-phone');

    await sessions.filter({ hasNotText: 'This device' }).getByRole('button', { name: 'End session' }).click();
    await member.getByRole('status').filter({ hasText: 'has ended' }).waitFor();
    await member.waitForFunction(() => document.querySelectorAll('main li').length === 1);

    // The other browser hears `session:ended` on its socket and returns to the log-in page, saying why.
    await heading(other.page, 'Log in').waitFor();
    await other.page.getByRole('status').filter({ hasText: 'ended from another device' }).waitFor();
    await other.context.close();
  });

  it('says so when the passphrase is wrong', async () => {
    // In the dark colour scheme, so axe checks the dark palette's contrast too.
    const stranger = await open('stranger', { width: 800, height: 700 }, 'dark');
    await stranger.page.goto('/login');
    await stranger.page.getByLabel('Pseudonym').fill(memberName);
    await passphrase(stranger.page).fill('not the right passphrase at all');
    await stranger.page.getByRole('button', { name: 'Log in', exact: true }).click();
    const alert = stranger.page.getByRole('alert').filter({ hasText: 'do not match' });
    await alert.waitFor();
    await checkScreen(stranger.page, '10-log-in-wrong-passphrase-dark');
    await stranger.context.close();
  });

  it('says for how long a pseudonym is locked after too many failed attempts', async () => {
    const guesser = await open('guesser', { width: 800, height: 700 });
    await guesser.page.goto('/login');
    await guesser.page.getByLabel('Pseudonym').fill(uniquePseudonym('Ghost'));
    await passphrase(guesser.page).fill('a wrong guess, once more');
    const locked = guesser.page.getByRole('alert').filter({ hasText: 'Locked for now' });
    // Delays start after 5 failures (1 s, then doubling): the next click lands inside one.
    for (let attempt = 1; attempt <= 8 && !(await locked.isVisible()); attempt++) {
      await Promise.all([
        guesser.page.waitForResponse((res) => res.url().endsWith('/api/auth/login')),
        guesser.page.getByRole('button', { name: 'Log in', exact: true }).click(),
      ]);
    }
    await locked.waitFor();
    expect(await locked.textContent()).toMatch(/locked for \d+ (seconds?|minutes?)/);
    await checkScreen(guesser.page, '11-log-in-locked');
    await guesser.context.close();
  });

  it('lets the coordinator revoke an invite and log out everywhere, after confirming', async () => {
    await admin.reload();
    await heading(admin, 'Invites').waitFor();
    const used = admin.getByRole('listitem').filter({ hasText: 'spring workshop' });
    await used.filter({ hasText: 'Used up' }).waitFor();

    await admin.getByLabel('Note').fill('to revoke');
    await admin.getByRole('button', { name: 'Create invite' }).click();
    await admin.getByRole('textbox', { name: 'Invite code', exact: true }).waitFor();
    const spare = admin.getByRole('listitem').filter({ hasText: 'to revoke' });
    await spare.getByRole('button', { name: 'Revoke' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Revoke this invite?' });
    await dialog.waitFor();
    await checkScreen(admin, '12-revoke-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Revoke invite' }).click();
    await spare.filter({ hasText: 'Revoked' }).waitFor();

    await nav(admin).getByRole('link', { name: 'Settings' }).click();
    await heading(admin, 'Settings').waitFor();
    await checkScreen(admin, '13-settings-coordinator');
    await admin.getByRole('button', { name: 'Log out everywhere' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Log out everywhere?' });
    await confirm.getByRole('button', { name: 'Log out everywhere' }).click();
    await heading(admin, 'Log in').waitFor();
    await admin.getByRole('status').filter({ hasText: 'logged out on every device' }).waitFor();
    await memberContext.close();
  });

  it('says in the footer when the server keeps nothing (embedded mode)', async () => {
    const node = await embedded;
    const page = await stack.open('embedded', {
      node,
      viewport: { width: 1024, height: 800 },
      colorScheme: 'dark',
    });
    await page.goto('/');
    await page.getByRole('contentinfo').filter({ hasText: 'Demo mode: nothing is kept.' }).waitFor();
    await checkScreen(page, '14-welcome-embedded-dark');
    await page.context().close();
  });

  it('raised no Content Security Policy violation and no uncaught error on any page', () => {
    expectNoPageProblems(stack);
  });
});
