import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { conversationKey, createIdentity } from '../../client/src/lib/e2e-crypto.js';
import {
  axe,
  describeViolations,
  launchBrowser,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { signUpFresh, startCluster, type TestCluster } from '../support/cluster.js';
import { browserWrappingKey, createAgent, createInvite, uniquePseudonym } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { waitFor } from '../support/ports.js';
import { sealAs } from '../support/sealing.js';

/**
 * Issue 14, items 3 and 4, in a real Chromium against two nodes on one Redis: a teacher exports their data with a
 * one-to-one conversation opened in the browser, then deletes the account (confirmation, logged out, log-in
 * refused). Accessible throughout (axe).
 */
describe('export my data and delete my account', () => {
  let cluster: TestCluster;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let consultant: TestMember;
  const PASSPHRASE = 'Marking essays under a lamp until the rain stops';
  const pseudonym = uniquePseudonym('Kestrel');
  const canary = `consultantsaid${Math.random().toString(36).slice(2, 10)}`;
  let teacherId = '';
  let spareInvite = '';

  async function checkAxe(where: string) {
    const violations = await axe(page);
    if (violations.length > 0) console.log(describeViolations(where, violations));
    expect(violations, describeViolations(where, violations)).toEqual([]);
  }

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2 });
    const [A, B] = cluster.nodes;
    const lead = await signUpFresh(A!.url, cluster.bootstrapInvite, uniquePseudonym('Lead'));
    const memberInvite = await createInvite(lead.agent, 'member', 5);
    spareInvite = await createInvite(lead.agent, 'member', 1);
    consultant = await TestMember.signUp(B!.url, await createInvite(lead.agent, 'consultant', 5));
    const made = await createIdentity(
      await browserWrappingKey(consultant.agent, consultant.pseudonym, 'walking by the quiet river at dawn'),
    );
    expect((await consultant.agent.request('PUT', '/api/keys', made.bundle)).status).toBe(200);
    expect(
      (
        await consultant.agent.request('PUT', '/api/consultant/profile', {
          displayName: 'Fractions Mentor',
          grades: ['2'],
          subjects: ['mathematics'],
          areas: ['classroom-management'],
          capacity: 3,
          availability: ['mon-pm'],
          paused: false,
        })
      ).status,
    ).toBe(200);

    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: A!.url, acceptDownloads: true });
    problems = await watchProblems(context);
    page = await context.newPage();
    await page.goto('/signup');
    await page.getByLabel('Invite code').fill(memberInvite);
    await page.getByLabel('Pseudonym').fill(pseudonym);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: `Hello, ${pseudonym}` }).waitFor({ timeout: 30_000 });
    // The browser made the teacher's key at sign-up; the support request goes from this page.
    await waitFor(
      async () =>
        page.evaluate(
          async () => ((await (await fetch('/api/keys')).json()) as { keys: unknown }).keys !== null,
        ),
      { timeoutMs: 30_000, what: 'the teacher key' },
    );
    teacherId = await page.evaluate(
      async () => ((await (await fetch('/api/me')).json()) as { me: { id: string } }).me.id,
    );
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/support-request', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grades: ['2'],
          subjects: ['mathematics'],
          reasons: ['challenging-class'],
          focus: 'classroom-management',
          workStyles: ['messages'],
          preferredTimes: ['mon-pm'],
        }),
      });
      return res.status;
    });
    expect(status).toBe(201);
    const offer = (await consultant.agent.get('/api/consultant/offers')).body.offers[0];
    const { conversationId } = (
      await consultant.agent.post(`/api/consultant/offers/${offer.requestId}/accept`)
    ).body;
    const opened = await consultant.transport.request('convo:open', { conversationId });
    const teacherKey = opened.ok ? opened.data.view.peer.publicKey! : '';
    const key = await conversationKey(made.identity, teacherKey, conversationId);
    const sent = await consultant.transport.request('convo:send', {
      conversationId,
      clientId: 'e2e-privacy-abcdefgh',
      ...(await sealAs(made.identity, teacherKey, key, conversationId, 'message', 1, canary)),
    });
    expect(sent.ok).toBe(true);
  }, 120_000);

  afterAll(async () => {
    consultant?.close();
    await browser?.close();
    await cluster?.stop();
  });

  it('when a teacher exports their data, then the download and the page hold their one-to-one conversation, opened in the browser', async () => {
    await page.goto('/settings');
    const form = page.getByRole('form', { name: 'Export my data' });
    await form.getByLabel(/Your passphrase/).fill(PASSPHRASE);
    await form.getByRole('button', { name: 'Export my data' }).click();
    const link = page.getByRole('link', { name: 'Download it (JSON)' });
    await link.waitFor({ timeout: 30_000 });
    const view = page.getByRole('article', { name: 'Your data, as Staffroom holds it' });
    await view.getByText(canary).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data.account.pseudonym).toBe(pseudonym);
    expect(data.conversations).toHaveLength(1);
    expect(data.conversations[0].messages).toEqual([expect.objectContaining({ from: 'them', text: canary })]);
    expect(data.conversations[0].peerName).toBe('Fractions Mentor');
    await checkAxe('settings with the export shown');
  }, 90_000);

  it('when the teacher deletes the account, then it asks to confirm, logs out, and the account can no longer log in', async () => {
    await page.goto('/settings');
    const form = page.getByRole('form', { name: 'Delete my account' });
    await form.getByRole('button', { name: 'Delete my account…' }).click();
    await form.getByText('Enter your passphrase to delete your account.').waitFor();
    await form.getByLabel('Your passphrase', { exact: true }).fill(PASSPHRASE);
    await form.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
    await dialog.waitFor();
    await checkAxe('the delete confirmation');
    // Cancelling erases nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
    await form.getByRole('button', { name: 'Delete my account…' }).click();
    const ended = new Promise((resolve) => consultant.socket.once('convo:changed', resolve));
    await page.getByRole('dialog').getByRole('button', { name: 'Delete my account', exact: true }).click();
    await page.getByText('This account has been erased. Nothing of it is kept.').waitFor({ timeout: 30_000 });
    await ended;
    await checkAxe('log-in after the erasure');
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);

    // Log-in is refused, on either node.
    await page.goto('/login');
    await page.getByLabel('Pseudonym').fill(pseudonym);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('That pseudonym and passphrase do not match.').waitFor({ timeout: 30_000 });
    const other = await createAgent(cluster.nodes[1]!.url).post('/api/auth/login', {
      pseudonym,
      passphrase: PASSPHRASE,
    });
    expect(other.status).toBe(401);
    // Nothing of the account is left in Redis.
    const raw = cluster.redis.client();
    const keys = await raw.keys(`*${teacherId}*`);
    await raw.quit();
    expect(keys).toEqual([]);
    expect(problems.errors).toEqual([]);
    expect(problems.csp).toEqual([]);
  }, 90_000);

  it('when an erasure was interrupted, then log-in says so and the owner finishes it from the log-in page', async () => {
    const leaver = await signUpFresh(
      cluster.nodes[1]!.url,
      spareInvite,
      uniquePseudonym('Plover'),
      PASSPHRASE,
    );
    // The state an erasure leaves when its node dies right after marking the account (integration-tested).
    const raw = cluster.redis.client();
    await raw.hset(
      `${cluster.redis.prefix}account:${leaver.me.id}`,
      'erasing',
      JSON.stringify({ messages: 'remove', names: [leaver.pseudonym], since: Date.now() }),
    );
    await page.goto('/login');
    await page.getByLabel('Pseudonym').fill(leaver.pseudonym);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('This account is being erased', { exact: true }).waitFor({ timeout: 30_000 });
    await checkAxe('log-in of an account being erased');
    await page.getByRole('button', { name: 'Finish erasing my account' }).click();
    await page.getByText('Your account has been erased. Nothing of it is kept.').waitFor({ timeout: 30_000 });
    expect(await raw.exists(`${cluster.redis.prefix}account:${leaver.me.id}`)).toBe(0);
    await raw.quit();
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('That pseudonym and passphrase do not match.').waitFor({ timeout: 30_000 });
  }, 90_000);
});
