import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import { chooseIntake } from '../support/e2e-intake.js';
import { coordinatorAgent, signUpInBrowser } from '../support/e2e-accounts.js';
import { createInvite, uniquePseudonym } from '../support/http.js';

/**
 * Mentorship (issue 16, items 1 and 3): a teacher asks for mentorship; a consultant who offers only peer support
 * is not offered it; one who offers mentorship (set on their profile page) sees it marked as mentorship and
 * accepts; the intake is pinned at the top of the conversation for both, collapsible. Every screen checked with axe.
 */
describe('a teacher asks for mentorship and a mentor takes it on', () => {
  const stack = useE2eStack();
  const open = (label: string) => stack.open(label, { timeout: 20_000 });
  const teacher = { name: uniquePseudonym('Teacher'), page: undefined as unknown as Page };
  const mentor = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  const peer = { name: uniquePseudonym('Peer'), page: undefined as unknown as Page };
  const invites = { member: '', consultant: '' };
  let alias = '';

  beforeAll(async () => {
    const admin = await coordinatorAgent(stack);
    invites.member = await createInvite(admin, 'member', 1);
    invites.consultant = await createInvite(admin, 'consultant', 2);
    [mentor.page, peer.page, teacher.page] = await Promise.all([
      open('mentor'),
      open('peer'),
      open('teacher'),
    ]);
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
    // Both at once, each in their own browser.
    await Promise.all([
      signUpInBrowser(peer.page, invites.consultant, peer.name).then(() =>
        fillProfile(peer.page, 'Peer Only Pat', false),
      ),
      signUpInBrowser(mentor.page, invites.consultant, mentor.name).then(() =>
        fillProfile(mentor.page, 'Mentor Morgan', true),
      ),
    ]);
    await checkScreen(mentor.page, 'mentorship-01-profile');
  });

  it('offers a mentorship request only to the consultant offering mentorship, who accepts it', async () => {
    const t = teacher.page;
    await signUpInBrowser(t, invites.member, teacher.name);
    await t.goto('/support/ask');
    await t.getByRole('radio', { name: 'Mentorship' }).check();
    await t.getByText('usually until the end of the school year').waitFor();
    await chooseIntake(t, { reason: 'A new assignment', focus: 'Planning units and lessons' });
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
    expectNoPageProblems(stack);
  });
});
