import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchProblems, type PageProblems } from '../support/browser.js';
import { createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym } from '../support/http.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * The sealed intake note when the teacher is away (issue 10, item 5): a consultant who becomes eligible after the
 * request was made holds no copy; when the offer passes to them, they are told the note arrives when the teacher
 * next opens Staffroom, and it does, sealed by the teacher's browser, without the server ever holding it.
 */
describe('the intake note reaches a consultant who became eligible while the teacher was away', () => {
  let redis: TestRedis | undefined;
  let node: TestNode;
  let browser: Browser | undefined;
  const problems: Record<string, PageProblems> = {};
  const note = `Afternoons fall apart ${randomBytes(6).toString('hex')}`;
  const teacher = { name: uniquePseudonym('Teacher'), page: undefined as unknown as Page };
  const early = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  const late = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  let alias = '';
  const invites = { member: '', consultant: '' };

  async function open(label: string): Promise<Page> {
    if (!browser) throw new Error('not started');
    const context = await browser.newContext({ baseURL: node.url, viewport: { width: 1280, height: 900 } });
    problems[label] = await watchProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function signUpInBrowser(page: Page, invite: string, pseudonym: string) {
    await page.goto('/signup');
    await page.getByLabel('Invite code').fill(invite);
    await page.getByLabel('Pseudonym').fill(pseudonym);
    await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${pseudonym}` }).waitFor({ timeout: 30_000 });
  }

  async function becomeConsultant(page: Page, capacity: number) {
    const status = await page.evaluate(
      async (body) =>
        (
          await fetch('/api/consultant/profile', {
            method: 'PUT',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      {
        displayName: 'A Mentor',
        grades: ['4'],
        subjects: ['science'],
        areas: ['assessment'],
        capacity,
        availability: [],
        paused: false,
      },
    );
    expect(status).toBe(200);
  }

  const offerOn = (page: Page) => page.getByRole('article', { name: `Request from ${alias}` });

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
    const admin = await signUp(node.url, node.bootstrapInvite as string, uniquePseudonym('Coord'));
    invites.member = await createInvite(admin, 'member', 1);
    invites.consultant = await createInvite(admin, 'consultant', 2);
    browser = await launchBrowser();
    [early.page, teacher.page, late.page] = [await open('early'), await open('teacher'), await open('late')];
  });

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    await redis?.stop();
  });

  it('seals the note to the consultant it is offered to at once', async () => {
    await signUpInBrowser(early.page, invites.consultant, early.name);
    await becomeConsultant(early.page, 5);
    const t = teacher.page;
    await signUpInBrowser(t, invites.member, teacher.name);
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
    await t.getByRole('group', { name: 'Grades' }).getByLabel('4', { exact: true }).check();
    await t.getByRole('checkbox', { name: 'Science', exact: true }).check();
    await t.getByRole('checkbox', { name: 'Trying a new strategy' }).check();
    await t.getByRole('radio', { name: 'Assessment strategies' }).check();
    await t.getByRole('checkbox', { name: 'Messages when it suits us' }).check();
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

    const raw = redis!.client();
    try {
      let cursor = '0';
      const seen: string[] = [];
      do {
        const [next, keys] = await raw.scan(cursor, 'COUNT', 500);
        cursor = next;
        for (const key of keys) seen.push(key, (await raw.dumpBuffer(key))?.toString('latin1') ?? '');
      } while (cursor !== '0');
      expect(seen.length).toBeGreaterThan(10);
      expect(seen.join('\n')).not.toContain(note);
    } finally {
      await raw.quit();
    }
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    for (const [who, seen] of Object.entries(problems)) {
      expect(seen.csp, `CSP violations for ${who}`).toEqual([]);
      expect(seen.errors, `uncaught errors for ${who}`).toEqual([]);
    }
  });
});
