import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRedisGroupStore } from '../../server/src/features/groups/groups.redis-store.js';
import { shot } from '../support/browser.js';
import { logIn, logInWithSession, signUpAs, signUpInBrowser } from '../support/e2e-accounts.js';
import { checkScreen, useE2eStack } from '../support/e2e-stack.js';
import { createInvite, uniquePseudonym } from '../support/http.js';
import { TestMember } from '../support/member.js';

/**
 * Each role's first run, at desktop (1280×800) and phone (390×844) sizes: the coordinator's checklist, the
 * moderator's landing page and queue (urgent first), a teacher joining a group and posting with the composer
 * pinned to the bottom, a consultant's profile and waiting list; and a workshop from scheduling to its "was this
 * useful?" result, shown only from five answers. Every page is checked with axe and photographed
 * (tests/artifacts/journey-*.png); the top menu never wraps at 1280 px and fits a phone.
 */
const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
type Size = keyof typeof SIZES;

describe('first run of every role, desktop and phone', () => {
  const stack = useE2eStack({ env: { SEND_LIMIT_PER_10S: '1000', JOIN_LIMIT_PER_MINUTE: '1000' } });
  let r: Redis;
  let admin: TestMember;
  const invites = {} as Record<'admin' | 'member' | 'consultant' | 'moderator', string>;
  let groupId = '';
  const groupName = 'Staffroom after hours';
  let moderator: TestMember;

  /** A page of its own at this size (a phone: touch, 2× pixels). */
  const open = (label: string, size: Size): Promise<Page> =>
    stack.open(label, {
      viewport: SIZES[size],
      timeout: 20_000,
      ...(size === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });

  /** As the file's screens are named: tests/artifacts/journey-<name>.png. */
  const screen = (page: Page, name: string, options?: { fullPage?: boolean }) =>
    checkScreen(page, `journey-${name}`, options);

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

  /**
   * The top menu: one row at 1280 px (nothing clipped or scrolled); on a phone every item is inside the screen,
   * big enough to tap, and the page never scrolls sideways.
   */
  async function checkMenu(page: Page, size: Size) {
    const items = nav(page).locator('a, button');
    const count = await items.count();
    expect(count).toBeGreaterThanOrEqual(4);
    const boxes = [];
    for (let i = 0; i < count; i++) {
      const box = await items.nth(i).boundingBox();
      expect(box, `menu item ${i} is shown`).not.toBeNull();
      boxes.push(box!);
    }
    const fits = await nav(page)
      .locator('ul')
      .first()
      .evaluate((list) => list.scrollWidth <= list.clientWidth + 1);
    expect(fits, 'the menu is not clipped').toBe(true);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    expect(sideways, 'the page does not scroll sideways').toBe(true);
    if (size === 'desktop') {
      expect(new Set(boxes.map((b) => Math.round(b.y + b.height / 2))).size, 'one row at 1280 px').toBe(1);
    } else {
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(SIZES.phone.width + 0.5);
        expect(b.height, 'tap target').toBeGreaterThanOrEqual(40);
      }
    }
  }

  beforeAll(async () => {
    r = stack.redis!.client();
    const { node } = stack;
    admin = await TestMember.signUp(node.url, node.bootstrapInvite as string);
    stack.people.push(admin);
    for (const role of ['admin', 'member', 'consultant', 'moderator'] as const) {
      invites[role] = await createInvite(admin.agent, role, 50);
    }
    const created = await admin.agent.post('/api/groups', {
      name: groupName,
      topic: 'workload-stress',
      description: 'For the evenings when the marking will not end. Say how it is; someone has been there.',
      guidelines: 'Be kind. What is said here stays here.',
      visibility: 'listed',
    });
    expect(created.status).toBe(201);
    groupId = created.body.group.id as string;
    // A conversation long enough to scroll.
    const poster = await signUpAs(stack, admin, 'member');
    await poster.join(groupId);
    await poster.open(groupId);
    for (let i = 1; i <= 30; i++) await poster.send(groupId, `Evening note ${i}: still marking, still here.`);
  }, 180_000);

  afterAll(async () => {
    await r?.quit();
  });

  for (const size of ['desktop', 'phone'] as const) {
    it(`coordinator (${size}): the first-run checklist and "Create a group" in the main column`, async () => {
      const page = await open(`coordinator-${size}`, size);
      const name = uniquePseudonym('Coord');
      await signUpInBrowser(page, invites.admin, name, 40_000);
      const started = page.getByRole('region', { name: 'Getting started' });
      await started.getByText(/\d of 4 done/).waitFor();
      await started.getByRole('link', { name: /^(Create starter groups|See the groups)/ }).waitFor();
      await started.getByRole('link', { name: /^Set them/ }).waitFor();
      await checkMenu(page, size);
      await screen(page, `coordinator-01-home-${size}`);

      await nav(page).getByRole('link', { name: 'Groups' }).click();
      await heading(page, 'Support groups').waitFor();
      const create = page.getByRole('region', { name: 'New group' });
      await create.getByText('Create a group').waitFor();
      // In the main column: on a phone it comes before the list of groups, not after everything.
      const createTop = (await create.boundingBox())!.y;
      const listTop = (await page.getByRole('link', { name: groupName }).boundingBox())!.y;
      if (size === 'phone') expect(createTop).toBeLessThan(listTop);
      await screen(page, `coordinator-02-groups-${size}`);
      expect(stack.problems[`coordinator-${size}`]).toEqual({ csp: [], errors: [] });
    });
  }

  it('prepares the moderator: appointed before joining, an urgent alert and a report waiting', async () => {
    // The author and the reporter sign up (through the API) while the coordinator appoints the moderator.
    const member = async () => {
      const m = await signUpAs(stack, admin, 'member');
      await m.join(groupId);
      return m;
    };
    const joining = Promise.all([member(), member()]);
    moderator = await signUpAs(stack, admin, 'moderator');
    // The coordinator appoints them from the group's moderation page, before they have joined the group: only
    // accounts invited as moderators are offered, by pseudonym.
    const page = await open('appointing-coordinator', 'desktop');
    await logInWithSession(page, stack.node.url, admin.pseudonym);
    await page.goto(`/moderation/groups/${groupId}`);
    const panel = page.getByRole('region', { name: 'Moderators' });
    const choose = panel.getByRole('combobox', { name: 'Appoint someone invited as a moderator' });
    await choose.waitFor();
    const offered = await choose.locator('option').allTextContents();
    expect(offered).toContain(moderator.pseudonym);
    for (const m of stack.people.filter((p) => p !== moderator)) expect(offered).not.toContain(m.pseudonym);
    expect(offered).not.toContain(admin.pseudonym);
    await screen(page, 'coordinator-03-appoint');
    await choose.selectOption(moderator.pseudonym);
    await panel.getByRole('button', { name: 'Appoint', exact: true }).last().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Appoint moderator' }).click();
    await page.getByText(`${moderator.pseudonym} is now a moderator of ${groupName}.`).waitFor();
    await panel.getByText('Appointed, not yet in the group').waitFor();
    await panel.getByText(moderator.pseudonym, { exact: true }).waitFor();
    await screen(page, 'coordinator-04-appointed');
    expect(stack.problems['appointing-coordinator']).toEqual({ csp: [], errors: [] });
    const [author, reporter] = await joining;
    await author.open(groupId);
    const { seq } = await author.send(groupId, 'Honestly, you are all useless at this.');
    const report = await reporter.transport.request('report:create', {
      groupId,
      seq,
      reason: 'harassment',
      note: '',
    });
    expect(report.ok).toBe(true);
    // The crisis guard raises an urgent item for this one.
    await author.send(groupId, 'Honestly I don’t want to be here anymore.').catch(() => undefined);
    const queue = await moderator.transport.request('mod:queue', {});
    expect(queue.ok && queue.data.items.some((i) => i.urgent)).toBe(true);
  });

  for (const size of ['desktop', 'phone'] as const) {
    it(`moderator (${size}): lands on their groups and queue, urgent first, and what to do next`, async () => {
      const page = await open(`moderator-${size}`, size);
      await logInWithSession(page, stack.node.url, moderator.pseudonym);
      const queue = page.getByRole('region', { name: 'Your queue' });
      await queue.getByText(/2 open reports, 1 urgent/).waitFor();
      const items = queue.getByRole('listitem');
      expect(await items.count()).toBe(2);
      expect(await items.first().textContent()).toMatch(/^Urgent Someone may be at risk in/);
      expect(await items.nth(1).textContent()).toContain('Harassment');
      const next = page.getByRole('region', { name: 'What to do next' });
      expect(await next.getByRole('listitem').first().textContent()).toMatch(/^Open the urgent alert first/);
      await page
        .getByRole('region', { name: 'Groups you moderate' })
        .getByRole('link', { name: groupName, exact: true })
        .waitFor();
      // Raw ISO times never reach a person.
      expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
      await checkMenu(page, size);
      await screen(page, `moderator-01-landing-${size}`);

      await queue.getByRole('link', { name: 'Open the report queue' }).click();
      await heading(page, 'Moderation').waitFor();
      await page.getByRole('link', { name: 'Report queue' }).waitFor();
      await page.getByText('Raised automatically by the crisis guard').first().waitFor();
      await screen(page, `moderator-02-queue-${size}`);
      expect(stack.problems[`moderator-${size}`]).toEqual({ csp: [], errors: [] });
    });
  }

  for (const size of ['desktop', 'phone'] as const) {
    it(`teacher (${size}): joins a group and posts; the composer stays at the bottom, the list scrolls`, async () => {
      const page = await open(`teacher-${size}`, size);
      const name = uniquePseudonym('Teach');
      await signUpInBrowser(page, invites.member, name, 40_000);
      await checkMenu(page, size);
      await screen(page, `teacher-01-home-${size}`);
      await nav(page).getByRole('link', { name: 'Groups' }).click();
      await page.getByRole('link', { name: groupName }).click();
      await heading(page, groupName).waitFor();
      await page.getByLabel('I have read the group’s guidelines and I accept them').check();
      await page.getByRole('button', { name: 'Join the group' }).click();
      const log = page.getByRole('log', { name: `Messages in ${groupName}` });
      await log.getByText('Evening note 30: still marking, still here.').waitFor();
      const composer = page.getByRole('textbox', { name: `Message to ${groupName}` });
      await composer.fill(`First evening here, from ${name}.`);
      await composer.press('Enter');
      await log.getByText(`First evening here, from ${name}.`).waitFor();

      const layout = async (height: number) => {
        const box = (await composer.boundingBox())!;
        const send = (await page.getByRole('button', { name: 'Send' }).boundingBox())!;
        const page_ = await page.evaluate(() => ({
          scrolls: document.documentElement.scrollHeight > window.innerHeight + 1,
        }));
        const feed = await log.evaluate((el) => ({ overflow: el.scrollHeight > el.clientHeight }));
        expect(box.y + box.height, 'the composer is on screen').toBeLessThanOrEqual(height);
        expect(send.y + send.height, 'Send is on screen').toBeLessThanOrEqual(height);
        expect(box.y, 'the composer sits in the lower part').toBeGreaterThan(height * 0.45);
        expect(page_.scrolls, 'the page itself does not scroll: the list does').toBe(false);
        expect(feed.overflow, 'the message list scrolls').toBe(true);
      };
      await layout(SIZES[size].height);
      // Compact header: the room's title block takes little height.
      const head = (await page.locator('.room-head').boundingBox())!;
      expect(head.height).toBeLessThanOrEqual(80);
      // Scrolling the list up does not move the composer.
      await log.evaluate((el) => el.scrollTo({ top: 0 }));
      await layout(SIZES[size].height);
      await screen(page, `teacher-02-room-${size}`, { fullPage: false });

      if (size === 'phone') {
        // The on-screen keyboard takes the lower part of the screen (interactive-widget=resizes-content):
        // the composer stays above it.
        await composer.focus();
        await page.setViewportSize({ width: 390, height: 480 });
        await layout(480);
        await shot(page, 'journey-teacher-03-room-keyboard-phone', { fullPage: false });
        await page.setViewportSize(SIZES.phone);
        // The group's info opens in place of the conversation, and back.
        await page.getByRole('button', { name: 'Group info' }).click();
        await page.getByRole('region', { name: 'Your membership' }).waitFor();
        expect(await log.isVisible()).toBe(false);
        await screen(page, `teacher-04-group-info-phone`, { fullPage: false });
        await page.getByRole('button', { name: 'Back to the conversation' }).click();
        await log.waitFor();
      }
      expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
      expect(stack.problems[`teacher-${size}`]).toEqual({ csp: [], errors: [] });
    });
  }

  for (const size of ['desktop', 'phone'] as const) {
    it(`consultant (${size}): sets up a profile, then sees the waiting list`, async () => {
      const page = await open(`consultant-${size}`, size);
      const name = uniquePseudonym('Consult');
      await signUpInBrowser(page, invites.consultant, name, 40_000);
      await checkMenu(page, size);
      await nav(page).getByRole('link', { name: 'Support' }).click();
      await heading(page, 'One-to-one support').waitFor();
      await screen(page, `consultant-01-support-${size}`);
      await page.getByRole('link', { name: 'Set up your profile' }).click();
      await heading(page, 'Your consultant profile').waitFor();
      await page
        .getByLabel('Display name')
        .fill(size === 'phone' ? 'Patient Maths Helper' : 'Calm Science Helper');
      await page
        .getByRole('group', { name: 'Grades you have taught' })
        .getByLabel('3', { exact: true })
        .check();
      await page.getByRole('checkbox', { name: 'Mathematics', exact: true }).check();
      await page.getByRole('checkbox', { name: 'Classroom management', exact: true }).check();
      await page.getByLabel('Capacity').fill('2');
      await page.getByRole('checkbox', { name: 'Monday afternoon' }).check();
      await screen(page, `consultant-02-profile-${size}`);
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();

      await nav(page).getByRole('link', { name: 'Support' }).click();
      await heading(page, 'One-to-one support').waitFor();
      const waiting = page.getByRole('region', { name: 'Requests offered to you' });
      await waiting.getByText('No requests are waiting for your answer.').waitFor();
      await page.getByRole('link', { name: 'Edit your profile' }).waitFor();
      await screen(page, `consultant-03-waiting-list-${size}`);
      expect(stack.problems[`consultant-${size}`]).toEqual({ csp: [], errors: [] });
    });
  }

  it('workshop: scheduled with an agenda and sign-up, members sign up, "was this useful?" shows only from five answers', async () => {
    const title = 'Marking in half the time';
    // Five members sign up (through the API) and join while the coordinator schedules the workshop.
    const joining = Promise.all(
      [0, 1, 2, 3, 4].map(async () => {
        const m = await signUpAs(stack, admin, 'member');
        await m.join(groupId);
        return m;
      }),
    );
    const coordinator = await open('workshop-coordinator', 'desktop');
    await logInWithSession(coordinator, stack.node.url, admin.pseudonym);
    await coordinator.goto(`/groups/${groupId}`);
    await heading(coordinator, groupName).waitFor();
    const sessions = coordinator.getByRole('region', { name: 'Upcoming sessions' });
    await sessions.getByText('Schedule a session').click();
    await sessions.getByLabel('Title').fill(title);
    await sessions.getByLabel('Format').selectOption('workshop');
    await sessions
      .getByLabel(/^Agenda/)
      .fill('1. What takes longest. 2. Whole-class feedback, tried live. 3. One thing to try this week.');
    await sessions.getByLabel(/Members sign up beforehand/).check();
    await sessions.getByRole('textbox', { name: 'Host' }).fill(admin.pseudonym);
    await screen(coordinator, 'workshop-01-schedule');
    await sessions.getByRole('button', { name: 'Schedule session' }).click();
    await sessions
      .getByRole('status')
      .filter({ hasText: `“${title}” is scheduled` })
      .waitFor();
    const listed = sessions.getByRole('listitem').filter({ hasText: title });
    await listed.getByText(/Workshop ·/).waitFor();
    await listed.getByText('Whole-class feedback, tried live.', { exact: false }).waitFor();

    // A teacher signs up on a phone, from the group's info; four more sign up from their own devices.
    const members = await joining;
    const detail = await members[0]!.agent.get(`/api/groups/${groupId}`);
    const meeting = (detail.body.group.meetings as { id: string; title: string }[]).find(
      (x) => x.title === title,
    );
    expect(meeting).toBeTruthy();
    const base = `/api/groups/${groupId}/meetings/${meeting!.id}`;
    const phone = await open('workshop-member-phone', 'phone');
    await logIn(phone, members[0]!.pseudonym, { connected: false, timeout: 40_000 });
    await phone.goto(`/groups/${groupId}`);
    await heading(phone, groupName).waitFor();
    await phone.getByRole('button', { name: 'Group info' }).click();
    await phone.getByRole('button', { name: `Sign up for “${title}”` }).click();
    await phone.getByRole('status').filter({ hasText: '1 person signed up, including you.' }).waitFor();
    await screen(phone, 'workshop-02-signed-up-phone');
    for (const m of members.slice(1))
      expect((await m.agent.request('PUT', `${base}/signup`)).status).toBe(200);
    expect((await members[0]!.agent.get(`${base}/signup`)).body).toMatchObject({ count: 5, signedUp: true });

    // The session took place: moved into the past through the real store (the API refuses a past start).
    const store = createRedisGroupStore(r, stack.redis!.prefix);
    const stored = (await store.listMeetings([groupId])).find((m) => m.id === meeting!.id);
    expect(stored).toBeTruthy();
    await store.saveMeeting({ ...stored!, startsAt: Date.now() - 2 * 3600_000, durationMinutes: 60 });

    // The phone member answers in the page; three more answer: four answers, nothing shown yet.
    await phone.reload();
    await heading(phone, groupName).waitFor();
    await phone.getByRole('button', { name: 'Group info' }).click();
    const question = phone.getByRole('group', { name: `Was “${title}” useful?` });
    await question.getByLabel('4 · Useful').check();
    await screen(phone, 'workshop-03-useful-phone');
    await question.getByRole('button', { name: 'Send answer' }).click();
    await phone.getByText('Thank you: your answer was counted, anonymously.').waitFor();
    for (const [i, score] of [5, 3, 4].entries()) {
      expect((await members[i + 1]!.agent.post(`${base}/useful`, { score })).status).toBe(200);
    }
    await coordinator.reload();
    await heading(coordinator, groupName).waitFor();
    const result = coordinator.locator('.meeting__result');
    await result.filter({ hasText: `“${title}”: fewer than 5 have answered` }).waitFor();
    expect(await coordinator.locator('main').textContent()).not.toContain('out of 5');
    await screen(coordinator, 'workshop-04-result-hidden');

    // The fifth answer: the aggregate appears.
    expect((await members[4]!.agent.post(`${base}/useful`, { score: 4 })).status).toBe(200);
    await coordinator.reload();
    await heading(coordinator, groupName).waitFor();
    await result.filter({ hasText: `“${title}”: useful 4 out of 5, from 5 people.` }).waitFor();
    await screen(coordinator, 'workshop-05-result-shown');
    expect(stack.problems['workshop-coordinator']).toEqual({ csp: [], errors: [] });
    expect(stack.problems['workshop-member-phone']).toEqual({ csp: [], errors: [] });
  });
});
