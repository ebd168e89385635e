import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axeCore from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Screenshots land here (git-ignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** The system Chromium (Debian's `chromium` package): playwright-core never downloads a browser of its own. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Browser tests need Chromium at ${executablePath}: install it (apt-get install chromium | brew install --cask chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** What the page did wrong while a context was open: CSP refusals, uncaught exceptions. */
export interface PageProblems {
  /** Content Security Policy violations (the `securitypolicyviolation` event and Chromium's console report). */
  csp: string[];
  /** Uncaught exceptions in page scripts. */
  errors: string[];
}

/**
 * Watches every page of a context for CSP violations and uncaught errors. The listener is installed with an
 * init script and a binding, both of which go through the DevTools protocol and so are not subject to the
 * page's own CSP (the app's CSP stays fully enforced).
 */
export async function watchProblems(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { csp: [], errors: [] };
  await context.exposeFunction('__reportCspViolation', (text: string) => {
    problems.csp.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (t: string) => void })
        .__reportCspViolation;
      report?.(
        `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (/content security policy|refused to (load|execute|apply|connect)/i.test(msg.text())) {
        problems.csp.push(`console: ${msg.text()}`);
      }
    });
    page.on('pageerror', (err) => problems.errors.push(err.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page as it is now and returns the serious and critical violations (WCAG 2.2 A/AA and
 * best practices). axe is evaluated through the DevTools protocol, not injected as an inline `<script>`,
 * which the app's CSP would rightly refuse.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeCore.source);
  const violations = await page.evaluate(async () => {
    const engine = (window as unknown as { axe: typeof axeCore }).axe;
    const result = await engine.run(document, {
      resultTypes: ['violations'],
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Formats violations for a test failure message or the log. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `[${where}] ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n    ${v.nodes.join('\n    ')}`)
    .join('\n');
}

/**
 * With `E2E_SCREENSHOTS=1`, saves a PNG as `tests/artifacts/<name>.png`: the whole page by default, or only the
 * viewport (`fullPage: false`), which suits a modal dialog and its backdrop. They are for a person to look through
 * after a UI change; no test reads them, so a plain `npm test` (and CI) skips them (about 40 s of the e2e project).
 */
export async function shot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage, animations: 'disabled' });
}

/**
 * Everything the pages of a context log as errors, failed requests included ("Failed to load resource: … 401"):
 * for the pages that should be quiet, such as a visitor's first look.
 */
export function watchConsoleErrors(context: BrowserContext): string[] {
  const seen: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (msg) => {
      if (msg.type() === 'error') seen.push(`${page.url()}: ${msg.text()}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return seen;
}
