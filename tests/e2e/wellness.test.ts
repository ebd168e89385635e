import { readFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axe,
  describeViolations,
  launchBrowser,
  shot,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym, type Agent } from '../support/http.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * The weekly pulse in Chromium: a teacher takes it from the home page's invitation (skipping one question),
 * sees their own sealed trend; a week later the coordinator sees the trends, a hidden cohort explained in
 * plain words, and downloads the CSV. Weeks move through the test clock seam. Every screen is checked with axe.
 */
const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 9, 5, 9); // Monday 5 October 2026, 09:00 UTC

describe('wellness pulse in a real browser', () => {
  let redis: TestRedis | undefined;
  let r: Redis | undefined;
  let node: TestNode;
  let browser: Browser | undefined;
  let admin: Agent;
  const adminName = uniquePseudonym('Coord');
  let memberInvite = '';
  const problems: Record<string, PageProblems> = {};

  const setClock = (ms: number) => r?.set(`${redis?.prefix}wellness:test-clock`, String(ms));
  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  async function open(label: string) {
    if (!browser) throw new Error('not started');
    const context = await browser.newContext({
      baseURL: node.url,
      viewport: { width: 1100, height: 900 },
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    problems[label] = await watchProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function checkScreen(page: Page, name: string) {
    const violations = await axe(page);
    await shot(page, name);
    expect(violations, describeViolations(name, violations)).toEqual([]);
  }

  beforeAll(async () => {
    redis = await startRedis();
    r = redis.client();
    await setClock(MONDAY);
    node = await startNode({
      redisUrl: redis.url,
      prefix: redis.prefix,
      env: { PULSE_TEST_CLOCK: 'true', PULSE_FLUSH_SECONDS: '0.3', PULSE_BATCH_MIN: '5' },
    });
    if (!node.bootstrapInvite) throw new Error('no bootstrap invite');
    admin = await signUp(node.url, node.bootstrapInvite, adminName);
    memberInvite = await createInvite(admin, 'member', 40);
    // Twelve colleagues take the same week's pulse through the API; every third says "first year".
    for (let i = 0; i < 12; i++) {
      const t = await signUp(node.url, memberInvite);
      const res = await t.post('/api/pulse', {
        answers: { stress: (i % 5) + 1, satisfaction: ((i + 2) % 5) + 1, growth: (i % 4) + 1 },
        ...(i % 3 === 0 ? { band: 'first-year' } : {}),
      });
      expect(res.status).toBe(201);
      if (i < 5) expect((await t.post('/api/pulse/feedback', { text: `Idea number ${i}` })).status).toBe(201);
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    await r?.quit();
    await redis?.stop();
  });

  it('a teacher takes the pulse from the invitation, skips a question, and sees their own trend', async () => {
    const page = await open('teacher');
    const name = uniquePseudonym('Teacher');
    await page.goto('/signup');
    await page.getByLabel('Invite code', { exact: true }).fill(memberInvite);
    await page.getByLabel('Pseudonym', { exact: true }).fill(name);
    await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await heading(page, `Hello, ${name}`).waitFor({ timeout: 30_000 });

    await page.getByRole('heading', { name: 'This week’s pulse' }).waitFor();
    await checkScreen(page, 'wellness-01-invitation');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '<body>');
    const focusedAnswer = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el instanceof HTMLInputElement ? `${el.name} ${el.value}` : (el?.tagName ?? '<body>');
      });
    // "Not this week" on the home page takes its own buttons away: a line says so and holds the focus.
    await page.getByRole('button', { name: 'Not this week' }).click();
    await page.getByText('Skipped for this week.').waitFor();
    expect(await focused()).toMatch(/^Skipped for this week\. The pulse is still open under Weekly pulse/);
    await page.getByRole('link', { name: 'Weekly pulse' }).click();
    await heading(page, 'Weekly pulse').waitFor();
    await page.getByText('You skipped this week.').waitFor();
    // Taking it anyway brings the form, with the focus on its first answer.
    await page.getByRole('button', { name: 'Take it anyway' }).click();
    await expect.poll(focusedAnswer).toBe('pulse-stress 1');
    // Skipping the week replaces the form: the focus moves to the line that says so, not to <body>.
    await page.getByRole('button', { name: 'Skip this week' }).click();
    await page.getByText('You skipped this week.').waitFor();
    expect(await focused()).toMatch(/^You skipped this week\. Take it anyway$/);
    await page.getByRole('button', { name: 'Take it anyway' }).click();

    const question = (text: RegExp) => page.getByRole('group', { name: text });
    await question(/Do you feel this kind of stress/)
      .getByLabel('Rather much', { exact: true })
      .check();
    await question(/level of burnout/)
      .getByLabel('Occasionally under stress, but not burned out', { exact: true })
      .check();
    await question(/how satisfied are you/)
      .getByLabel('Satisfied', { exact: true })
      .check();
    // Changed my mind: this one stays unanswered.
    await question(/isolated from other teachers/)
      .getByLabel('Often', { exact: true })
      .check();
    await question(/isolated from other teachers/)
      .getByRole('button', { name: 'Skip this question' })
      .click();
    // The button went with the answer: the focus stays in the question, on its first option.
    expect(await focusedAnswer()).toBe('pulse-isolation 1');
    expect(
      await question(/isolated from other teachers/)
        .getByLabel('Often', { exact: true })
        .isChecked(),
    ).toBe(false);
    await question(/still be teaching next school year/)
      .getByLabel('Likely', { exact: true })
      .check();
    await checkScreen(page, 'wellness-02-pulse-form');
    await page.getByRole('button', { name: 'Send my pulse' }).click();
    await page.getByRole('status').filter({ hasText: 'Your pulse is counted' }).waitFor();
    await page.getByText('You have taken this week’s pulse').waitFor();

    // The trend: one chart per question, each with its table; the skipped ones say so.
    const stress = page.getByRole('figure').filter({ hasText: 'Do you feel this kind of stress' });
    await stress.locator('svg circle').first().waitFor();
    const isolation = page.getByRole('figure').filter({ hasText: 'isolated from other teachers' });
    await isolation.getByText('Show the numbers as a table').click();
    await isolation.getByRole('cell', { name: 'Skipped' }).waitFor();
    expect(await isolation.locator('svg circle').count()).toBe(0);
    await checkScreen(page, 'wellness-03-own-trend');

    // Sealed: the server holds ciphertext only, and a second answer is refused.
    const stored = await page.evaluate(
      async () => (await (await fetch('/api/pulse/history')).json()) as unknown,
    );
    expect(JSON.stringify(stored)).not.toMatch(/stress|Rather much|"4"/);
    const again = await page.evaluate(async () => {
      const res = await fetch('/api/pulse', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { stress: 1 } }),
      });
      return res.status;
    });
    expect(again).toBe(409);

    await page.getByRole('link', { name: 'About the pulse' }).click();
    await heading(page, 'About the weekly pulse').waitFor();
    await page.getByText(/Elo, Leppänen & Jahkola \(2003\)/).waitFor();
    await page.getByText(/Rohland, Kruse & Rohrer \(2004\)/).waitFor();
    await page
      .getByLabel('Tell the coordinators anything about Staffroom')
      .fill('<b>More evening groups</b>');
    await page.getByRole('button', { name: 'Send anonymously' }).click();
    await page.getByRole('status').filter({ hasText: 'never alone' }).waitFor();
    await checkScreen(page, 'wellness-04-about');
    // A second comment this week is refused, but one that suggests risk still brings the contacts at once.
    await page.reload();
    await heading(page, 'About the weekly pulse').waitFor();
    await page
      .getByLabel('Tell the coordinators anything about Staffroom')
      .fill('I can’t do this anymore. I want to kill myself tonight.');
    await page.getByRole('button', { name: 'Send anonymously' }).click();
    await page.getByText('You have already left a comment this week.').waitFor();
    await page.getByRole('heading', { name: 'If you are struggling, you do not have to wait' }).waitFor();
    expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    expect(problems.teacher).toEqual({ csp: [], errors: [] });
  }, 120_000);

  it('the coordinator sees the closed week, a hidden cohort explained, and downloads the CSV', async () => {
    // The week ends; once the node has flushed it, a day later it can be shown.
    await setClock(Date.UTC(2026, 9, 12, 0, 0, 1));
    await waitFor(
      async () => {
        const h = (await r?.hgetall(`${redis?.prefix}wellness:week:2026-10-05:histogram`)) ?? {};
        return Object.entries(h).reduce((s, [f, v]) => s + (f.endsWith('|_n') ? Number(v) : 0), 0) === 13;
      },
      { timeoutMs: 15_000, what: 'the week to be flushed' },
    );
    await setClock(MONDAY + 8 * DAY);
    // Both the API teachers' batches and the browser teacher's answer are flushed once the week has ended.
    await waitFor(
      async () => {
        const res = await admin.get('/api/programme/wellness?weeks=1');
        return res.body.weeks?.[0]?.respondents === 13;
      },
      { timeoutMs: 20_000, what: 'the closed week' },
    );
    const page = await open('coordinator');
    await page.goto('/login');
    await page.getByLabel('Pseudonym', { exact: true }).fill(adminName);
    await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await page.getByRole('button', { name: 'Log in' }).click();
    await heading(page, `Hello, ${adminName}`).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programme' }).click();
    await heading(page, 'Programme: wellness and activity').waitFor();

    // Everyone is in "neither": the two empty cohorts are hidden, and "neither" with them (total − 0 − 0).
    const why = page.getByRole('region', { name: /Why some figures are hidden/ });
    await why.getByText(/In one-to-one support:.*fewer than 5 people/).waitFor();
    await why.getByText(/Neither:.*subtracting/).waitFor();
    await page.getByRole('cell', { name: '13', exact: true }).first().waitFor();
    // The feedback box: six comments of the closed week, together; markup shown as text.
    const box = page.getByRole('region', { name: /^Comments, weeks of/ });
    await box.getByText('<b>More evening groups</b>', { exact: true }).waitFor();
    expect(await box.getByRole('listitem').count()).toBe(6);
    await page.getByLabel('By support received', { exact: true }).check();
    await checkScreen(page, 'wellness-05-programme');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download all pulse figures (CSV)' }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^"week","group","item","people","mean"/);
    expect(csv).toContain('"All teachers","stress","13"');
    expect(csv).toContain('Hidden: fewer than 5 people in this group');

    // Each chart is drawn (visx, under the CSP), has its numbers as a table, and its own CSV.
    const participation = page.getByRole('figure').filter({ hasText: 'Participation by support received' });
    await participation.locator('svg').first().waitFor();
    await participation.getByText('Show the numbers as a table').click();
    await participation.getByRole('columnheader', { name: 'In one-to-one support' }).waitFor();
    const [chartDownload] = await Promise.all([
      page.waitForEvent('download'),
      participation.getByRole('link', { name: /Download this chart’s numbers/ }).click(),
    ]);
    expect(chartDownload.suggestedFilename()).toBe('pulse-participation.csv');
    const chartCsv = await readFile((await chartDownload.path()) as string, 'utf8');
    expect(chartCsv.split('\r\n')[0]).toBe(
      '"Week of","All teachers","In one-to-one support","In groups only","Neither"',
    );
    // Programme activity: nobody posted or asked for support that week, so its figures are hidden, in words.
    const activity = page.getByRole('region', { name: 'Programme activity' });
    const groupsChart = activity.getByRole('figure').filter({ hasText: 'Messages in groups per week' });
    await groupsChart.getByText('Show the numbers as a table').click();
    await groupsChart.getByRole('cell', { name: 'Hidden: fewer than 5 people' }).first().waitFor();
    await checkScreen(page, 'wellness-06-programme-activity');

    // Printed, the report is the figures alone: the site's header, navigation and footer and the page's actions
    // (download, print) are left off; the title and the figures stay.
    const chrome = [
      page.getByRole('banner'),
      page.getByRole('navigation', { name: 'Main' }),
      page.getByRole('contentinfo'),
      page.getByRole('button', { name: 'Print report' }),
    ];
    for (const part of chrome) expect(await part.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const part of chrome) expect(await part.isVisible()).toBe(false);
    expect(await heading(page, 'Programme: wellness and activity').isVisible()).toBe(true);
    expect(await participation.locator('svg').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: null });
    expect(problems.coordinator).toEqual({ csp: [], errors: [] });
  }, 120_000);
});
