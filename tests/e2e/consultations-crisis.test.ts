import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseIntake } from '../support/e2e-intake.js';
import { coordinatorAgent, saveProfile, signUpInBrowser } from '../support/e2e-accounts.js';
import { expectAccessible, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import { createInvite, uniquePseudonym } from '../support/http.js';

/**
 * The crisis guard where the server cannot read (issue 11, item 3): a one-to-one message is checked in the sender's
 * browser before it is sealed, and again in the consultant's browser when it arrives. The teacher privately sees the
 * deployment's own crisis contacts (tap to call); the consultant sees a discreet banner with the protocol. Nothing
 * about it reaches the server.
 */
describe('the crisis guard in one-to-one support, in the browsers', () => {
  const teacher = { name: uniquePseudonym('Teacher'), page: undefined as unknown as Page };
  const consultant = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  const displayName = 'Crisis Test Mentor';
  let alias = '';
  const invites = { member: '', consultant: '' };
  /** The district's own line: shown only if the browser got it from the deployment (GET /api/info). */
  const district = {
    name: 'Eastside Employee Assistance',
    contact: 'Call 555 0100',
    hours: '24/7',
    call: '5550100',
  };
  const RISK = 'Honestly I can’t do this anymore. I want to end it all, I have the pills ready for tonight.';
  const OTHER = 'A colleague told me she has a plan to kill herself this weekend. What should I do?';
  const stack = useE2eStack({ env: { CRISIS_RESOURCES: JSON.stringify([district]) } });
  const open = (label: string) => stack.open(label, { timeout: 20_000 });

  const composer = (page: Page, peer: string) => page.getByRole('textbox', { name: `Message to ${peer}` });
  const feed = (page: Page, peer: string) => page.getByRole('log', { name: `Messages with ${peer}` });
  const delivered = (page: Page, peer: string) =>
    feed(page, peer).locator('.cmsg:not(.cmsg--outbox) .cmsg__text').allInnerTexts();
  async function send(page: Page, peer: string, text: string) {
    await composer(page, peer).fill(text);
    await composer(page, peer).press('Enter');
  }
  const banner = (page: Page) =>
    page.getByRole('region', { name: 'This message may signal risk — here is the protocol' });

  beforeAll(async () => {
    const admin = await coordinatorAgent(stack);
    invites.member = await createInvite(admin, 'member', 2);
    invites.consultant = await createInvite(admin, 'consultant', 1);
    [consultant.page, teacher.page] = await Promise.all([open('consultant'), open('teacher')]);
  });

  /**
   * A teacher who writes the note first and sends before the rest is told what is missing, and shown the
   * contacts (stopping at the form must not leave them without); then fills the rest and sends with `note`.
   */
  async function askWithTheNoteFirst(t: Page, note: string) {
    await t.goto('/support/ask');
    await t.getByLabel('A note for your consultant').fill(RISK);
    await t.getByRole('button', { name: 'Ask for support' }).click();
    const unsent = t.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await unsent.getByText('Your request was not sent yet').waitFor();
    expect(await unsent.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await unsent.getByRole('button', { name: 'Close' }).click();
    await unsent.waitFor({ state: 'detached' });
    await t.getByText('Choose at least one grade.').waitFor();
    await chooseIntake(t);
    await t.getByLabel('A note for your consultant').fill(note);
    await t.getByRole('button', { name: 'Ask for support' }).click();
  }

  it('matches a teacher with a consultant and opens their conversation; a risky note sent before the rest of the form brings the contacts', async () => {
    const c = consultant.page;
    const t = teacher.page;
    // Both sign up at once, each in their own browser (so each key pair is made there).
    await Promise.all([
      signUpInBrowser(c, invites.consultant, consultant.name).then(() =>
        saveProfile(c, {
          displayName,
          grades: ['4'],
          subjects: ['science'],
          areas: ['assessment'],
          capacity: 3,
          availability: [],
          paused: false,
        }),
      ),
      signUpInBrowser(t, invites.member, teacher.name),
    ]);
    await askWithTheNoteFirst(t, 'Marking takes all my evenings.');
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    const seenAs = await request.getByText('The consultant sees you as').textContent();
    alias = /sees you as (.+?), a name for this request only/.exec(seenAs ?? '')?.[1] ?? '';
    expect(alias).not.toBe('');

    await c.goto('/support');
    const offer = c.getByRole('article', { name: `Request from ${alias}` });
    await offer.getByRole('button', { name: 'Accept and start the conversation' }).click();
    await c.getByRole('heading', { level: 1, name: `Supporting ${alias}` }).waitFor();
    const link = t.getByRole('link', { name: `Support with ${displayName}` });
    await link.click();
    await t.getByRole('heading', { level: 1, name: `Support with ${displayName}` }).waitFor();
  });

  it('sends a message that signals risk, shows the teacher the district’s contacts, and the consultant the protocol', async () => {
    const t = teacher.page;
    const c = consultant.page;
    await send(t, displayName, 'Hello, thank you for taking this on.');
    await expect.poll(() => delivered(c, alias)).toEqual(['Hello, thank you for taking this on.']);
    // An ordinary message: no dialog, no banner.
    expect(await t.getByRole('dialog').count()).toBe(0);
    expect(await banner(c).count()).toBe(0);

    await send(t, displayName, RISK);
    const dialog = t.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await dialog.waitFor();
    await dialog.getByText(district.name, { exact: true }).waitFor();
    expect(await dialog.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await expectAccessible(t, 'one-to-one crisis dialog');
    // Still sent, sealed, as written.
    await expect.poll(() => delivered(c, alias)).toEqual(['Hello, thank you for taking this on.', RISK]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => composer(t, displayName).evaluate((el) => el === document.activeElement))
      .toBe(true);

    // The consultant's browser flagged it on receipt: a discreet banner, collapsed, announced as a status.
    await banner(c).waitFor();
    expect(
      await c
        .getByRole('status')
        .filter({ has: banner(c) })
        .count(),
    ).toBe(1);
    await banner(c).getByText('Show the protocol and the contacts').click();
    await banner(c).getByText('Ask directly whether they are thinking about suicide').waitFor();
    expect(
      await banner(c)
        .getByRole('link', { name: /^Call 5550100/ })
        .getAttribute('href'),
    ).toBe('tel:5550100');
    await expectAccessible(c, 'one-to-one risk banner');
    await banner(c).getByRole('button', { name: 'Hide' }).click();
    await banner(c).waitFor({ state: 'detached' });
  });

  it('shows how to help someone when the teacher worries about a colleague, and no banner for the consultant’s own words', async () => {
    const t = teacher.page;
    const c = consultant.page;
    await send(t, displayName, OTHER);
    const dialog = t.getByRole('dialog', { name: 'How to help someone who may be at risk' });
    await dialog.waitFor();
    await dialog.getByText('Ask directly whether they are thinking about suicide').waitFor();
    await dialog.getByText(district.name, { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The consultant quotes the words back: no dialog for them (their own message), no banner for the teacher.
    await send(c, alias, `You wrote: "${RISK}" I am here, let's talk about it now.`);
    await expect.poll(async () => (await delivered(t, displayName)).length).toBe(4);
    expect(await c.getByRole('dialog', { name: 'You don’t have to carry this alone' }).count()).toBe(0);
    expect(await banner(t).count()).toBe(0);
    expect(await banner(c).count()).toBe(0);
  });

  it('checks a goal the teacher writes like a message: saved as written, and the contacts shown privately', async () => {
    const t = teacher.page;
    const goals = t.getByRole('region', { name: 'Shared goals' });
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    await goals
      .getByLabel('Goal', { exact: true })
      .fill('Get through to Friday. Honestly I want to end it all tonight.');
    await goals.getByRole('button', { name: 'Save goal' }).click();
    const dialog = t.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Your goal was saved as you wrote it');
    expect(await dialog.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await goals.getByRole('heading', { name: /^Get through to Friday/ }).waitFor();

    // The consultant's browser opens the goal and flags it: the same discreet banner as for a message.
    const c = consultant.page;
    const goalBanner = c.getByRole('region', { name: 'This goal may signal risk — here is the protocol' });
    await goalBanner.waitFor();
    expect(await c.getByRole('status').filter({ has: goalBanner }).count()).toBe(1);
    await goalBanner.getByText('Show the protocol and the contacts').click();
    expect(await goalBanner.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await expectAccessible(c, 'goal risk banner');
    await goalBanner.getByRole('button', { name: 'Hide' }).click();
    await goalBanner.waitFor({ state: 'detached' });
  });

  it('checks a check-in note the teacher writes: the contacts for the teacher, the banner for the consultant', async () => {
    const t = teacher.page;
    const checkIns = t.getByRole('region', { name: 'Check-ins' });
    await checkIns.getByRole('button', { name: 'Propose a check-in' }).click();
    await checkIns
      .getByLabel('Note')
      .fill('Talk about the week. I have the pills ready for tonight, I want to end it all.');
    await checkIns.getByRole('button', { name: 'Propose check-in' }).click();
    const dialog = t.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    const c = consultant.page;
    const noteBanner = c.getByRole('region', {
      name: 'This check-in note may signal risk — here is the protocol',
    });
    await noteBanner.waitFor();
    await noteBanner.getByText('Show the protocol and the contacts').click();
    await noteBanner.getByText('Ask directly whether they are thinking about suicide').waitFor();
    await noteBanner.getByRole('button', { name: 'Hide' }).click();
    await noteBanner.waitFor({ state: 'detached' });
  });

  it('warns the teacher while they type a goal or a check-in note that may identify someone, as on their messages, and saves it as written', async () => {
    const t = teacher.page;
    const goals = t.getByRole('region', { name: 'Shared goals' });
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    const goal = goals.getByLabel('Goal', { exact: true });
    await goal.fill('Help Jayden Okonkwo settle after lunch, call 07700 900123');
    await goals.getByText(/This may identify someone: .*phone/).waitFor();
    await goals.getByRole('button', { name: 'Save goal' }).click();
    await goals.getByRole('heading', { name: /^Help Jayden Okonkwo/ }).waitFor();

    const checkIns = t.getByRole('region', { name: 'Check-ins' });
    await checkIns.getByRole('button', { name: 'Propose a check-in' }).click();
    await checkIns.getByLabel('Note').fill('Talk about Jayden Okonkwo in 7B and his mum, 07700 900123');
    await checkIns.getByText(/This may identify someone/).waitFor();
    await checkIns.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('keeps a check-in note pasted over its limit whole, saves nothing, and shows the contacts when its end signals risk', async () => {
    const t = teacher.page;
    const checkIns = t.getByRole('region', { name: 'Check-ins' });
    await checkIns.getByRole('button', { name: 'Propose a check-in' }).click();
    const long = `${'Planning, marking, duty, a parent call, cover again. '.repeat(30)}${RISK}`;
    expect(long.length).toBeGreaterThan(1_500);
    const note = checkIns.getByLabel('Note');
    await note.fill(long);
    expect(await note.inputValue()).toBe(long); // not cut at the limit before the check reads the end
    await checkIns.getByRole('button', { name: 'Propose check-in' }).click();
    await checkIns.getByText(/Keep it to 1,500 characters: shorten it by/).waitFor();
    expect(await checkIns.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    expect(await note.inputValue()).toBe(long);
    await checkIns.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('keeps a goal title pasted over its limit whole, saves nothing, and shows the contacts when its end signals risk', async () => {
    const t = teacher.page;
    const goals = t.getByRole('region', { name: 'Shared goals' });
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    // The risk words start past the title's limit of 200: a box that cut the paste would never let them be read.
    const long = `${'Calmer transitions after lunch, then reading time. '.repeat(5)}${RISK}`;
    expect(long.indexOf(RISK)).toBeGreaterThan(200);
    const title = goals.getByLabel('Goal', { exact: true });
    await title.fill(long);
    expect(await title.inputValue()).toBe(long);
    await goals.getByText(`${long.length} / 200 (${long.length - 200} too many)`).waitFor();
    await goals.getByRole('button', { name: 'Save goal' }).click();
    await goals.getByText(/Keep the goal to 200 characters: shorten it by/).waitFor();
    expect(await goals.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe('tel:5550100');
    expect(await title.inputValue()).toBe(long);
    await goals.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await goals.getByRole('heading', { name: /^Calmer transitions after lunch/ }).count()).toBe(0);
  });

  it('shows the contacts for a one-to-one message over the length limit that signals risk, which is not sent and waits to be shortened', async () => {
    const t = teacher.page;
    const long = `${'Marking, reports, parents evening, cover again. '.repeat(45)}${RISK}`;
    expect(long.length).toBeGreaterThan(2_000);
    await send(t, displayName, long);
    const dialog = t.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Your message was not sent yet');
    expect(await dialog.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await composer(t, displayName).inputValue()).toBe(long);
    await composer(t, displayName).fill('');
  });

  it('marks an intake whose note signals risk urgent, shows the contacts at once, and the consultant only “urgent”', async () => {
    const t = await open('second teacher');
    await signUpInBrowser(t, invites.member, uniquePseudonym('Teacher'));
    await askWithTheNoteFirst(t, RISK);
    const dialog = t.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await dialog.getByText('marked urgent so it is offered first').waitFor();
    expect(await dialog.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await expectAccessible(t, 'intake crisis dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The page keeps the contacts in view while the urgent request is open, and says honestly where it is.
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    await request.getByText('it is offered before other requests').waitFor();
    expect(await request.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    const seenAs = await t
      .getByRole('region', { name: 'Your request', exact: true })
      .getByText('The consultant sees you as')
      .textContent();
    const second = /sees you as (.+?), a name for this request only/.exec(seenAs ?? '')?.[1] ?? '';

    // The server was told "urgent" and nothing else; the consultant's offer says so, and the note opens there.
    const c = consultant.page;
    await c.goto('/support');
    const offer = c.getByRole('article', { name: `Request from ${second}` });
    await offer.getByText('Marked urgent').waitFor();
    await offer.locator('blockquote').filter({ hasText: 'I want to end it all' }).waitFor();
    const served = await c.evaluate(async () => (await fetch('/api/consultant/offers')).text());
    expect(served).toContain('"urgent":true');
    expect(served).not.toContain('end it all');
  });

  it('keeps a support feedback comment pasted over its limit whole, sends nothing until it is shortened, and shows the contacts when its end signals risk', async () => {
    const t = teacher.page;
    const c = consultant.page;
    // The consultant proposes to end, the teacher confirms: the teacher is then asked for anonymous feedback.
    await c.goto(t.url());
    await c.getByRole('heading', { level: 1, name: `Supporting ${alias}` }).waitFor();
    const ending = (page: Page) => page.getByRole('region', { name: 'Ending the support', exact: true });
    await ending(c).getByRole('button', { name: 'Propose to taper off and end' }).click();
    await c
      .getByRole('dialog', { name: 'Propose to taper off and end?' })
      .getByRole('button', { name: 'Propose the end' })
      .click();
    await ending(t).getByRole('button', { name: 'Confirm the end' }).click();
    await t
      .getByRole('dialog', { name: 'Confirm the end?' })
      .getByRole('button', { name: 'Confirm the end' })
      .click();
    const form = t.getByRole('region', { name: 'This support has ended', exact: true });
    await form.getByRole('radio', { name: '5 · Very helpful' }).check();
    await form
      .getByRole('group', { name: 'Would you recommend it to a colleague?' })
      .getByLabel('Yes')
      .check();

    // The risk words start past the comment's limit of 1,000: a box that cut the paste would never let them be read.
    const long = `${'The check-ins kept me going through a long, hard term. '.repeat(20)}${RISK}`;
    expect(long.indexOf(RISK)).toBeGreaterThan(1_000);
    const comment = form.getByLabel('Anything else?');
    await comment.fill(long);
    expect(await comment.inputValue()).toBe(long);
    await form
      .getByText(
        `${long.length.toLocaleString('en')} / 1,000 (${(long.length - 1_000).toLocaleString('en')} too many)`,
      )
      .waitFor();
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await form.getByText(/Keep the comment to 1,000 characters: shorten it by/).waitFor();
    const contacts = form.getByRole('region', { name: 'People you can reach today' });
    expect(await contacts.getByRole('link', { name: /^Call 5550100/ }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await expectAccessible(t, 'support feedback over its limit');
    // Not sent: the comment waits, whole, to be shortened, and sending again is refused again.
    expect(await comment.inputValue()).toBe(long);
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await form.getByText(/Keep the comment to 1,000 characters/).waitFor();
    expect(await form.getByText('Thank you. Your feedback was stored without your name.').count()).toBe(0);

    await comment.fill('It helped me find my feet again.');
    await form.getByText('32 / 1,000', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await form.getByText('Thank you. Your feedback was stored without your name.').waitFor();
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    expectNoPageProblems(stack);
  });
});
