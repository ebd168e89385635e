import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Redis } from 'ioredis';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import { coordinatorAgent, signUpInBrowser } from '../support/e2e-accounts.js';
import { shot } from '../support/browser.js';
import { createInvite, GOOD_PASSPHRASE, uniquePseudonym } from '../support/http.js';

/**
 * A hostile server, in Chromium. Two people talk through the real relay; between steps the "server" edits its
 * own state in Redis the way a compromised operator could: it replays a message, reflects the teacher's own
 * message back as the consultant's, delivers two messages in swapped order, moves a goal's ciphertext into the
 * feed, and finally swaps the consultant's public key. The real client code, in the teacher's browser, must
 * detect each one and show it as a refused row (or the blocking key-change notice), and never show anything
 * wrong as genuine.
 */
describe('a tampering server, seen from the browser', () => {
  const stack = useE2eStack();
  const open = (label: string) =>
    stack.open(label, { timeout: 20_000, viewport: { width: 1200, height: 900 } });
  let db: Redis | undefined;
  const canary = (what: string) => `${what} ${randomBytes(5).toString('hex')}`;
  const said = {
    t1: canary('I dread Monday mornings'),
    c1: canary('Let us plan the first ten minutes'),
    t2: canary('Here is my seating plan'),
    ra: canary('First of two, written first'),
    rb: canary('Second of two, written second'),
    goal: canary('Calmer Monday starts'),
  };
  const consultant = { name: uniquePseudonym('Mentor'), page: undefined as unknown as Page };
  /** `alias`: the per-request name the consultant sees for the teacher (from the offer). */
  const teacher = { name: uniquePseudonym('Teacher'), alias: '', page: undefined as unknown as Page };
  const displayName = 'Tamper Test Mentor';
  let conversationId = '';
  let prefix = '';

  /** A JSON call from inside the page (its session cookie, its origin). */
  const call = (page: Page, method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const res = await fetch(path, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
      },
      { method, path, body },
    );

  const feed = (page: Page, peer: string) => page.getByRole('log', { name: `Messages with ${peer}` });
  const composer = (page: Page, peer: string) => page.getByRole('textbox', { name: `Message to ${peer}` });
  /** Every row of the feed as [shown text, refusal or ''], outbox excluded. */
  const rows = (page: Page, peer: string) =>
    feed(page, peer)
      .locator('.cmsg:not(.cmsg--outbox) .cmsg__text')
      .evaluateAll((els) => els.map((el) => [el.textContent ?? '', el.getAttribute('data-refusal') ?? '']));
  const genuine = async (page: Page, peer: string) =>
    (await rows(page, peer)).filter(([, refusal]) => refusal === '').map(([text]) => text);
  const refused = async (page: Page, peer: string) =>
    (await rows(page, peer)).filter(([, refusal]) => refusal !== '').map(([, refusal]) => refusal);

  async function send(page: Page, peer: string, text: string) {
    await composer(page, peer).fill(text);
    await composer(page, peer).press('Enter');
    await expect.poll(() => genuine(page, peer), { timeout: 20_000 }).toContain(text);
  }

  const k = {
    msgs: () => `${prefix}convo:{${conversationId}}:msgs`,
    seq: () => `${prefix}convo:{${conversationId}}:seq`,
    goals: () => `${prefix}convo:{${conversationId}}:goals`,
    keys: (accountId: string) => `${prefix}account:${accountId}:keys`,
  };

  /** The stored messages as field maps, by seq. */
  async function stored(): Promise<Map<number, Record<string, string>>> {
    const entries = (await db!.xrange(k.msgs(), '-', '+')) as [string, string[]][];
    const out = new Map<number, Record<string, string>>();
    for (const [id, fields] of entries) {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      out.set(Number(id.split('-')[0]), f);
    }
    return out;
  }

  /** What a hostile server does: put an entry of its choosing at the end of the conversation. */
  async function inject(fields: Record<string, string>): Promise<number> {
    const seq = await db!.incr(k.seq());
    await db!.xadd(k.msgs(), `${seq}-0`, ...Object.entries({ ...fields, t: String(Date.now()) }).flat());
    return seq;
  }

  const findText = async (text: string) => {
    // The teacher's page knows which seq shows which text; the server only knows the seq.
    const rowsWithSeq = await teacher.page
      .locator('.cmsg:not(.cmsg--outbox)')
      .evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    return rowsWithSeq.findIndex((t) => t.includes(text)) + 1; // no tampering yet: row n is seq n
  };

  beforeAll(async () => {
    prefix = stack.redis!.prefix;
    db = stack.redis!.client();
    const admin = await coordinatorAgent(stack);
    const consultantInvite = await createInvite(admin, 'consultant', 1);
    const memberInvite = await createInvite(admin, 'member', 1);
    [consultant.page, teacher.page] = await Promise.all([open('consultant'), open('teacher')]);
    // Both at once, each in their own browser (so each key pair is made there).
    await Promise.all([
      signUpInBrowser(consultant.page, consultantInvite, consultant.name, 60_000),
      signUpInBrowser(teacher.page, memberInvite, teacher.name, 60_000),
    ]);
  }, 180_000);

  afterAll(async () => {
    await db?.quit();
  });

  it('starts an honest conversation: messages and a goal, both sides see them as genuine', async () => {
    const c = consultant.page;
    const t = teacher.page;
    const profile = await call(c, 'PUT', '/api/consultant/profile', {
      displayName,
      grades: ['2'],
      subjects: ['mathematics'],
      areas: ['classroom-management'],
      capacity: 3,
      availability: ['mon-pm'],
      paused: false,
    });
    expect(profile.status).toBe(200);
    const request = await call(t, 'POST', '/api/support-request', {
      grades: ['2'],
      subjects: ['mathematics'],
      reasons: ['challenging-class'],
      focus: 'classroom-management',
      workStyles: ['messages'],
      preferredTimes: ['mon-pm'],
    });
    expect(request.status).toBe(201);
    const offers = await call(c, 'GET', '/api/consultant/offers');
    const [offer] = offers.body.offers as { requestId: string; teacher: string }[];
    teacher.alias = offer!.teacher;
    const accepted = await call(c, 'POST', `/api/consultant/offers/${offer!.requestId}/accept`);
    conversationId = (accepted.body as { conversationId: string }).conversationId;
    expect(conversationId).toBeTruthy();

    await c.goto(`/support/conversations/${conversationId}`);
    await t.goto(`/support/conversations/${conversationId}`);
    await composer(t, displayName).waitFor();
    await composer(c, teacher.alias).waitFor();
    await send(t, displayName, said.t1);
    await expect.poll(() => genuine(c, teacher.alias)).toEqual([said.t1]);
    await send(c, teacher.alias, said.c1);
    await send(t, displayName, said.t2);
    await send(c, teacher.alias, said.ra);
    await send(c, teacher.alias, said.rb);
    const goals = t.getByRole('region', { name: 'Shared goals', exact: true });
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    await goals.getByLabel('Goal', { exact: true }).fill(said.goal);
    await goals.getByRole('button', { name: 'Save goal' }).click();
    await goals.getByRole('heading', { name: said.goal }).waitFor();
    await expect.poll(() => genuine(t, displayName)).toEqual([said.t1, said.c1, said.t2, said.ra, said.rb]);
    expect(await refused(t, displayName)).toEqual([]);
  });

  it('replays, reflects, reorders and moves ciphertexts: each is refused and shown as refused, nothing wrong is shown as genuine', async () => {
    const t = teacher.page;
    const before = await stored();
    const seqOf = async (text: string) => {
      const n = await findText(text);
      expect(n).toBeGreaterThan(0);
      return n;
    };
    const [c1, t1, ra, rb] = [
      await seqOf(said.c1),
      await seqOf(said.t1),
      await seqOf(said.ra),
      await seqOf(said.rb),
    ];
    // Reorder: the two consecutive messages are taken out and delivered again in swapped order (new seqs).
    await db!.xdel(k.msgs(), `${ra}-0`, `${rb}-0`);
    await inject(before.get(rb)!);
    await inject(before.get(ra)!);
    // Replay: the consultant's first message once more.
    await inject(before.get(c1)!);
    // Reflection: the teacher's own first message, presented as the consultant's.
    await inject({ ...before.get(t1)!, f: 'consultant', k: 'reflected-0001' });
    // A goal's ciphertext moved into the feed, as a message of its author.
    const [goalJson] = Object.values(await db!.hgetall(k.goals()));
    const goal = JSON.parse(goalJson!) as { ciphertext: string; iv: string; meta: unknown };
    await inject({
      f: 'teacher',
      c: goal.ciphertext,
      i: goal.iv,
      m: JSON.stringify(goal.meta),
      k: 'moved-0001',
    });

    await t.reload();
    await t.getByRole('heading', { level: 1, name: `Support with ${displayName}` }).waitFor();
    await expect
      .poll(() => refused(t, displayName), { timeout: 20_000 })
      .toEqual(['reordered', 'replayed', 'reflected', 'kind']);
    // What is shown as genuine is exactly what was really written, once each, in the order written.
    expect(await genuine(t, displayName)).toEqual([said.t1, said.c1, said.t2, said.rb]);
    const main = (await t.locator('main').textContent()) ?? '';
    expect(main.split(said.c1).length - 1).toBe(1);
    expect(main.split(said.t1).length - 1).toBe(1);
    expect(main).not.toContain(said.ra); // arrived out of order: not shown at all
    expect(main).toContain('This item could not be verified and is not shown');
    // The refused rows say why, on the side the server claimed.
    const reflected = feed(t, displayName).locator('.cmsg--theirs [data-refusal="reflected"]');
    expect(await reflected.textContent()).toContain('sealed by the other side');
    await checkScreen(t, 'consultations-tamper-01-refused-rows');
  });

  it('swaps the consultant’s key: a blocking notice until acknowledged, also on a new browser of the teacher', async () => {
    const t = teacher.page;
    const conversation = JSON.parse((await db!.hget(`${prefix}conversations`, conversationId)) ?? '{}') as {
      consultantId: string;
    };
    const mallory = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ]);
    const malloryKey = JSON.stringify(await crypto.subtle.exportKey('jwk', mallory.publicKey));
    await db!.hset(k.keys(conversation.consultantId), 'publicKey', malloryKey);

    await t.reload();
    const notice = t.getByRole('alert').filter({ hasText: 'security key changed' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'The other person’s security key changed. This can happen after a key reset. If neither of you reset, stop and report.',
    );
    expect(await composer(t, displayName).count()).toBe(0); // nothing can be sent meanwhile
    await t.getByText('Sending is paused until you have read the notice').waitFor();
    // Everything genuine still opens with the pinned key: the swap revealed nothing and forged nothing.
    expect(await genuine(t, displayName)).toEqual([said.t1, said.c1, said.t2, said.rb]);

    await checkScreen(t, 'consultations-tamper-02-key-changed');
    // The safety code view explains what comparing protects against.
    await notice.getByRole('button', { name: 'Check the safety code' }).click();
    const dialog = t.getByRole('dialog', { name: 'Safety code' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('could hand each of you a false key');
    await shot(t, 'consultations-tamper-03-safety-code', { fullPage: false });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A new browser of the teacher (no device pin): the pin comes back from the sealed copy, the notice too.
    const fresh = await open('teacher-new-browser');
    await fresh.goto('/login');
    await fresh.getByLabel('Pseudonym').fill(teacher.name);
    await fresh.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await fresh.getByRole('button', { name: 'Log in', exact: true }).click();
    await fresh
      .getByRole('heading', { level: 1, name: `Hello, ${teacher.name}` })
      .waitFor({ timeout: 60_000 });
    await fresh.goto(`/support/conversations/${conversationId}`);
    const unlock = fresh.getByRole('heading', { name: 'Unlock your private conversations' });
    const freshNotice = fresh.getByRole('alert').filter({ hasText: 'security key changed' });
    await Promise.race([unlock.waitFor({ timeout: 30_000 }), freshNotice.waitFor({ timeout: 30_000 })]);
    if (await unlock.isVisible()) {
      await fresh.getByLabel('Your passphrase').fill(GOOD_PASSPHRASE);
      await fresh.getByRole('button', { name: 'Unlock', exact: true }).click();
    }
    await freshNotice.waitFor({ timeout: 30_000 });
    await fresh.context().close();

    // Acknowledging re-pins: sending is possible again (to the new key, which the safety code would expose).
    await notice.getByRole('button', { name: 'I understand, continue with the new key' }).click();
    await notice.waitFor({ state: 'detached' });
    await composer(t, displayName).waitFor();
    await t.reload();
    await composer(t, displayName).waitFor();
    expect(await t.getByRole('alert').filter({ hasText: 'security key changed' }).count()).toBe(0);
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    expectNoPageProblems(stack);
  });
});
