import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsultantProfileBody } from '@staffroom/shared/schemas/consultations';
import type { E2eStack, OpenOptions } from './e2e-stack.js';
import {
  createAgent,
  createInvite,
  GOOD_PASSPHRASE,
  logInBody,
  signUp,
  uniquePseudonym,
  type Agent,
} from './http.js';
import { TestMember } from './member.js';
import { appointModerator } from './moderators.js';

/**
 * The people of a browser test. Those whose sign-up is not what the test is about are made through the API
 * (`signUpAs`, `groupWithModerator`), then log in through the browser (`logIn`, `openLoggedIn`), which makes and
 * wraps a teacher's or consultant's one-to-one key there, as a sign-up in the browser does. Those whose key must
 * be made at sign-up sign up in the browser (`signUpInBrowser`). Coordinators and moderators have no such key:
 * their browser gets a session of its own through the API instead (`openWithSession`).
 */

/** The coordinator, signed up through the API with the first node's bootstrap invite (closed with the stack). */
async function signUpCoordinator(stack: E2eStack): Promise<TestMember> {
  const admin = await TestMember.signUp(stack.node.url, stack.node.bootstrapInvite as string);
  stack.people.push(admin);
  return admin;
}

/** The coordinator as a bare HTTP agent (no socket): for files that only need invites from it. */
export function coordinatorAgent(stack: E2eStack, pseudonym = uniquePseudonym('Coord')): Promise<Agent> {
  return signUp(stack.node.url, stack.node.bootstrapInvite as string, pseudonym);
}

/** An account of a role, signed up through the API on an invite of its own (closed with the stack). */
export async function signUpAs(
  stack: E2eStack,
  admin: TestMember,
  role: 'member' | 'moderator' | 'consultant',
): Promise<TestMember> {
  const made = await TestMember.signUp(stack.node.url, await createInvite(admin.agent, role, 1));
  stack.people.push(made);
  return made;
}

/** A coordinator creates a group through the API; returns its id. */
async function createGroup(
  admin: TestMember,
  group: { name: string; topic: string; guidelines: string; description?: string },
): Promise<string> {
  const created = await admin.agent.post('/api/groups', group);
  expect(created.status).toBe(201);
  return created.body.group.id as string;
}

/**
 * A coordinator, and a group of theirs with a moderator appointed and one member joined for each name (the
 * members at once), all through the API.
 */
export async function groupWithModerator<const Name extends string>(
  stack: E2eStack,
  group: { name: string; topic: string; guidelines: string; description?: string },
  names: readonly Name[],
): Promise<{ admin: TestMember; groupId: string; moderator: TestMember; members: Record<Name, TestMember> }> {
  const admin = await signUpCoordinator(stack);
  const groupId = await createGroup(admin, group);
  const [moderator, ...joined] = await Promise.all([
    signUpAs(stack, admin, 'moderator').then(async (m) => {
      await appointModerator(admin, m, groupId);
      return m;
    }),
    ...names.map(async () => {
      const member = await signUpAs(stack, admin, 'member');
      await member.join(groupId);
      return member;
    }),
  ]);
  const members = Object.fromEntries(names.map((name, i) => [name, joined[i]])) as Record<Name, TestMember>;
  return { admin, groupId, moderator, members };
}

/** Logs in through the log-in page and waits for the home page (and, by default, the live connection). */
export async function logIn(
  page: Page,
  pseudonym: string,
  { connected = true, timeout = 30_000 } = {},
): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Pseudonym').fill(pseudonym);
  await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  // Argon2id of the passphrase runs before the home page: wait for the page, not for a fixed time.
  await page.getByRole('heading', { level: 1, name: `Hello, ${pseudonym}` }).waitFor({ timeout });
  if (connected) await page.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();
}

/** Signs up through the sign-up page (the browser derives the secrets and makes the one-to-one key). */
export async function signUpInBrowser(page: Page, invite: string, pseudonym: string, timeout = 30_000) {
  await page.goto('/signup');
  await page.getByLabel('Invite code').fill(invite);
  await page.getByLabel('Pseudonym').fill(pseudonym);
  await page.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
  await page.getByRole('button', { name: 'Create my account' }).click();
  // Argon2id of the passphrase runs before the home page: wait for the page, not for a fixed time.
  await page.getByRole('heading', { level: 1, name: `Hello, ${pseudonym}` }).waitFor({ timeout });
}

/** Saves a consultant profile from inside the page (its session), as the profile page sends it. */
export async function saveProfile(
  page: Page,
  profile: Omit<ConsultantProfileBody, 'kinds'> & Partial<Pick<ConsultantProfileBody, 'kinds'>>,
): Promise<void> {
  const status = await page.evaluate(
    async (body) =>
      (
        await fetch('/api/consultant/profile', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        })
      ).status,
    profile,
  );
  expect(status).toBe(200);
}

/**
 * A page of its own (`E2eStack.open`) on which this account has logged in: through the log-in page, or with
 * `session: true` through `logInWithSession` (coordinators and moderators only).
 */
export async function openLoggedIn(
  stack: E2eStack,
  label: string,
  pseudonym: string,
  { session = false, ...options }: OpenOptions & { session?: boolean } = {},
): Promise<Page> {
  const page = await stack.open(label, options);
  if (session) await logInWithSession(page, (options.node ?? stack.node).url, pseudonym);
  else await logIn(page, pseudonym);
  return page;
}

/** One page each (`E2eStack.open`, at once), on which the account named for its label has logged in. */
export async function openAllLoggedIn<const Label extends string>(
  stack: E2eStack,
  accounts: Record<Label, string>,
  options: OpenOptions = {},
): Promise<Record<Label, Page>> {
  const labels = Object.keys(accounts) as Label[];
  const pages = await Promise.all(
    labels.map((label) => openLoggedIn(stack, label, accounts[label], options)),
  );
  return Object.fromEntries(labels.map((label, i) => [label, pages[i]])) as Record<Label, Page>;
}

/** Deletes this browser's one-to-one key store, as when the browser's storage is cleared. */
export async function forgetDeviceKeys(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.deleteDatabase('staffroom-keys');
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
      }),
  );
}

/**
 * Logs this page's browser in without the log-in page, and opens the home page (`/home`): a log-in through the API (a new
 * session, as the log-in page makes) whose cookies are given to the browser. Only for coordinators and
 * moderators: the log-in page leaves their browser nothing but these cookies (they have no one-to-one key; use
 * `logIn` for anyone who has one).
 */
export async function logInWithSession(page: Page, baseUrl: string, pseudonym: string): Promise<void> {
  const agent = createAgent(baseUrl);
  const res = await agent.post('/api/auth/login', logInBody(pseudonym));
  if (res.status !== 200) throw new Error(`log-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  await page.context().addCookies(
    agent
      .cookie()
      .split('; ')
      .map((pair) => {
        const [name = '', ...value] = pair.split('=');
        return { name, value: value.join('='), url: baseUrl, httpOnly: true, sameSite: 'Strict' as const };
      }),
  );
  await page.goto('/home');
  await page.getByRole('heading', { level: 1, name: `Hello, ${pseudonym}` }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connection: Connected' }).waitFor();
}
