import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoPageProblems, redisDump, useE2eStack } from '../support/e2e-stack.js';
import { chooseIntake } from '../support/e2e-intake.js';
import { coordinatorAgent, saveProfile, signUpInBrowser } from '../support/e2e-accounts.js';
import { createInvite, uniquePseudonym } from '../support/http.js';

/**
 * The sealed intake note when the teacher is away (issue 10, item 5): a consultant who becomes eligible after the
 * request was made holds no copy; when the offer passes to them, they are told the note arrives when the teacher
 * next opens Staffroom, and it does, sealed by the teacher's browser, without the server ever holding it.
 */
describe('the intake note reaches a consultant who became eligible while the teacher was away', () => {
  const stack = useE2eStack();
  const open = (label: string) => stack.open(label, { timeout: 20_000 });
  const note = `Afternoons fall apart ${randomBytes(6).toString('hex')}`;
  const teacher = { name: uniquePseudonym('Teacher'), page: undefined as unknown as Page };
  const early = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  const late = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  let alias = '';
  const invites = { member: '', consultant: '' };

  const becomeConsultant = (page: Page, capacity: number) =>
    saveProfile(page, {
      displayName: 'A Mentor',
      grades: ['4'],
      subjects: ['science'],
      areas: ['assessment'],
      capacity,
      availability: [],
      paused: false,
    });

  const offerOn = (page: Page) => page.getByRole('article', { name: `Request from ${alias}` });

  beforeAll(async () => {
    const admin = await coordinatorAgent(stack);
    invites.member = await createInvite(admin, 'member', 1);
    invites.consultant = await createInvite(admin, 'consultant', 2);
    [early.page, teacher.page, late.page] = await Promise.all([open('early'), open('teacher'), open('late')]);
  });

  it('seals the note to the consultant it is offered to at once', async () => {
    const t = teacher.page;
    // Both sign up at once, each in their own browser (so each key pair is made there).
    await Promise.all([
      signUpInBrowser(early.page, invites.consultant, early.name).then(() => becomeConsultant(early.page, 5)),
      signUpInBrowser(t, invites.member, teacher.name),
    ]);
    await t.goto('/support/ask');
    // Every required question is marked as such for assistive technology, and the form says so to everyone.
    await t.getByText('All fields are required unless marked optional.').waitFor();
    for (const name of ['Grades', 'Subjects', 'What brings you here?', 'Ways of working'])
      expect(await t.getByRole('group', { name: `${name} (required)`, exact: true }).count()).toBe(1);
    for (const name of ['What would you like?', 'Area of focus'])
      expect(await t.getByRole('radiogroup', { name, exact: true }).getAttribute('aria-required')).toBe(
        'true',
      );
    expect(await t.getByRole('group', { name: 'Times that usually suit you (optional)' }).count()).toBe(1);
    expect(await t.getByLabel('A note for your consultant (optional)').count()).toBe(1);
    await chooseIntake(t);
    await t.getByLabel('A note for your consultant').fill(note);
    await t.getByRole('button', { name: 'Ask for support' }).click();
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    const seenAs = await request.getByText('The consultant sees you as').textContent();
    alias = /sees you as (.+?), a name for this request only/.exec(seenAs ?? '')?.[1] ?? '';
    expect(alias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{3}$/);

    await early.page.goto('/support');
    await offerOn(early.page).locator('blockquote').filter({ hasText: note }).waitFor();
  });

  it('tells a later consultant the note comes when the teacher is back, and delivers it when they are', async () => {
    // The teacher leaves; then a consultant who fits signs up (they hold no copy yet).
    await teacher.page.goto('about:blank');
    await signUpInBrowser(late.page, invites.consultant, late.name);
    await becomeConsultant(late.page, 3);
    await late.page.goto('/support');

    // The first consultant declines: the offer passes on while the teacher is away.
    const offer = offerOn(early.page);
    await offer.getByRole('button', { name: 'Decline' }).click();
    await early.page
      .getByRole('dialog', { name: 'Decline this request?' })
      .getByRole('button', { name: 'Decline request' })
      .click();
    await offer.waitFor({ state: 'detached' });
    const passed = offerOn(late.page);
    await passed.getByText('it arrives when the teacher next opens Staffroom').waitFor();
    expect(await passed.locator('blockquote').count()).toBe(0);

    // The teacher opens Staffroom again (any page): their browser seals the note to the new consultant.
    await teacher.page.goto('/');
    await passed.locator('blockquote').filter({ hasText: note }).waitFor();

    const dump = await redisDump(stack);
    expect(dump.entries).toBeGreaterThan(10);
    expect(dump.text).not.toContain(note);
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    expectNoPageProblems(stack);
  });
});
