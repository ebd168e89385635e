import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import { chooseIntake } from '../support/e2e-intake.js';
import { coordinatorAgent, signUpInBrowser } from '../support/e2e-accounts.js';
import { createInvite, signUp, uniquePseudonym } from '../support/http.js';

/**
 * Issue 16: reciprocal mentorship (two teachers opt in with what they offer and would like to learn, are paired,
 * both see each other's offer and need, both set a goal), and a released consultant's caseload with its taper-off
 * reminder (term ending soon). Every screen checked with axe; screenshots kept in tests/artifacts.
 */
describe('reciprocal mentorship and the released consultant’s caseload', () => {
  const stack = useE2eStack();
  const open = (label: string, viewport = { width: 1280, height: 900 }) =>
    stack.open(label, { timeout: 20_000, viewport });
  const newTeacher = { name: uniquePseudonym('Newer'), page: undefined as unknown as Page };
  const veteran = { name: uniquePseudonym('Veteran'), page: undefined as unknown as Page };
  const consultant = { name: uniquePseudonym('Released'), page: undefined as unknown as Page };
  const invites = { member: '', consultant: '' };
  let newTeacherAlias = '';
  let veteranAlias = '';

  /** Opts in from the support page: what they can offer, what they would like to learn. */
  async function optIn(page: Page, offers: string, wants: string, school: string) {
    await page.goto('/support');
    const section = page.getByRole('region', { name: 'Reciprocal mentorship' });
    await section
      .getByRole('group', { name: /I can offer/ })
      .getByRole('checkbox', { name: offers })
      .check();
    await section
      .getByRole('group', { name: /like to learn/ })
      .getByRole('checkbox', { name: wants })
      .check();
    await section.getByLabel('School').fill(school);
    return section;
  }

  beforeAll(async () => {
    const admin = await coordinatorAgent(stack);
    invites.member = await createInvite(admin, 'member', 5);
    invites.consultant = await createInvite(admin, 'consultant', 1);
    [newTeacher.page, veteran.page, consultant.page] = await Promise.all([
      open('new-teacher'),
      open('veteran', { width: 390, height: 844 }),
      open('consultant'),
    ]);
  });

  it('lets a teacher opt in with what they offer and would like to learn, and wait for a partner', async () => {
    const t = newTeacher.page;
    await signUpInBrowser(t, invites.member, newTeacher.name);
    const section = await optIn(t, 'Classroom technology', 'Classroom management', 'Willow Creek Elementary');
    await checkScreen(t, 'pairing-01-opt-in');
    await section.getByRole('button', { name: 'Find a reciprocal partner' }).click();
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    await request.getByText('Waiting for a reciprocal partner').waitFor();
    expect(await request.textContent()).toContain('Classroom technology');
    const seenAs = await request.getByText('Your partner sees you as').textContent();
    newTeacherAlias = /sees you as (.+?), a\s+name for this request only/.exec(seenAs ?? '')?.[1] ?? '';
    expect(newTeacherAlias).not.toBe('');
    await checkScreen(t, 'pairing-02-waiting');
  });

  it('pairs a veteran whose offers and needs cross, who sees both sides and sets a goal (phone)', async () => {
    const v = veteran.page;
    await signUpInBrowser(v, invites.member, veteran.name);
    const section = await optIn(v, 'Classroom management', 'Classroom technology', 'Oak Hill Secondary');
    await section.getByRole('button', { name: 'Find a reciprocal partner' }).click();
    await v
      .getByRole('heading', { level: 1, name: `Reciprocal mentorship with ${newTeacherAlias}` })
      .waitFor();
    const pair = v.locator('details.reciprocal-pair');
    await pair.getByText('Reciprocal mentorship: both of you learn').waitFor();
    const mine = pair.getByRole('definition').first();
    expect(await mine.textContent()).toBe('Classroom management');
    expect(await pair.textContent()).toContain(`${newTeacherAlias} offersClassroom technology`);
    expect(await pair.textContent()).toContain(`${newTeacherAlias} would like to learnClassroom management`);
    veteranAlias =
      /sees you as (.+?), a\s+name for this conversation only/.exec(
        (await v.getByText('Your partner sees you as').textContent()) ?? '',
      )?.[1] ?? '';
    expect(veteranAlias).not.toBe('');

    const goals = v.getByRole('region', { name: 'Shared goals' });
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    await goals.getByLabel('Goal', { exact: true }).fill('Quiz with the class tablets');
    await goals.getByRole('button', { name: 'Save goal' }).click();
    await goals.getByRole('heading', { name: 'Quiz with the class tablets' }).waitFor();
    await checkScreen(v, 'pairing-03-conversation-veteran-phone');
  });

  it('shows the new teacher the pairing, the other side’s offer and need and goal, and lets them set theirs', async () => {
    const t = newTeacher.page;
    await t.goto('/support');
    const link = t.getByRole('link', { name: `Reciprocal mentorship with ${veteranAlias}` });
    await link.waitFor();
    await t.getByRole('listitem').filter({ has: link }).getByText('Both of you learn').waitFor();
    await link.click();
    const pair = t.locator('details.reciprocal-pair');
    await pair.waitFor();
    expect(await pair.textContent()).toContain('You offerClassroom technology');
    expect(await pair.textContent()).toContain(`${veteranAlias} offersClassroom management`);
    const goals = t.getByRole('region', { name: 'Shared goals' });
    await goals.getByRole('heading', { name: 'Quiz with the class tablets' }).waitFor();
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    await goals.getByLabel('Goal', { exact: true }).fill('Calm start after recess');
    await goals.getByRole('button', { name: 'Save goal' }).click();
    await goals.getByRole('heading', { name: 'Calm start after recess' }).waitFor();
    await checkScreen(t, 'pairing-04-conversation-new-teacher');
    // Both goals, on both sides.
    await veteran.page
      .getByRole('region', { name: 'Shared goals' })
      .getByRole('heading', { name: 'Calm start after recess' })
      .waitFor();
  });

  it('lets either partner end the pairing, for both at once: the veteran ends it and the new teacher sees it live', async () => {
    // The veteran holds the second place in the pair, yet ends it directly (no proposal waiting on the other).
    const v = veteran.page;
    const ending = v.getByRole('region', { name: 'Ending the pairing' });
    await ending.getByText('Either of you can end the pairing').waitFor();
    expect(await ending.getByRole('button', { name: 'Propose to taper off and end' }).count()).toBe(0);
    await ending.getByRole('button', { name: 'End the pairing' }).click();
    const dialog = v.getByRole('dialog', { name: 'End the pairing?' });
    await dialog.getByText(`${newTeacherAlias} is told it has ended`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'End the pairing' }).click();
    await v.getByRole('heading', { level: 2, name: 'This pairing has ended' }).waitFor();
    await v.getByText('You ended the pairing. The conversation stays here', { exact: false }).waitFor();
    await checkScreen(v, 'pairing-04b-ended-veteran-phone');

    // The new teacher's open page follows, without reloading: ended for them too, and read-only.
    const t = newTeacher.page;
    await t.getByRole('heading', { level: 2, name: 'This pairing has ended' }).waitFor();
    await t
      .getByText(`${veteranAlias} ended the pairing. The conversation stays here`, { exact: false })
      .waitFor();
    expect(await t.getByRole('region', { name: 'Ending the pairing' }).count()).toBe(0);
    expect(await t.getByRole('textbox', { name: `Message to ${veteranAlias}` }).count()).toBe(0);
    // No feedback form about a consultant: they were peers.
    expect(await t.getByText('How was it? (anonymous)').count()).toBe(0);
    await checkScreen(t, 'pairing-04c-ended-new-teacher');
  });

  it('gives a released consultant a caseload that suggests tapering off as the term ends', async () => {
    const c = consultant.page;
    await signUpInBrowser(c, invites.consultant, consultant.name);
    await c.goto('/support/profile');
    await c.getByLabel('Display name').fill('Released Science Guide');
    await c.getByRole('group', { name: 'Grades you have taught' }).getByLabel('4', { exact: true }).check();
    await c.getByRole('checkbox', { name: 'Science', exact: true }).check();
    await c.getByRole('checkbox', { name: 'Planning units and lessons' }).check();
    await c.getByRole('radio', { name: 'Released for a term' }).check();
    expect(await c.getByLabel('Capacity').inputValue()).toBe('12');
    const soon = new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
    await c.getByLabel('Last day of your release').fill(soon);
    await checkScreen(c, 'pairing-05-profile-released');
    await c.getByRole('button', { name: 'Save profile' }).click();
    await c.getByText('Profile saved.', { exact: false }).waitFor();

    // A teacher asks (over HTTP: the intake's browser journey is tested elsewhere); the consultant accepts.
    const teacher = await signUp(stack.node.url, invites.member, uniquePseudonym('Asker'));
    const asked = await teacher.post('/api/support-request', {
      grades: ['4'],
      subjects: ['science'],
      reasons: ['new-assignment'],
      focus: 'planning',
      workStyles: ['messages'],
      preferredTimes: [],
    });
    expect(asked.status).toBe(201);
    const alias: string = asked.body.request.alias;
    await c.goto('/support');
    const offer = c.getByRole('article', { name: `Request from ${alias}` });
    await offer.getByRole('button', { name: 'Accept and start the conversation' }).click();
    await c.getByRole('heading', { level: 1, name: `Supporting ${alias}` }).waitFor();

    await c.goto('/support');
    const caseload = c.getByRole('region', { name: 'Your caseload' });
    await caseload.getByText('Released until', { exact: false }).waitFor();
    expect(await caseload.textContent()).toContain('Supporting 1 of 12 teachers.');
    await caseload.getByText('Running for less than a week · last activity', { exact: false }).waitFor();
    await caseload.getByText('no sessions held yet', { exact: false }).waitFor();
    await caseload.getByText('Time to taper off?').waitFor();
    expect(await caseload.textContent()).toContain('Your release ends soon');
    // Never a raw ISO date.
    expect(await caseload.textContent()).not.toContain(soon);
    await checkScreen(c, 'pairing-06-caseload');
  });

  it('tells a teacher plainly that nobody covers their request, and widens it only when they say yes', async () => {
    const t = await open('uncovered');
    await signUpInBrowser(t, invites.member, uniquePseudonym('Uncovered'));
    await t.goto('/support/ask');
    // Grade 2 science: the only consultant teaches science in grades 4 to 7.
    await chooseIntake(t, { grade: '2', reason: 'A new assignment', focus: 'Planning units and lessons' });
    await t.getByRole('button', { name: 'Ask for support' }).click();
    const request = t.getByRole('region', { name: 'Your request', exact: true });
    await request.getByText('No consultant covers this yet').waitFor();
    await request.getByText('No consultant covers the grade band and subject you chose yet.').waitFor();
    await request.getByText('The nearest match').waitFor();
    expect(await request.textContent()).toContain('A consultant who knows science, taught in grades 4 to 7.');
    // Never who: not the consultant's name.
    expect(await request.textContent()).not.toContain('Released Science Guide');
    const groups = request.getByRole('link', { name: 'groups on a new assignment' });
    expect(await groups.getAttribute('href')).toBe('/groups?topic=new-assignment');
    await checkScreen(t, 'pairing-07-nearest-match');
    // Nothing was given to the consultant silently.
    await consultant.page.goto('/support');
    await consultant.page.getByText('No requests are waiting for your answer.').waitFor();

    await request.getByRole('button', { name: 'Yes, another grade band is fine' }).click();
    await request.getByText('Offered to a consultant').waitFor();
    await consultant.page.reload();
    await consultant.page.getByRole('button', { name: 'Accept and start the conversation' }).waitFor();
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    expectNoPageProblems(stack);
  });
});
