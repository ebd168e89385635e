import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { axe, describeViolations, launchBrowser, shot, watchProblems, type PageProblems } from './browser.js';
import type { TestMember } from './member.js';
import { startNode, type TestNode } from './node.js';
import { startRedis, type TestRedis } from './redis.js';

export interface StackOptions {
  /** Server nodes sharing the one Redis (default 1). */
  nodes?: number;
  /** Extra environment for every node. */
  env?: Record<string, string>;
}

export interface OpenOptions extends BrowserContextOptions {
  /** The node the page talks to (default the first). */
  node?: TestNode;
  /** The default timeout of every action on the page (default 15 s). */
  timeout?: number;
}

/**
 * One browser test file's world: its own Redis, server node(s) on it and one Chromium, started once before the
 * file's first test and stopped after its last (`useE2eStack`). Every page is opened in a context of its own
 * (one person, one browser profile) that records CSP violations, uncaught errors and any alert/confirm/prompt
 * (dismissed), so a file ends with `expectNoPageProblems`.
 */
export class E2eStack {
  redis: TestRedis | undefined;
  readonly nodes: TestNode[] = [];
  browser: Browser | undefined;
  readonly problems: Record<string, PageProblems> = {};
  /** Every dialog a page opened, as `label: message`: one would mean text ran as script. */
  readonly dialogs: string[] = [];
  /** Closed when the stack stops. */
  readonly people: TestMember[] = [];

  /** The first node: the one that printed the bootstrap invite. */
  get node(): TestNode {
    const node = this.nodes[0];
    if (!node) throw new Error('the e2e stack is not started');
    return node;
  }

  async start({ nodes = 1, env = {} }: StackOptions = {}): Promise<void> {
    this.redis = await startRedis();
    // One after the other: the first node prints the bootstrap invite. Chromium is launched only then, as the
    // files did: on a loaded machine a node's start can reach the 20 s it is given (seen at load 22-32), and a
    // launch at the same moment only adds to it.
    for (let i = 0; i < nodes; i += 1)
      this.nodes.push(await startNode({ redisUrl: this.redis.url, prefix: this.redis.prefix, env }));
    if (!this.node.bootstrapInvite) throw new Error('the first node printed no bootstrap invite');
    this.browser = await launchBrowser();
  }

  async stop(): Promise<void> {
    for (const m of this.people) m.close();
    await this.browser?.close();
    await Promise.all(this.nodes.map((n) => n.stop()));
    await this.redis?.stop();
  }

  /** A page in a new browser context (1280×900, reduced motion unless given) on a node of this stack. */
  async open(
    label: string,
    { node = this.node, timeout = 15_000, ...options }: OpenOptions = {},
  ): Promise<Page> {
    if (!this.browser) throw new Error('the e2e stack is not started');
    const context = await this.browser.newContext({
      baseURL: node.url,
      viewport: { width: 1280, height: 900 },
      reducedMotion: 'reduce',
      ...options,
    });
    this.problems[label] = await watchProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${label}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return page;
  }
}

/** Starts an `E2eStack` in `beforeAll` and stops it in `afterAll` of the calling file (or describe block). */
export function useE2eStack(options: StackOptions = {}): E2eStack {
  const stack = new E2eStack();
  beforeAll(() => stack.start(options));
  afterAll(() => stack.stop());
  return stack;
}

/** No page of the stack met a CSP violation, an uncaught error or a dialog. */
export function expectNoPageProblems(stack: E2eStack): void {
  for (const [who, seen] of Object.entries(stack.problems)) {
    expect(seen.csp, `CSP violations for ${who}`).toEqual([]);
    expect(seen.errors, `uncaught errors for ${who}`).toEqual([]);
  }
  expect(stack.dialogs).toEqual([]);
}

/** The serious and critical axe violations of the page as it is now must be none. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await axe(page);
  if (violations.length > 0) console.log(describeViolations(name, violations));
  expect(violations, describeViolations(name, violations)).toEqual([]);
}

/** Checks the page with axe and photographs it into tests/artifacts/<name>.png (the photo also when axe fails). */
export async function checkScreen(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  const violations = await axe(page);
  if (violations.length > 0) console.log(describeViolations(name, violations));
  await shot(page, name, { fullPage });
  expect(violations, describeViolations(name, violations)).toEqual([]);
}

/** Waits until the locator matches exactly `n` elements. */
export async function expectCount(locator: Locator, n: number, timeout = 20_000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(n);
}

/** Every key in this stack's Redis and its DUMP (as Latin-1 text), for checking what is never stored in the clear. */
export async function redisDump(stack: E2eStack): Promise<{ entries: number; text: string }> {
  if (!stack.redis) throw new Error('the e2e stack is not started');
  const raw = stack.redis.client();
  try {
    let cursor = '0';
    const seen: string[] = [];
    do {
      const [next, keys] = await raw.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of keys) seen.push(key, (await raw.dumpBuffer(key))?.toString('latin1') ?? '');
    } while (cursor !== '0');
    return { entries: seen.length, text: seen.join('\n') };
  } finally {
    await raw.quit();
  }
}
