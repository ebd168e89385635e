import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import { chooseIntake } from '../support/e2e-intake.js';
import { coordinatorAgent, logInWithSession, saveProfile, signUpInBrowser } from '../support/e2e-accounts.js';
import { createInvite, uniquePseudonym } from '../support/http.js';

/**
 * Issue 11, "a flow that never drops a person", in real browsers: a teacher whose intake note signals risk gets the
 * crisis contacts at once (tap to call and tap to text) and an honest status; the request is urgent, and since no
 * consultant covers it, the coordinators see it (never the teacher, never the note), assign a consultant by hand,
 * and the conversation opens for both; the teacher's browser then passes the note on, sealed to that consultant.
 * On the way, the privacy warning on the teacher's own text uses the named-entity pass (loaded after the first
 * paint), in the intake note and in the one-to-one composer.
 */
describe('an urgent intake nobody covers, in the browsers', () => {
  const coordinatorName = uniquePseudonym('Coord');
  const teacherName = uniquePseudonym('Teacher');
  const consultantName = uniquePseudonym('Mentor');
  const displayName = 'Evening Shift Mentor';
  const invites = { member: '', consultant: '' };
  let coordinator: Page;
  let teacher: Page;
  let consultant: Page;
  let alias = '';
  /** The district's own line, with a number to call and one to text. */
  const district = {
    name: 'Eastside Employee Assistance',
    contact: 'Call or text 555 0100',
    hours: '24/7',
    call: '5550100',
    text: '5550101',
  };
  const RISK = 'I can’t keep going like this. I want to end it all, I have the pills ready for tonight.';
  /**
   * A name only the named-entity pass finds: no title, no "my student", and a given name the rules' lists leave out
   * because it is also an English word ("Bartholomew" is now in them).
   */
  const NAMED = 'Yesterday I rang Wade Quince after the meeting and he shouted at me.';
  const stack = useE2eStack({ env: { CRISIS_RESOURCES: JSON.stringify([district]) } });
  const open = (label: string) => stack.open(label, { timeout: 20_000 });

  /** The district's line as links: tap to call and tap to text, each named for what it does and for whom. */
  async function expectTapLinks(page: Page, scope: ReturnType<Page['getByRole']>) {
    // (The name's second part is visually hidden: Chromium's accessible name may put a space before the comma.)
    const call = scope.getByRole('link', { name: new RegExp(`^Call ${district.call} ?, ${district.name}$`) });
    const text = scope.getByRole('link', { name: new RegExp(`^Text ${district.text} ?, ${district.name}$`) });
    expect(await call.getAttribute('href')).toBe(`tel:${district.call}`);
    expect(await text.getAttribute('href')).toBe(`sms:${district.text}`);
    expect(page.url()).not.toContain('tel:');
  }

  beforeAll(async () => {
    const admin = await coordinatorAgent(stack, coordinatorName);
    invites.member = await createInvite(admin, 'member', 2);
    invites.consultant = await createInvite(admin, 'consultant', 1);
    [coordinator, teacher, consultant] = await Promise.all([
      open('coordinator'),
      open('teacher'),
      open('consultant'),
    ]);
  });

  it('a consultant’s profile covers nothing the teacher will ask for', async () => {
    await signUpInBrowser(consultant, invites.consultant, consultantName);
    await saveProfile(consultant, {
      displayName,
      grades: ['11'],
      subjects: ['french'],
      areas: ['assessment'],
      capacity: 3,
      availability: [],
      paused: false,
    });
  });

  it('warns about a name only the named-entity pass finds, then shows the contacts at once for a note that signals risk, and says honestly where the urgent request is', async () => {
    const t = teacher;
    await signUpInBrowser(t, invites.member, teacherName);
    await t.goto('/support/ask');
    await chooseIntake(t, { focus: 'Workload and wellbeing' });

    const note = t.getByLabel('A note for your consultant');
    await note.fill(NAMED);
    // The rules alone do not see this name; the browser pass (compromise, loaded on demand) does.
    const warning = t.getByText("This may identify someone: a person's name. Consider rewording it.");
    await warning.waitFor();
    await expect.poll(() => note.getAttribute('aria-describedby')).toBeTruthy();
    await checkScreen(t, 'unmatched-01-intake-name-warning');
    await note.fill(RISK);
    await warning.waitFor({ state: 'detached' });
    await t.getByRole('button', { name: 'Ask for support' }).click();

    const dialog = t.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await dialog.getByText('marked urgent so it is offered first').waitFor();
    await expectTapLinks(t, dialog);
    await checkScreen(t, 'unmatched-02-intake-crisis-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Honest status: nobody covers it, coordinators can see it is waiting; the contacts stay in view.
    await t
      .getByRole('status')
      .filter({
        hasText: 'No consultant can be offered it yet; the coordinators can see that it is waiting.',
      })
      .waitFor();
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    await request
      .getByText('No consultant covers the grade band and subject you chose yet.', { exact: false })
      .waitFor();
    await request.getByText('No consultant has been offered it yet').waitFor();
    await expectTapLinks(t, request);
    const seenAs = await request.getByText('The consultant sees you as').textContent();
    alias = /sees you as (.+?), a name for this request only/.exec(seenAs ?? '')?.[1] ?? '';
    expect(alias).not.toBe('');
    await checkScreen(t, 'unmatched-03-request-waiting-urgent');
  });

  it('shows the coordinator the urgent request with no teacher identity and no note, and assigns a consultant by hand', async () => {
    const c = coordinator;
    await logInWithSession(c, stack.node.url, coordinatorName);
    // The home page and the menu say an urgent request waits, and lead to it.
    const banner = c
      .getByRole('status')
      .filter({ hasText: 'urgent request for support waits with no consultant' });
    await banner.waitFor();
    const supportLink = c.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Support/ });
    await expect.poll(() => supportLink.textContent()).toMatch(/^Support\s*1 urgent$/);
    await checkScreen(c, 'unmatched-04a-coordinator-home-badge');
    await banner.getByRole('link', { name: 'Assign a consultant' }).click();
    const section = c.getByRole('region', { name: 'Waiting with no consultant' });
    const item = section.getByRole('article', { name: `Urgent ${alias}` });
    await item.waitFor();
    await item.getByText('No consultant covers this grade band and subject yet.').waitFor();
    const shown = (await section.textContent()) ?? '';
    expect(shown).not.toContain(teacherName);
    expect(shown).not.toContain('end it all');
    expect(shown).not.toContain('pills');
    // The served list says no more than the page.
    const served = await c.evaluate(async () => (await fetch('/api/programme/unmatched')).text());
    expect(served).not.toContain(teacherName);
    expect(served).not.toContain('end it all');
    // Times in words, never raw ISO strings.
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await checkScreen(c, 'unmatched-04-coordinator-list');

    const select = item.getByLabel('Assign a consultant by hand');
    const options = await select.locator('option').allTextContents();
    const index = options.findIndex((o) => o.startsWith(`${displayName}:`));
    expect(index).toBeGreaterThan(0);
    expect(options[index]).toContain('nothing in common');
    await select.selectOption({ index });
    // The teacher has left Staffroom meanwhile: their browser can pass the note on only when it is back.
    await teacher.goto('about:blank');
    await item.getByRole('button', { name: 'Assign' }).click();
    await c
      .getByRole('status')
      .filter({ hasText: `${alias} is now in a conversation with ${displayName}.` })
      .waitFor();
    await section.getByText('Every request has been offered to a consultant.').waitFor();
    await expect.poll(() => supportLink.textContent()).toMatch(/^Support$/);
    await checkScreen(c, 'unmatched-05-coordinator-assigned');
  });

  it('opens the conversation for the consultant, marked urgent, and for the teacher, whose browser passes the note on and whose composer warns about the name', async () => {
    const c = consultant;
    await c.goto('/support');
    await c.getByRole('link', { name: `Supporting ${alias}` }).click();
    await c.getByRole('heading', { level: 1, name: `Supporting ${alias}` }).waitFor();
    // Assigned by hand, the intake is pinned as after an accepted offer, and says "urgent" (never why).
    const pinned = c.locator('details.pinned-intake');
    await pinned.getByText('Marked urgent').waitFor();
    await pinned.getByText('Workload and wellbeing').waitFor();
    // The note was sealed only to the teacher (nobody could be offered it): it reaches this consultant once the
    // teacher's browser opens the conversation and seals it for them.
    const pending = pinned.getByText(
      'A coordinator matched you by hand, so it reaches you when the teacher next opens this conversation',
    );
    await pending.waitFor();
    expect(await pinned.textContent()).not.toContain('began before the request was kept');
    expect(await pinned.textContent()).not.toContain('end it all');
    await checkScreen(c, 'unmatched-06-consultant-conversation');

    const t = teacher;
    // Back to Staffroom. Shown once: the crisis dialog does not come back when the page is opened again (the
    // history kept its state).
    await t.goBack();
    await t
      .getByRole('link', { name: `Support with ${displayName}` })
      .first()
      .waitFor();
    expect(await t.getByRole('dialog').count()).toBe(0);
    await t
      .getByRole('link', { name: `Support with ${displayName}` })
      .first()
      .click();
    await t.getByRole('heading', { level: 1, name: `Support with ${displayName}` }).waitFor();
    // Back, the teacher's browser opens its own copy of the note and seals it to the consultant's key as pinned
    // for the conversation: the note is pinned for both, and nobody is told any more that it was not passed on.
    const teacherPinned = t.locator('details.pinned-intake');
    const yourNote = teacherPinned.locator('figure.pinned-intake__note');
    await yourNote.getByText('Your note').waitFor();
    await yourNote.getByText('I want to end it all', { exact: false }).waitFor();
    await teacherPinned.locator('.pinned-intake__note-lost').waitFor({ state: 'detached' });
    // And the consultant, whose page is open, sees it arrive without reloading.
    const theirNote = pinned.locator('figure.pinned-intake__note');
    await theirNote.getByText('Their note').waitFor();
    await theirNote.getByText('I want to end it all', { exact: false }).waitFor();
    await pending.waitFor({ state: 'detached' });
    expect(await pinned.locator('.pinned-intake__note-lost').count()).toBe(0);
    await checkScreen(c, 'unmatched-06b-consultant-note-passed-on');
    const composer = t.getByRole('textbox', { name: `Message to ${displayName}` });
    await composer.fill(NAMED);
    const warning = t.getByText("This may identify someone: a person's name.");
    await warning.waitFor();
    const warningId = (await warning.getAttribute('id')) ?? 'missing';
    await expect.poll(() => composer.getAttribute('aria-describedby')).toContain(warningId);
    await checkScreen(t, 'unmatched-07-teacher-composer-warning');
    await composer.fill('Thank you for taking this on.');
    await warning.waitFor({ state: 'detached' });
    // The consultant's composer has no such warning: it is the teacher's own words it is for.
    await c.getByRole('textbox', { name: `Message to ${alias}` }).fill(NAMED);
    await c.waitForTimeout(1_000);
    expect(await c.getByText('This may identify someone').count()).toBe(0);
  });

  it('passes the note on at once when the teacher is online as a coordinator assigns their next request by hand', async () => {
    const t = teacher;
    await t.goto('/support/ask');
    await chooseIntake(t, { focus: 'Planning units and lessons' });
    const second = 'Second request: help me plan a unit on magnets for a mixed class.';
    await t.getByLabel('A note for your consultant').fill(second);
    await t.getByRole('button', { name: 'Ask for support' }).click();
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    await request.getByText('No consultant covers the grade band and subject you chose yet.').waitFor();
    const seenAs = await request.getByText('The consultant sees you as').textContent();
    const secondAlias = /sees you as (.+?), a name for this request only/.exec(seenAs ?? '')?.[1] ?? '';
    expect(secondAlias).not.toBe('');
    expect(secondAlias).not.toBe(alias);

    // The teacher stays on this page; the coordinator assigns the same consultant by hand.
    const c = coordinator;
    await c.reload();
    const section = c.getByRole('region', { name: 'Waiting with no consultant' });
    const item = section.getByRole('article').filter({ hasText: secondAlias });
    await item.waitFor();
    const select = item.getByLabel('Assign a consultant by hand');
    await select.locator('option', { hasText: `${displayName}:` }).waitFor({ state: 'attached' });
    const options = await select.locator('option').allTextContents();
    await select.selectOption({ index: options.findIndex((o) => o.startsWith(`${displayName}:`)) });
    await item.getByRole('button', { name: 'Assign' }).click();
    await c
      .getByRole('status')
      .filter({ hasText: `${secondAlias} is now in a conversation with ${displayName}.` })
      .waitFor();

    // The consultant opens the new conversation: the note is already there, though the teacher never opened it.
    const m = consultant;
    await m.goto('/support');
    await m.getByRole('link', { name: `Supporting ${secondAlias}` }).click();
    await m.getByRole('heading', { level: 1, name: `Supporting ${secondAlias}` }).waitFor();
    const note = m.locator('details.pinned-intake figure.pinned-intake__note');
    await note.getByText('Their note').waitFor();
    await note.getByText(second).waitFor();
    expect(await m.locator('.pinned-intake__note-lost').count()).toBe(0);
    expect(t.url()).not.toContain('/support/conversations/');
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    expectNoPageProblems(stack);
  });
});
