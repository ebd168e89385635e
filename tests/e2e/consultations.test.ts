import { KDF_VERSION } from '@staffroom/shared/crypto/passphrase-kdf';
import { sessionNoteTemplate } from '@staffroom/shared/schemas/consultations';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  checkScreen,
  expectCount,
  expectNoPageProblems,
  useE2eStack,
  type OpenOptions,
} from '../support/e2e-stack.js';
import { shot } from '../support/browser.js';
import { forgetDeviceKeys, logInWithSession, saveProfile, signUpInBrowser } from '../support/e2e-accounts.js';
import { createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym, type Agent } from '../support/http.js';
import type { TestNode } from '../support/node.js';

/**
 * Confidential one-to-one support, end to end in Chromium: a consultant and a teacher each sign up in their own
 * browser (so each key pair is made and wrapped there), on different server nodes that share one Redis. The
 * teacher asks for support, the consultant sees why it came to them and accepts, they talk, agree a goal, plan
 * a check-in, compare safety codes, and close with anonymous feedback. Then, from the outside, a full dump of
 * Redis must contain none of what they wrote. Every screen is checked with axe and photographed.
 */
describe('one-to-one support in a real browser, across two nodes', () => {
  const stack = useE2eStack({ nodes: 2 });
  const open = (label: string, options: OpenOptions = {}) =>
    stack.open(label, { timeout: 20_000, ...options });
  let admin: Agent;
  const adminName = uniquePseudonym('Coord');
  let consultantInvite = '';
  let memberInvite = '';
  /** The local date of the check-in booked below (YYYY-MM-DD), for the calendar's day label. */
  let checkInDay = '';

  const displayName = 'Grade Two Mentor';
  const consultant = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  /** A second consultant with more room: offered the request first, declines, so it passes on. */
  const firstConsultant = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  /** `alias`: the name consultants see for the teacher's request (read from the teacher's own page). */
  const teacher = { name: uniquePseudonym('Teacher'), alias: '', page: undefined as unknown as Page };
  const canary = (what: string) => `${what} ${randomBytes(6).toString('hex')}`;
  /** Everything the two write: none of it may ever reach Redis in the clear. */
  const secrets = {
    intakeNote: canary('A lively class of 30 and no aide this term. Afternoons are the hardest.'),
    t1: canary('Thirty seven-year-olds and no aide, where do I start'),
    c1: canary('Start with the first five minutes after lunch'),
    t2: canary('That is exactly when it falls apart'),
    t3: canary('Could we look at my transition routine'),
    c2: canary('Of course, send it over when you can'),
    t4: canary('Written on the bus, offline'),
    goal: canary('Calmer transitions after lunch'),
    goalNote: canary('Tried the countdown song on Tuesday'),
    checkInNote: canary('Bring the seating plan'),
    observationNote: canary('Students settled quickly once the timer was on the board'),
    intakeSchool: 'Maple Grove Elementary',
    profileSchool: 'Riverside Elementary',
  };

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const feed = (page: Page, peer: string) => page.getByRole('log', { name: `Messages with ${peer}` });
  const composer = (page: Page, peer: string) => page.getByRole('textbox', { name: `Message to ${peer}` });
  /** The texts in the feed, in order, once nothing of mine is still on its way. */
  const delivered = (page: Page, peer: string) =>
    feed(page, peer).locator('.cmsg:not(.cmsg--outbox) .cmsg__text').allInnerTexts();
  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  async function send(page: Page, peer: string, text: string) {
    await composer(page, peer).fill(text);
    await composer(page, peer).press('Enter');
  }

  /** What this browser keeps: the key in IndexedDB (non-extractable), nothing in web storage. */
  async function deviceState(page: Page) {
    return page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('staffroom-keys');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stored = await new Promise<unknown>((resolve, reject) => {
        if (!db.objectStoreNames.contains('identity')) return resolve(null);
        const req = db.transaction('identity').objectStore('identity').get('current');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.close();
      const key = (stored as { privateKey?: CryptoKey } | null)?.privateKey;
      const web = [localStorage, sessionStorage].flatMap((s) =>
        Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`),
      );
      return {
        hasKey: key instanceof CryptoKey,
        extractable: key?.extractable ?? null,
        algorithm: key?.algorithm.name ?? null,
        webStorage: web.join('\n'),
      };
    });
  }

  beforeAll(async () => {
    const [first, second] = stack.nodes as [TestNode, TestNode];
    admin = await signUp(first.url, first.bootstrapInvite as string, adminName);
    consultantInvite = await createInvite(admin, 'consultant', 3);
    memberInvite = await createInvite(admin, 'member', 2);

    [consultant.page, firstConsultant.page, teacher.page] = await Promise.all([
      open('consultant', { node: first }),
      open('first consultant', { node: second }),
      // The teacher is on a phone, in the dark colour scheme, on the other node.
      open('teacher', { node: second, viewport: { width: 360, height: 800 }, colorScheme: 'dark' }),
    ]);
  });

  it('lets a consultant sign up (making their key in the browser) and save a profile', async () => {
    const page = consultant.page;
    await signUpInBrowser(page, consultantInvite, consultant.name);
    const keys = await page.evaluate(
      async () => (await (await fetch('/api/keys')).json()) as { keys: unknown },
    );
    expect(keys.keys).toMatchObject({ kdf: KDF_VERSION });
    const device = await deviceState(page);
    expect(device).toMatchObject({ hasKey: true, extractable: false, algorithm: 'ECDH' });
    expect(device.webStorage).not.toContain(GOOD_PASSPHRASE);

    await nav(page).getByRole('link', { name: 'Support' }).click();
    await heading(page, 'One-to-one support').waitFor();
    await page.getByRole('link', { name: 'Set up your profile' }).click();
    await heading(page, 'Your consultant profile').waitFor();
    await page.getByLabel('Display name').fill(displayName);
    await page
      .getByRole('group', { name: 'Grades you have taught' })
      .getByLabel('2', { exact: true })
      .check();
    await page
      .getByRole('group', { name: 'Grades you have taught' })
      .getByLabel('3', { exact: true })
      .check();
    await page.getByRole('checkbox', { name: 'Mathematics', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Classroom management', exact: true }).check();
    await page.getByLabel('Capacity').fill('3');
    await page.getByRole('checkbox', { name: 'Monday afternoon' }).check();
    await page.getByRole('button', { name: 'All day Wednesday' }).click();
    await page.getByRole('textbox', { name: /^School/ }).fill(secrets.profileSchool);
    await page.getByRole('textbox', { name: /^District/ }).fill('North Valley District');
    await checkScreen(page, 'consultations-01-profile');

    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
    // Write-only: after saving, the fields are empty again and only say "set".
    expect(await page.getByRole('textbox', { name: /^School/ }).inputValue()).toBe('');
    await page.getByText('Set. Never shown, not even to you.').first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain(secrets.profileSchool);
  });

  it('lets a second consultant with more room sign up in their browser (offered first)', async () => {
    const page = firstConsultant.page;
    await signUpInBrowser(page, consultantInvite, firstConsultant.name);
    await saveProfile(page, {
      displayName: 'Another Mentor',
      grades: ['2'],
      subjects: ['mathematics'],
      areas: ['classroom-management'],
      capacity: 10,
      availability: ['mon-pm'],
      paused: false,
    });
  });

  it('lets a teacher sign up on a phone and ask for support through the intake', async () => {
    const page = teacher.page;
    await signUpInBrowser(page, memberInvite, teacher.name);
    expect(await deviceState(page)).toMatchObject({ hasKey: true, extractable: false });
    const card = region(page, 'One-to-one support');
    await card.getByRole('link', { name: 'Ask for support' }).click();
    await heading(page, 'Ask for support').waitFor();

    // Submitting empty says what is missing and moves focus there.
    await page.getByRole('button', { name: 'Ask for support' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose at least one grade.' }).waitFor();
    const firstGrade = page.getByRole('group', { name: 'Grades' }).getByLabel('K', { exact: true });
    await expect.poll(() => firstGrade.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('group', { name: 'Grades' }).getByLabel('2', { exact: true }).check();
    await page.getByRole('checkbox', { name: 'Mathematics', exact: true }).check();
    await page.getByRole('checkbox', { name: 'A challenging class' }).check();
    await page.getByRole('radio', { name: 'Classroom management' }).check();
    await page.getByRole('checkbox', { name: 'Messages when it suits us' }).check();
    await page.getByRole('checkbox', { name: 'Regular scheduled check-ins' }).check();
    await page.getByRole('checkbox', { name: 'Monday afternoon' }).check();
    await page.getByLabel('A note for your consultant').fill(secrets.intakeNote);
    await page.getByRole('textbox', { name: /^School/ }).fill(secrets.intakeSchool);
    await page.getByRole('textbox', { name: /^District/ }).fill('Eastside School District');
    await checkScreen(page, 'consultations-02-intake-phone');

    await page.getByRole('button', { name: 'Ask for support' }).click();
    await heading(page, 'One-to-one support').waitFor();
    await page.getByRole('status').filter({ hasText: 'Your request is in' }).waitFor();
    await region(page, 'Your request').getByText('Offered to a consultant').waitFor();
    // The teacher is told the name consultants see: this request's own, never the account pseudonym.
    const seenAs = await region(page, 'Your request').getByText('The consultant sees you as').textContent();
    teacher.alias = /sees you as (.+?), a name for this request only/.exec(seenAs ?? '')?.[1] ?? '';
    expect(teacher.alias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{3}$/);
    expect(teacher.alias).not.toContain(teacher.name);
    await checkScreen(page, 'consultations-03-request-phone');
  });

  it('shows the note, opened in the browser, to the consultant offered it, and again to the next one after a decline', async () => {
    const page = firstConsultant.page;
    await nav(page).getByRole('link', { name: 'Support' }).click();
    await heading(page, 'One-to-one support').waitFor();
    const offer = page.getByRole('article', { name: `Request from ${teacher.alias}` });
    await offer.locator('blockquote').filter({ hasText: secrets.intakeNote }).waitFor();
    expect(await offer.textContent()).not.toContain(teacher.name);
    // What the server sent holds the note only as ciphertext.
    const served = await page.evaluate(async () => (await fetch('/api/consultant/offers')).text());
    expect(served).toContain('"noteState":"sealed"');
    expect(served).not.toContain(secrets.intakeNote);
    expect(served).not.toContain(teacher.name);
    await offer.getByRole('button', { name: 'Decline' }).click();
    const confirm = page.getByRole('dialog', { name: 'Decline this request?' });
    await confirm.getByRole('button', { name: 'Decline request' }).click();
    await offer.waitFor({ state: 'detached' });
  });

  it('shows the consultant the offer with why it matched and how long is left, and opens it on accept', async () => {
    const page = consultant.page;
    await page.getByRole('link', { name: 'Back to one-to-one support' }).click();
    await heading(page, 'One-to-one support').waitFor();
    const offer = page.getByRole('article', { name: `Request from ${teacher.alias}` });
    await offer.waitFor();
    // Passed on by the first consultant's decline: this one opens their own sealed copy of the note.
    await offer.locator('blockquote').filter({ hasText: secrets.intakeNote }).waitFor();
    const text = (await offer.textContent()) ?? '';
    expect(text).not.toContain(teacher.name);
    expect(text).toContain('Matched on: grade 2, mathematics, classroom management');
    expect(text).toMatch(/Answer within \d+ h/);
    expect(text).toContain('A challenging class');
    expect(text).toContain('Monday afternoon');
    expect(text).not.toMatch(/maple|eastside/i);
    await checkScreen(page, 'consultations-04-offers');

    await offer.getByRole('button', { name: 'Accept and start the conversation' }).click();
    await heading(page, `Supporting ${teacher.alias}`).waitFor();
    await page
      .getByText(`Only you and ${teacher.alias} can read this conversation.`, { exact: false })
      .waitFor();
  });

  it('lets them exchange messages live, across nodes, in order on both sides', async () => {
    const t = teacher.page;
    const c = consultant.page;
    // The teacher's page follows the match by itself.
    const link = t.getByRole('link', { name: `Support with ${displayName}` });
    await link.waitFor();
    await link.click();
    await heading(t, `Support with ${displayName}`).waitFor();
    await t
      .getByText(
        `Only you and ${displayName} can read this conversation. Staffroom’s servers, coordinators and moderators cannot.`,
      )
      .waitFor();

    await send(t, displayName, secrets.t1);
    await expect.poll(() => delivered(c, teacher.alias)).toEqual([secrets.t1]);
    await send(c, teacher.alias, secrets.c1);
    await expect.poll(() => delivered(t, displayName)).toEqual([secrets.t1, secrets.c1]);
    await send(t, displayName, secrets.t2);
    await send(t, displayName, secrets.t3);
    const all = [secrets.t1, secrets.c1, secrets.t2, secrets.t3];
    await expect.poll(() => delivered(t, displayName)).toEqual(all);
    await expect.poll(() => delivered(c, teacher.alias)).toEqual(all);
    await expectCount(feed(t, displayName).locator('.cmsg--outbox'), 0);
  });

  it('keeps a message written offline pending, sends it once when back, and catches up what was missed', async () => {
    const t = teacher.page;
    const c = consultant.page;
    await t.context().setOffline(true);
    await t.getByRole('status').filter({ hasText: 'Connection: Offline' }).waitFor();
    await send(c, teacher.alias, secrets.c2);
    await send(t, displayName, secrets.t4);
    const pending = feed(t, displayName).locator('.cmsg--outbox').filter({ hasText: secrets.t4 });
    await pending.getByText('Waiting for the connection…').waitFor();
    await shot(t, 'consultations-05a-offline-phone', { fullPage: false });

    await t.context().setOffline(false);
    await t.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();
    const all = [secrets.t1, secrets.c1, secrets.t2, secrets.t3, secrets.c2, secrets.t4];
    await expect.poll(() => delivered(t, displayName)).toEqual(all);
    await expect.poll(() => delivered(c, teacher.alias)).toEqual(all);
    await expectCount(feed(t, displayName).locator('.cmsg--outbox'), 0);
  });

  it('lets the teacher add a goal and the consultant plan a check-in the teacher accepts, with a reminder', async () => {
    const t = teacher.page;
    const c = consultant.page;
    const goals = (page: Page) => region(page, 'Shared goals');
    await goals(t).getByRole('button', { name: 'Add a goal' }).click();
    await goals(t).getByLabel('Goal', { exact: true }).fill(secrets.goal);
    await goals(t).getByRole('radio', { name: 'In progress' }).check();
    await goals(t).getByRole('button', { name: 'Save goal' }).click();
    await goals(t).getByRole('heading', { name: secrets.goal }).waitFor();
    await goals(c).getByRole('heading', { name: secrets.goal }).waitFor();
    expect(await goals(c).textContent()).toContain('In progress');

    await goals(c)
      .getByRole('button', { name: /^Update progress/ })
      .click();
    await goals(c).getByLabel('Progress note').fill(secrets.goalNote);
    await goals(c).getByRole('button', { name: 'Save progress' }).click();
    await goals(t).getByText(secrets.goalNote).waitFor();

    const checkIns = (page: Page) => region(page, 'Check-ins');
    await checkIns(c).getByRole('button', { name: 'Propose a check-in' }).click();
    const startsAt = await c.evaluate(() => {
      const d = new Date(Date.now() + 11 * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    checkInDay = startsAt.slice(0, 10);
    await checkIns(c).getByLabel('Starts').fill(startsAt);
    await checkIns(c).getByLabel('Length').selectOption('30');
    await checkIns(c).getByLabel('Note').fill(secrets.checkInNote);
    await checkIns(c).getByRole('button', { name: 'Propose check-in' }).click();
    await checkIns(c).getByText(`Proposed by you · waiting for ${teacher.alias}`).waitFor();

    await checkIns(t).getByText(`Proposed by ${displayName} · waiting for your answer`).waitFor();
    await checkIns(t).getByText(secrets.checkInNote).waitFor();
    await checkIns(t)
      .getByRole('button', { name: /^Accept the check-in/ })
      .click();
    await checkIns(t).getByText('Agreed').waitFor();
    await checkIns(c).getByText('Agreed').waitFor();

    // About ten minutes before it starts: both get the in-app reminder.
    await t
      .getByRole('status')
      .filter({ hasText: `Your check-in with ${displayName} starts in` })
      .waitFor();
    await c
      .getByRole('status')
      .filter({ hasText: `Your check-in with ${teacher.alias} starts in` })
      .waitFor();
    await checkScreen(c, 'consultations-05-conversation');
    await checkScreen(t, 'consultations-06-conversation-phone');
  });

  it('shows both the same 30-digit safety code', async () => {
    const codes: string[] = [];
    for (const page of [teacher.page, consultant.page]) {
      await page.getByRole('button', { name: 'Check the safety code' }).click();
      const dialog = page.getByRole('dialog', { name: 'Safety code' });
      await dialog.waitFor();
      const code = dialog.locator('.safety-code');
      await code.waitFor();
      codes.push((await code.getAttribute('data-code')) ?? '');
      if (page === consultant.page)
        await checkScreen(page, 'consultations-07-safety-code', { fullPage: false });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    expect(codes[0]).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(codes[0]).toBe(codes[1]);
  });

  it('keeps the key across a reload, and asks for the passphrase once the browser storage is gone', async () => {
    const t = teacher.page;
    const all = [secrets.t1, secrets.c1, secrets.t2, secrets.t3, secrets.c2, secrets.t4];
    await t.reload();
    await heading(t, `Support with ${displayName}`).waitFor();
    await expect.poll(() => delivered(t, displayName)).toEqual(all);

    await forgetDeviceKeys(t);
    await t.reload();
    await t.getByRole('heading', { name: 'Unlock your private conversations' }).waitFor();
    await checkScreen(t, 'consultations-08-unlock-phone');
    await t.getByLabel('Your passphrase').fill('not the right passphrase at all');
    await t.getByRole('button', { name: 'Unlock', exact: true }).click();
    await t.getByRole('alert').filter({ hasText: 'does not unlock your key' }).first().waitFor();
    // Creating new keys is offered only with the warning about older history.
    expect(await t.locator('main').textContent()).toContain('older one-to-one history becomes unreadable');
    await t.getByLabel('Your passphrase').fill(GOOD_PASSPHRASE);
    await t.getByRole('button', { name: 'Unlock', exact: true }).click();
    await heading(t, `Support with ${displayName}`).waitFor();
    await expect.poll(() => delivered(t, displayName)).toEqual(all);
    await expectCount(t.getByText('can’t be read on this device'), 0);
  });

  it('shows the consultant their caseload and the check-in on the calendar', async () => {
    const c = consultant.page;
    await nav(c).getByRole('link', { name: 'Home' }).click();
    await heading(c, `Hello, ${consultant.name}`).waitFor();
    const card = region(c, 'One-to-one support');
    await card.getByText('Caseload: 1 teacher of 3').waitFor();
    await card
      .getByRole('status')
      .filter({ hasText: `Your check-in with ${teacher.alias} starts in` })
      .waitFor();
    await checkScreen(c, 'consultations-09a-home-consultant');
    await nav(c).getByRole('link', { name: 'Support' }).click();
    await heading(c, 'One-to-one support').waitFor();
    await region(c, 'Your caseload')
      .getByRole('link', { name: `Supporting ${teacher.alias}` })
      .waitFor();
    const calendar = region(c, 'Upcoming check-ins');
    await calendar.getByRole('link', { name: `Check-in with ${teacher.alias}` }).waitFor();
    // Booked eleven minutes ahead: after 23:49 the check-in falls on the next day.
    const today = await c.evaluate(() => {
      const d = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    });
    expect(await calendar.textContent()).toContain(checkInDay === today ? 'Today' : 'Tomorrow');
    await checkScreen(c, 'consultations-09-consultant-desk');
    await region(c, 'Your caseload')
      .getByRole('link', { name: `Supporting ${teacher.alias}` })
      .click();
    await heading(c, `Supporting ${teacher.alias}`).waitFor();
    await expect.poll(() => delivered(c, teacher.alias)).toHaveLength(6);
  });

  it('lets the consultant schedule a classroom visit, write its note from the template, and the teacher read it', async () => {
    const t = teacher.page;
    const c = consultant.page;
    const checkIns = (page: Page) => region(page, 'Check-ins');
    await checkIns(c).getByRole('button', { name: 'Propose a check-in' }).click();
    await checkIns(c).getByLabel('Type').selectOption({ label: 'Classroom visit' });
    expect(await checkIns(c).textContent()).toContain('never judge');
    const note = checkIns(c).getByLabel('Note');
    const template = await note.inputValue();
    expect(template).toBe(sessionNoteTemplate('observation'));
    await note.fill(template.replace('What I noticed:\n', `What I noticed:\n${secrets.observationNote}\n`));
    const startsAt = await c.evaluate(() => {
      const d = new Date(Date.now() + 2 * 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
    });
    await checkIns(c).getByLabel('Starts').fill(startsAt);
    await checkScreen(c, 'consultations-09b-observation-form');
    await checkIns(c).getByRole('button', { name: 'Propose: Classroom visit' }).click();
    await checkIns(c).getByText(secrets.observationNote).waitFor();

    await checkIns(t).getByText('Classroom visit').waitFor();
    await checkIns(t).getByText(secrets.observationNote).waitFor();
    expect(await checkIns(t).textContent()).toContain('One thing to try:');
    await checkScreen(t, 'consultations-09c-observation-phone');
  });

  it('gives the consultant a record of support to print or download, naming nobody', async () => {
    const c = consultant.page;
    await nav(c).getByRole('link', { name: 'Support' }).click();
    await heading(c, 'One-to-one support').waitFor();
    await c.getByRole('link', { name: 'Your record of support' }).click();
    await heading(c, 'Your record of support').waitFor();
    const table = c.getByRole('table', { name: 'Support given, by month' });
    await table.waitFor();
    const shown = (await table.textContent()) ?? '';
    expect(shown).toContain('Teachers supported');
    expect(shown).not.toContain(teacher.alias);
    expect(shown).not.toContain(teacher.name);
    await checkScreen(c, 'consultations-09d-record-of-support');
    const [download] = await Promise.all([
      c.waitForEvent('download'),
      c.getByRole('link', { name: 'Download as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('staffroom-record-of-support.csv');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(path, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('month,hours,sessions,teachers_supported');
    expect(csv).toMatch(/\r\ntotal,[0-9.]+,[0-9]+,1\r\n$/);
    for (const secret of [teacher.alias, teacher.name]) expect(csv).not.toContain(secret);
    await c.goBack();
    await c.goBack();
    await heading(c, `Supporting ${teacher.alias}`).waitFor();
  });

  it('lets the consultant propose to end, the teacher confirm, and the teacher give anonymous feedback', async () => {
    const t = teacher.page;
    const c = consultant.page;
    const ending = (page: Page) => region(page, 'Ending the support');
    await ending(c).getByRole('button', { name: 'Propose to taper off and end' }).click();
    await c
      .getByRole('dialog', { name: 'Propose to taper off and end?' })
      .getByRole('button', { name: 'Propose the end' })
      .click();
    await ending(c).getByText('Waiting for').waitFor();

    await t.getByText(`${displayName} proposed to taper off and end`).first().waitFor();
    await ending(t).getByRole('button', { name: 'Confirm the end' }).click();
    await t
      .getByRole('dialog', { name: 'Confirm the end?' })
      .getByRole('button', { name: 'Confirm the end' })
      .click();
    await t.getByRole('heading', { name: 'This support has ended' }).waitFor();
    await expectCount(composer(t, displayName), 0);
    await c.getByRole('heading', { name: 'This support has ended' }).waitFor();
    await expectCount(composer(c, teacher.alias), 0);

    const form = region(t, 'This support has ended');
    expect(await form.textContent()).toContain('totals of 5 or more');
    await form.getByRole('radio', { name: '5 · Very helpful' }).check();
    await form
      .getByRole('group', { name: 'Would you recommend it to a colleague?' })
      .getByLabel('Yes')
      .check();
    await form.getByLabel('Anything else?').fill('It helped me find my feet again.');
    await checkScreen(t, 'consultations-10-feedback-phone');
    await form.getByRole('button', { name: 'Send feedback' }).click();
    await form.getByText('Thank you. Your feedback was stored without your name.').waitFor();
    await checkScreen(c, 'consultations-11-ended');

    // The coordinator sees counts only, and no feedback below five answers.
    const programme = await admin.get('/api/programme/consultations');
    expect(programme.body).toMatchObject({ active: null, feedback: { responses: null, comments: [] } });
  });

  it('shows the coordinator counts and suppressed feedback, and no way into the conversation', async () => {
    const page = await open('coordinator', { viewport: { width: 1024, height: 800 } });
    await logInWithSession(page, stack.node.url, adminName);
    await region(page, 'One-to-one support')
      .getByText('Not enough responses to show (fewer than 5)')
      .waitFor();
    await nav(page).getByRole('link', { name: 'Support' }).click();
    const glance = region(page, 'One-to-one support at a glance');
    await glance.getByText('In support now').waitFor();
    const text = (await glance.textContent()) ?? '';
    expect(text).toContain('Not enough responses to show (fewer than 5)');
    expect(text).not.toContain(teacher.name);
    expect(text).not.toContain(teacher.alias);
    await checkScreen(page, 'consultations-12-coordinator');
    // Even with the address, a coordinator cannot open the conversation.
    const link = await consultant.page.evaluate(() => location.pathname);
    await page.goto(link);
    await heading(page, 'Not available to you').waitFor();
    await page.close();
  });

  it('leaves nothing they wrote readable in Redis (every key, every value)', async () => {
    const redis = stack.redis!;
    const raw = redis.client();
    const dumps: string[] = [];
    const byKey = new Map<string, number>(); // key → index of its first entry in dumps
    let cursor = '0';
    try {
      do {
        const [next, keys] = await raw.scan(cursor, 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          // DUMP may compress long strings (LZF), so read every value by its type as well.
          byKey.set(key, dumps.length);
          dumps.push(key, (await raw.dumpBuffer(key))?.toString('latin1') ?? '');
          const type = await raw.type(key);
          if (type === 'string') dumps.push((await raw.get(key)) ?? '');
          else if (type === 'hash') dumps.push(JSON.stringify(await raw.hgetall(key)));
          else if (type === 'list') dumps.push(JSON.stringify(await raw.lrange(key, 0, -1)));
          else if (type === 'set') dumps.push(JSON.stringify(await raw.smembers(key)));
          else if (type === 'zset') dumps.push(JSON.stringify(await raw.zrange(key, 0, -1, 'WITHSCORES')));
          else if (type === 'stream') dumps.push(JSON.stringify(await raw.xrange(key, '-', '+')));
        }
      } while (cursor !== '0');
    } finally {
      await raw.quit();
    }
    const everything = dumps.join('\n');
    // The scan does see what is meant to be stored: pseudonyms and the consultant's display name.
    expect(everything).toContain(teacher.name);
    expect(everything).toContain(displayName);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(everything.includes(secret), `${what} found in Redis`).toBe(false);
      expect(everything.toLowerCase().includes(secret.toLowerCase()), `${what} found in Redis`).toBe(false);
    }
    expect(everything).not.toContain(GOOD_PASSPHRASE);
    // No key or value of the consultations feature holds the teacher's account pseudonym (accounts do).
    const starts = [...byKey.values(), dumps.length].sort((a, b) => a - b);
    const consultationKeys = [...byKey.keys()].filter((key) =>
      /^(consultants|requests?|conversations|feedback|convo)(:|$)|^account:[^:]+:(open-request|conversations|keys)$/.test(
        key.slice(redis.prefix.length),
      ),
    );
    expect(consultationKeys.length).toBeGreaterThan(5);
    for (const key of consultationKeys) {
      const from = byKey.get(key)!;
      const entry = dumps.slice(from, starts[starts.indexOf(from) + 1]).join('\n');
      expect(entry.includes(teacher.name), key).toBe(false);
    }
  });

  // Reporting sends a reason and the reporter's own note, never a message: the conversation stays private.
  it('lets a participant report the conversation from a message, saying plainly that nothing of it is sent', async () => {
    const c = consultant.page;
    const message = feed(c, teacher.alias).locator('.cmsg').filter({ hasText: secrets.t3 });
    await message.hover();
    await message.getByRole('button', { name: /^Report/ }).click();
    const dialog = c.getByRole('dialog', { name: 'Report this conversation' });
    await dialog.waitFor();
    const said = await dialog.textContent();
    expect(said).toContain('Nothing of the conversation is sent');
    expect(said).toContain('Please don’t paste the conversation or quote their messages');
    expect(said).not.toContain(secrets.t3);
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Choose what is wrong' }).waitFor();
    await dialog.getByRole('radio', { name: 'Something else' }).check();
    await dialog.getByRole('textbox', { name: /In your own words/ }).fill('We disagreed about my class.');
    await checkScreen(c, 'consultations-12a-report-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Send report' }).click();
    const thanks = c.getByRole('dialog', { name: 'Thank you for telling us' });
    await thanks.waitFor();
    await thanks.getByRole('button', { name: 'Close' }).click();
    await thanks.waitFor({ state: 'detached' });
  });

  it('warns before new keys are made, and then shows older history as unreadable, not as an error', async () => {
    const t = teacher.page;
    await forgetDeviceKeys(t);
    await t.reload();
    await t.getByRole('heading', { name: 'Unlock your private conversations' }).waitFor();
    await t.getByText('Cannot unlock it? Create new keys').click();
    await t.getByLabel('Your passphrase').fill(GOOD_PASSPHRASE);
    await t.getByRole('button', { name: 'Create new keys' }).click();
    await t.getByRole('alert').filter({ hasText: 'Tick the box' }).waitFor();
    expect(await t.locator('.keys-reset__warning').textContent()).toContain('will show as unreadable');
    await t.getByLabel('I understand that older one-to-one history becomes unreadable.').check();
    await t.getByRole('button', { name: 'Create new keys' }).click();
    await heading(t, `Support with ${displayName}`).waitFor();
    const unreadable = feed(t, displayName).getByText('can’t be read on this device', { exact: false });
    await expectCount(unreadable, 6);
    for (const text of Object.values(secrets))
      expect(await t.locator('main').textContent()).not.toContain(text);
    await checkScreen(t, 'consultations-13-new-keys-phone');
  });

  it('raised no Content Security Policy violation, no uncaught error and no dialog', () => {
    expectNoPageProblems(stack);
  });
});
