import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym } from '../support/http.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * A teacher in a one-to-one conversation, on a phone and with the keyboard only: each side panel's form
 * (a goal, a check-in, a resource) opens in place of its button, and once it is saved the focus goes back to
 * that button, not to the top of the page. A message sent offline lives only in the page until it goes (nothing
 * of the sealed conversation is stored in the browser): leaving before then asks first.
 */
describe('a one-to-one conversation with the keyboard', () => {
  let redis: TestRedis | undefined;
  let node: TestNode | undefined;
  let browser: Browser | undefined;
  let memberInvite = '';
  let consultantInvite = '';

  beforeAll(async () => {
    redis = await startRedis();
    node = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
    const admin = await signUp(node.url, node.bootstrapInvite as string, uniquePseudonym('Coord'));
    memberInvite = await createInvite(admin, 'member', 5);
    consultantInvite = await createInvite(admin, 'consultant', 5);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    await redis?.stop();
  });

  async function signedUp(invite: string, viewport: { width: number; height: number }): Promise<Page> {
    if (!browser || !node) throw new Error('not started');
    const context = await browser.newContext({ baseURL: node.url, viewport, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const name = uniquePseudonym('Conv');
    await page.goto(`/signup?invite=${invite}`);
    await page.getByLabel('Pseudonym').fill(name);
    await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${name}` }).waitFor({ timeout: 40_000 });
    return page;
  }

  /** Presses Enter on `name` in `region`, and returns whether the focus is on that button again afterwards. */
  const isFocused = (page: Page, region: string, name: string) =>
    page
      .getByRole('region', { name: region, exact: true })
      .getByRole('button', { name, exact: true })
      .evaluate((el) => el === document.activeElement)
      .catch(() => false);

  it('gives the focus back after each side form is saved, and asks before leaving a message unsent', async () => {
    const c = await signedUp(consultantInvite, { width: 1280, height: 800 });
    await c.goto('/support/profile');
    await c.getByLabel('Display name').fill('MathsMentor');
    await c.getByRole('group', { name: 'Grades you have taught' }).getByLabel('2', { exact: true }).check();
    await c.getByRole('checkbox', { name: 'Mathematics', exact: true }).check();
    await c.getByRole('checkbox', { name: 'Classroom management', exact: true }).check();
    await c.getByLabel('Capacity').fill('3');
    await c.getByRole('button', { name: 'Save profile' }).click();
    await c.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();

    const t = await signedUp(memberInvite, { width: 390, height: 844 });
    await t.goto('/support/ask');
    await t.getByRole('group', { name: 'Grades' }).getByLabel('2', { exact: true }).check();
    await t.getByRole('checkbox', { name: 'Mathematics', exact: true }).check();
    await t.getByRole('checkbox', { name: 'A challenging class' }).check();
    await t.getByRole('radio', { name: 'Classroom management' }).check();
    await t.getByRole('checkbox', { name: 'Messages when it suits us' }).check();
    await t.getByRole('button', { name: 'Ask for support' }).click();
    await t.getByRole('status').filter({ hasText: 'Your request is in' }).waitFor();

    await c.goto('/support');
    await c.getByRole('button', { name: 'Accept and start the conversation' }).click();
    await c.getByRole('heading', { level: 1, name: /^Supporting / }).waitFor();
    await t.getByRole('link', { name: 'Support with MathsMentor' }).click();
    await t.getByRole('heading', { level: 1, name: 'Support with MathsMentor' }).waitFor();

    // A goal, by keyboard: the form's first field has the focus; Enter saves; the focus returns to the button.
    const goals = t.getByRole('region', { name: 'Shared goals' });
    await goals.getByRole('button', { name: 'Add a goal' }).focus();
    await t.keyboard.press('Enter');
    await expect
      .poll(() => goals.getByLabel('Goal', { exact: true }).evaluate((el) => el === document.activeElement))
      .toBe(true);
    await t.keyboard.type('Calmer starts to lessons');
    await t.keyboard.press('Enter');
    await goals.getByRole('heading', { name: 'Calmer starts to lessons' }).waitFor();
    await expect.poll(() => isFocused(t, 'Shared goals', 'Add a goal')).toBe(true);

    // Progress on it: back to its "Update progress" button.
    await goals.getByRole('button', { name: /^Update progress/ }).focus();
    await t.keyboard.press('Enter');
    await goals.getByLabel('Progress note').fill('Tried a quiet starter twice');
    await goals.getByRole('button', { name: 'Save progress' }).focus();
    await t.keyboard.press('Enter');
    await goals.getByText('Tried a quiet starter twice').waitFor();
    await expect
      .poll(() =>
        goals
          .getByRole('button', { name: /^Update progress/ })
          .evaluate((el) => el === document.activeElement)
          .catch(() => false),
      )
      .toBe(true);

    // A check-in.
    const checkIns = t.getByRole('region', { name: 'Check-ins' });
    await checkIns.getByRole('button', { name: 'Propose a check-in' }).focus();
    await t.keyboard.press('Enter');
    const startsAt = await t.evaluate(() => {
      const d = new Date(Date.now() + 2 * 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
    });
    await checkIns.getByLabel('Starts').fill(startsAt);
    await checkIns.getByRole('button', { name: 'Propose check-in' }).focus();
    await t.keyboard.press('Enter');
    await checkIns.getByText(/waiting for/).waitFor();
    await expect.poll(() => isFocused(t, 'Check-ins', 'Propose a check-in')).toBe(true);

    // A link.
    const resources = t.getByRole('region', { name: 'Resources' });
    await resources.getByRole('button', { name: 'Share a link or document' }).focus();
    await t.keyboard.press('Enter');
    await resources.getByLabel('Title').fill('Quiet starters');
    await resources.getByLabel('Address').fill('https://example.org/quiet-starters');
    await resources.getByRole('button', { name: 'Share', exact: true }).focus();
    await t.keyboard.press('Enter');
    await resources.getByRole('link', { name: 'Quiet starters' }).waitFor();
    await expect.poll(() => isFocused(t, 'Resources', 'Share a link or document')).toBe(true);

    // Offline, a message waits in this page only: leaving asks first, and staying keeps it until it goes.
    await t.context().setOffline(true);
    await t.getByRole('status').filter({ hasText: 'Connection: Offline' }).waitFor();
    const box = t.getByRole('textbox', { name: 'Message to MathsMentor' });
    await box.fill('Written on the bus, offline');
    await box.press('Enter');
    const feed = t.getByRole('log', { name: 'Messages with MathsMentor' });
    await feed.getByText('Waiting for the connection…').waitFor();
    await t.getByRole('link', { name: 'Back to one-to-one support' }).click();
    const ask = t.getByRole('dialog', { name: 'Leave before your message is sent?' });
    await ask.waitFor();
    await t.keyboard.press('Escape');
    await t.getByRole('heading', { level: 1, name: 'Support with MathsMentor' }).waitFor();
    await t.context().setOffline(false);
    await c
      .getByRole('log', { name: /^Messages with / })
      .getByText('Written on the bus, offline')
      .waitFor({ timeout: 30_000 });
    // Sent: nothing to lose any more, so leaving does not ask.
    await t.getByRole('link', { name: 'Back to one-to-one support' }).click();
    await t.getByRole('heading', { level: 1, name: 'One-to-one support' }).waitFor();

    await c.context().close();
    await t.context().close();
  });
});
