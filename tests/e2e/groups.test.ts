import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { shot } from '../support/browser.js';
import { logIn, logInWithSession } from '../support/e2e-accounts.js';
import {
  useE2eStack,
  type OpenOptions,
  checkScreen,
  expectCount,
  expectNoPageProblems,
} from '../support/e2e-stack.js';
import { createInvite, signUp, uniquePseudonym, type Agent } from '../support/http.js';
import { TestMember } from '../support/member.js';
import type { TestNode } from '../support/node.js';

/**
 * Two teachers in one support group, each in their own browser and on a different server node (one Redis):
 * they join (accepting the guidelines), see each other, type, talk, react, survive a reload and a lost
 * network, and nothing they write is ever run as markup. Every screen is checked with axe and photographed.
 */
describe('support groups in a real browser, across two nodes', () => {
  // A long history is posted quickly in setup; everything else runs with the default limits.
  const stack = useE2eStack({ nodes: 2, env: { SEND_LIMIT_PER_10S: '1000' } });
  let admin: Agent;
  const adminName = uniquePseudonym('Coord');
  let groupId = '';
  let historyGroupId = '';
  const groupName = 'Marking mountains';

  const ana = { name: uniquePseudonym('Ana'), page: undefined as unknown as Page };
  const ben = { name: uniquePseudonym('Ben'), page: undefined as unknown as Page };
  let benContext: BrowserContext;

  /** A page in a context of its own that may use the clipboard. */
  async function open(label: string, options: OpenOptions) {
    const page = await stack.open(label, options);
    const context = page.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: (options.node ?? stack.node).url,
    });
    return { context, page };
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const feed = (page: Page) => page.getByRole('log', { name: `Messages in ${groupName}` });
  const composer = (page: Page) => page.getByRole('textbox', { name: `Message to ${groupName}` });
  const message = (page: Page, text: string) => feed(page).getByRole('listitem').filter({ hasText: text });
  const texts = (page: Page) => feed(page).locator('.msg__text').allInnerTexts();
  const presence = (page: Page) => page.getByRole('region', { name: /^Here now/ });

  async function send(page: Page, text: string) {
    await composer(page).fill(text);
    await composer(page).press('Enter');
  }

  beforeAll(async () => {
    const [first, second] = stack.nodes as [TestNode, TestNode];
    admin = await signUp(first.url, first.bootstrapInvite as string, adminName);
    const invite = await createInvite(admin, 'member', 10);
    await Promise.all([signUp(first.url, invite, ana.name), signUp(second.url, invite, ben.name)]);

    const created = await admin.post('/api/groups', {
      name: groupName,
      topic: 'workload-stress',
      description: 'For when the marking pile is taller than you are. Tips, solidarity, the odd laugh.',
      guidelines:
        'Be kind: everyone here is a colleague.\nWhat is said here stays here.\nDo not name students, colleagues or schools.',
      visibility: 'listed',
    });
    expect(created.status).toBe(201);
    groupId = created.body.group.id as string;
    const other = await admin.post('/api/groups', {
      name: 'First year, first evaluation',
      topic: 'first-year-evaluation',
      description:
        'New to the job and about to be observed? Talk it through with people who have been there.',
      guidelines: 'Be kind. Nothing you say here reaches an evaluator.',
    });
    expect(other.status).toBe(201);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(16, 0, 0, 0);
    const meeting = await admin.post(`/api/groups/${groupId}/meetings`, {
      title: 'Marking triage workshop',
      startsAt: tomorrow.getTime(),
      durationMinutes: 45,
      host: 'Coordinator',
    });
    expect(meeting.status).toBe(201);

    const history = await admin.post('/api/groups', {
      name: 'Long history',
      topic: 'general',
      guidelines: 'Be kind.',
    });
    historyGroupId = history.body.group.id as string;
    const poster = await TestMember.signUp(second.url, invite);
    stack.people.push(poster);
    await poster.join(historyGroupId);
    await poster.open(historyGroupId);
    for (let i = 1; i <= 70; i++) await poster.send(historyGroupId, `Note ${i}`);

    const [anaOpened, benOpened] = await Promise.all([
      open('ana', { node: first }),
      // Ben is on a phone, in the dark colour scheme, so axe checks the dark palette of these pages too.
      open('ben', { node: second, viewport: { width: 360, height: 780 }, colorScheme: 'dark' }),
    ]);
    ana.page = anaOpened.page;
    ben.page = benOpened.page;
    benContext = benOpened.context;
    await Promise.all([
      logIn(ana.page, ana.name, { connected: false }),
      logIn(ben.page, ben.name, { connected: false }),
    ]);
  });

  it('lists groups with topics, a search and this week’s sessions', async () => {
    const page = ana.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
    await heading(page, 'Support groups').waitFor();
    const cards = page
      .getByRole('region', { name: 'Groups you can join' })
      .getByRole('listitem')
      .filter({
        has: page.getByRole('heading', { level: 3 }),
      });
    await expectCount(cards, 3);
    const week = page.getByRole('region', { name: 'This week' });
    await week.getByText('Marking triage workshop').waitFor();
    expect(await week.textContent()).toContain(groupName);
    await checkScreen(page, 'groups-01-list');

    await page.getByLabel('Topic').selectOption('first-year-evaluation');
    await expectCount(cards, 1);
    await page.getByRole('status').filter({ hasText: '1 group found' }).waitFor();
    await page.getByLabel('Topic').selectOption('');
    await expectCount(cards, 3);
    await page.getByLabel('Search by name').fill('marking');
    await page.getByRole('status').filter({ hasText: '1 group found' }).waitFor();
    await expectCount(cards, 1);
    expect(await cards.first().textContent()).toContain(groupName);
    expect(new URL(page.url()).searchParams.get('q')).toBe('marking');
    await page.getByLabel('Search by name').fill('');
    await expectCount(cards, 3);
  });

  it('asks for the guidelines to be accepted before joining, then opens the conversation', async () => {
    const page = ana.page;
    await page
      .getByRole('region', { name: 'Groups you can join' })
      .getByRole('link', { name: groupName })
      .click();
    await heading(page, groupName).waitFor();
    const guidelines = page.getByRole('region', { name: 'Group guidelines' });
    expect(await guidelines.textContent()).toContain('What is said here stays here.');
    await checkScreen(page, 'groups-02-join');

    await page.getByRole('button', { name: 'Join the group' }).click();
    await page.getByRole('alert').filter({ hasText: 'tick “I accept”' }).waitFor();
    await page.getByLabel('I have read the group’s guidelines and I accept them').check();
    await page.getByRole('button', { name: 'Join the group' }).click();
    await feed(page).waitFor();
    await page.getByText('No messages yet.').waitFor();

    // Ben joins on the other node, from a phone, straight from a link.
    await ben.page.goto(`/groups/${groupId}`);
    await heading(ben.page, groupName).waitFor();
    await ben.page.getByLabel('I have read the group’s guidelines and I accept them').check();
    await ben.page.getByRole('button', { name: 'Join the group' }).click();
    await feed(ben.page).waitFor();
  });

  it('shows who is here and who is typing, across nodes', async () => {
    await presence(ana.page).getByRole('listitem').filter({ hasText: ben.name }).waitFor();
    await presence(ben.page).getByRole('listitem').filter({ hasText: ana.name }).waitFor();
    expect(await presence(ana.page).getByRole('heading').textContent()).toBe('Here now (2)');

    await composer(ana.page).fill('Hello');
    await ben.page.getByText(`${ana.name} is typing…`).waitFor();
    await composer(ana.page).fill('');
  });

  it('delivers messages in order to the member on the other node, and announces them politely', async () => {
    const sent = ['Hello from Ana, 1', 'Hello from Ana, 2', 'Hello from Ana, 3'];
    for (const text of sent) await send(ana.page, text);
    await message(ben.page, sent[2]!).waitFor();
    expect(await texts(ben.page)).toEqual(sent);
    expect(await texts(ana.page)).toEqual(sent);
    // Screen readers hear who wrote, not the whole feed.
    await ben.page
      .locator('[aria-live="polite"]')
      .filter({ hasText: `new messages from ${ana.name}` })
      .or(ben.page.locator('[aria-live="polite"]').filter({ hasText: `New message from ${ana.name}` }))
      .first()
      .waitFor({ state: 'attached' });
    expect(await feed(ben.page).getAttribute('aria-live')).toBe('off');
  });

  it('lets Ben react and Ana see the count', async () => {
    const first = message(ben.page, 'Hello from Ana, 1');
    await first.getByRole('button', { name: 'Add a reaction' }).click();
    await ben.page.getByRole('group', { name: 'Reactions' }).getByRole('button', { name: 'Heart' }).click();
    const mine = first.getByRole('button', { name: 'Heart 1' });
    await mine.waitFor();
    await expect.poll(() => mine.getAttribute('aria-pressed')).toBe('true');

    const seen = message(ana.page, 'Hello from Ana, 1').getByRole('button', { name: 'Heart 1' });
    await seen.waitFor();
    expect(await seen.getAttribute('aria-pressed')).toBe('false');
  });

  it('shows markup as text and never runs it', async () => {
    await send(
      ana.page,
      'Look: <img src=x onerror=alert(1)> then <script>alert(1)</script><img src=x onerror="window.__xss=1"> end',
    );
    await send(ana.page, '5 < 6 & "quotes"');
    await composer(ana.page).fill('Two lines,');
    await composer(ana.page).press('Shift+Enter');
    await composer(ana.page).pressSequentially('and a link: https://example.org/a?b=1&c=<2>');
    await composer(ana.page).press('Enter');

    await message(ben.page, 'and a link').waitFor();
    for (const page of [ana.page, ben.page]) {
      const log = feed(page);
      // The app's own reaction icons are inline SVG; nothing a member wrote may become an element.
      await expectCount(log.locator('img, script, iframe, a, svg:not(.reaction-icon)'), 0);
      expect(await message(page, '5 < 6').locator('.msg__text').innerText()).toBe('5 < 6 & "quotes"');
      expect(await message(page, 'Look:').locator('.msg__text').innerText()).toMatch(/^Look:\s+then\s+end$/);
      expect(await message(page, 'and a link').locator('.msg__text').innerText()).toBe(
        'Two lines,\nand a link: https://example.org/a?b=1&c=<2>',
      );
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    }
    expect(stack.dialogs).toEqual([]);
    await checkScreen(ana.page, 'groups-03-conversation');
    await checkScreen(ben.page, 'groups-04-conversation-phone', { fullPage: false });
  });

  it('keeps history and the unsent draft across a reload', async () => {
    await composer(ben.page).fill('A draft I have not sent yet');
    await ben.page.reload();
    await message(ben.page, 'Hello from Ana, 1').waitFor();
    expect(await composer(ben.page).inputValue()).toBe('A draft I have not sent yet');
    expect((await texts(ben.page)).length).toBe(6);
    await composer(ben.page).fill('');
  });

  it('keeps a message sent offline pending, then sends it exactly once when back online', async () => {
    await benContext.setOffline(true);
    await ben.page.getByRole('status').filter({ hasText: 'Connection: Offline' }).waitFor();
    await send(ben.page, 'Written on the train, offline');
    const pending = message(ben.page, 'Written on the train, offline');
    await pending.getByText('Waiting for the connection…').waitFor();
    expect(await composer(ben.page).inputValue()).toBe('');
    await shot(ben.page, 'groups-05-pending-offline-phone', { fullPage: false });

    await benContext.setOffline(false);
    await ben.page.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();
    await pending.locator('.msg__time').waitFor({ timeout: 20_000 });
    await message(ana.page, 'Written on the train, offline').waitFor();
    await ana.page.waitForTimeout(1_000);
    await expectCount(message(ben.page, 'Written on the train, offline'), 1);
    await expectCount(message(ana.page, 'Written on the train, offline'), 1);
    await expectCount(feed(ben.page).getByText('Waiting for the connection…'), 0);
  });

  it('counts unread messages on the home page and marks where they start', async () => {
    await ana.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await heading(ana.page, `Hello, ${ana.name}`).waitFor();
    await send(ben.page, 'Anyone else still marking at midnight?');
    await message(ben.page, 'Anyone else still marking at midnight?').locator('.msg__time').waitFor();

    await ana.page.reload();
    const mine = ana.page.getByRole('region', { name: 'Your groups' });
    await mine.getByText('1 unread message').waitFor();
    await checkScreen(ana.page, 'groups-06-home');

    await mine.getByRole('link', { name: groupName }).click();
    await message(ana.page, 'Anyone else still marking at midnight?').waitFor();
    await feed(ana.page).locator('[data-unread-line]').waitFor();
  });

  it('lets a member report a message, with the keyboard alone', async () => {
    const page = ana.page;
    const target = message(page, 'Anyone else still marking at midnight?');
    const menuButton = target.getByRole('button', { name: `More actions for ${ben.name}’s message` });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Report' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Report');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Report this message' });
    await dialog.waitFor();
    await dialog.getByLabel('Spam').check();
    await dialog.getByLabel(/Anything the moderators should know/).fill('Testing the report flow.');
    await checkScreen(page, 'groups-07-report-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Send report' }).click();
    const thanks = page.getByRole('dialog', { name: 'Thank you for telling us' });
    await thanks.waitFor();
    await page.keyboard.press('Escape');
    await expectCount(page.getByRole('dialog'), 0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
  });

  it('lets a member delete their own message, leaving a note for everyone', async () => {
    const page = ana.page;
    await message(page, 'Hello from Ana, 2')
      .getByRole('button', { name: 'More actions for your message' })
      .click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete your message?' })
      .getByRole('button', { name: 'Delete message' })
      .click();
    await feed(ben.page).getByText('Removed by its author').waitFor();
    await feed(page).getByText('Removed by its author').waitFor();
    await expectCount(message(ben.page, 'Hello from Ana, 2'), 0);
  });

  it('asks before posting something that may identify someone, and lets the member edit or send anyway', async () => {
    const page = ana.page;
    const text = 'You can email me at ana.marking@example.org';
    await send(page, text);
    const warning = page.getByRole('alertdialog', { name: 'This may identify you or someone else' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('an email address: “ana.marking@example.org”');
    await checkScreen(page, 'groups-08-privacy-warning', { fullPage: false });
    await warning.getByRole('button', { name: 'Edit' }).click();
    await expectCount(page.getByRole('alertdialog'), 0);
    expect(await composer(page).inputValue()).toBe(text);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    await composer(page).press('Enter');
    await warning.getByRole('button', { name: 'Send anyway' }).click();
    await message(ben.page, 'ana.marking@example.org').waitFor();
    await expectCount(message(page, 'ana.marking@example.org'), 1);
  });

  it('shows crisis resources privately to a member whose message suggests risk; the message is still posted', async () => {
    const page = ben.page;
    await send(page, 'Honestly I feel hopeless and I can’t do this anymore.');
    const support = page.getByRole('dialog', { name: 'You don’t have to carry this alone' });
    await support.waitFor();
    expect(await support.getByRole('listitem').count()).toBeGreaterThan(0);
    // Tap-to-call and tap-to-text, from the deployment's configured numbers (the defaults here).
    const call = support.getByRole('link', { name: /^Call 988\b.*988 Suicide/ });
    expect(await call.getAttribute('href')).toBe('tel:988');
    expect(await support.getByRole('link', { name: /^Text 988\b.*988 Suicide/ }).getAttribute('href')).toBe(
      'sms:988',
    );
    const hrefs = await support
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => /^(tel|sms):\+?\d+$|^https:/.test(h ?? ''))).toBe(true);
    await checkScreen(page, 'groups-09-support-phone', { fullPage: false });
    await support.getByRole('button', { name: 'Close' }).click();
    await message(ana.page, 'I feel hopeless').waitFor();
    await expectCount(ana.page.getByRole('dialog'), 0);
  });

  it('lets a member leave after confirming, and the others see them go', async () => {
    // On a phone the group's info (sessions, guidelines, membership) opens in place of the conversation.
    await ben.page.getByRole('button', { name: 'Group info' }).click();
    await ben.page.getByRole('button', { name: 'Leave group' }).click();
    await ben.page
      .getByRole('dialog', { name: `Leave “${groupName}”?` })
      .getByRole('button', { name: 'Leave group' })
      .click();
    await heading(ben.page, 'Support groups').waitFor();
    await ben.page
      .getByRole('status')
      .filter({ hasText: `You left “${groupName}”` })
      .waitFor();
    await expectCount(presence(ana.page).getByRole('listitem').filter({ hasText: ben.name }), 0);
    await checkScreen(ben.page, 'groups-10-left-phone');
  });

  it('lets a coordinator create an invite-only group and plan its sessions; a member joins it by link', async () => {
    const { page } = await open('coordinator', { viewport: { width: 1180, height: 900 } });
    await logInWithSession(page, stack.node.url, adminName);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
    const create = page.getByRole('region', { name: 'New group' });
    await create.getByText('Create a group').click();
    await create.getByLabel('Name').fill('Trying a new strategy');
    await create.getByLabel('Topic').selectOption('new-strategy');
    await create.getByLabel(/^Description/).fill('Trying retrieval practice this term? Compare notes here.');
    await create.getByLabel(/Invite only/).check();
    await create.getByRole('button', { name: 'Create group' }).click();
    await create.getByRole('status').filter({ hasText: '“Trying a new strategy” was created.' }).waitFor();

    await page.getByRole('link', { name: 'Trying a new strategy' }).click();
    await heading(page, 'Trying a new strategy').waitFor();
    const sessions = page.getByRole('region', { name: 'Upcoming sessions' });
    await sessions.getByText('Schedule a session').click();
    await sessions.getByLabel('Title').fill('Monday check-in');
    await sessions.getByRole('button', { name: 'Schedule session' }).click();
    await sessions.getByRole('status').filter({ hasText: '“Monday check-in” is scheduled' }).waitFor();
    await sessions.getByRole('listitem').filter({ hasText: 'Monday check-in' }).waitFor();
    const link =
      (await page
        .getByRole('region', { name: 'Coordinator tools' })
        .locator('.join-code__value')
        .textContent()) ?? '';
    expect(link).toMatch(/\/groups\/join\?code=[\w-]+$/);
    await checkScreen(page, 'groups-11-coordinator');

    await sessions.getByRole('button', { name: 'Cancel “Monday check-in”' }).click();
    await page
      .getByRole('alertdialog', { name: 'Cancel this session?' })
      .getByRole('button', { name: 'Cancel session' })
      .click();
    await sessions.getByRole('status').filter({ hasText: '“Monday check-in” was cancelled.' }).waitFor();
    await sessions.getByText('No sessions are planned.').waitFor();

    // Ben opens the link he was sent: the group is hidden from him until he joins with it.
    await ben.page.goto(new URL(link).pathname + new URL(link).search);
    await heading(ben.page, 'Join a group with a code').waitFor();
    await ben.page.getByRole('button', { name: 'Continue' }).click();
    await ben.page.getByLabel('I have read the group’s guidelines and I accept them').check();
    await ben.page.getByRole('button', { name: 'Join the group' }).click();
    await heading(ben.page, 'Trying a new strategy').waitFor();
    await ben.page.getByRole('log', { name: 'Messages in Trying a new strategy' }).waitFor();
  });

  it('loads older messages as the member scrolls up, and keeps their place', async () => {
    const page = ana.page;
    await page.goto(`/groups/${historyGroupId}`);
    await page.getByLabel('I have read the group’s guidelines and I accept them').check();
    await page.getByRole('button', { name: 'Join the group' }).click();
    const log = page.getByRole('log', { name: 'Messages in Long history' });
    await log.getByText('Note 70', { exact: true }).waitFor();
    expect(await log.locator('.msg__text').count()).toBe(50);
    await log.getByRole('button', { name: 'Load earlier messages' }).waitFor({ state: 'attached' });

    await expect.poll(() => log.getAttribute('aria-busy')).toBe('false');
    await log.evaluate((el) => el.scrollTo({ top: 0 }));
    await log.getByText('This is the beginning of the group.').waitFor();
    expect(await log.locator('.msg__text').allInnerTexts()).toEqual(
      Array.from({ length: 70 }, (_, i) => `Note ${i + 1}`),
    );
    // The message that was at the top before the older page arrived is still on screen.
    const [kept, frame] = await Promise.all([
      log.getByText('Note 21', { exact: true }).boundingBox(),
      log.boundingBox(),
    ]);
    expect(kept && frame && kept.y >= frame.y && kept.y < frame.y + frame.height).toBe(true);
  });

  it('raised no Content Security Policy violation, no uncaught error and no dialog', () => {
    expectNoPageProblems(stack);
  });
});
