/**
 * Browser helpers for the web chat tests: Debian's Chromium driven by playwright-core (no downloaded
 * browser, no network), axe-core injected from node_modules, and small helpers to read the chat and to
 * move around it with the keyboard.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import playwright from 'playwright-core';
import { describeNeeding } from '../helpers/external-tools.js';
import type { BrowserContext, Locator, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** describe() when Chromium is installed; otherwise a loud skip, or a failure when external tools are required. */
export function browserSuite(name: string, body: () => void): void {
  describeNeeding(name, existsSync(CHROMIUM) ? [] : [{ name: CHROMIUM, install: 'apt-get install -y chromium' }], body);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile every time, so no cache, storage or history carries over between runs. */
export async function launchChromium(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'loa-chromium-'));
  const context = await playwright.chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
  });
  // Nothing may reach the internet: any request that is not to the test server fails loudly in the test.
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Records CSP violations, console errors and page errors, so a test can assert there were none. */
export async function watchProblems(page: Page): Promise<{ problems: string[]; csp: () => Promise<string[]> }> {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { problems, csp: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []) };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Evaluated through the DevTools protocol, so the page's own CSP (no inline script) does not block it. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    }));
  }, AXE_TAGS);
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return new URL(name, ARTIFACTS).pathname;
}

/** The chat as someone sees it. */
export class ChatPage {
  constructor(readonly page: Page) {}

  get sendBox(): Locator {
    return this.page.locator('#webchat textarea[data-id="webchat-sendbox-input"]');
  }

  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Suggested actions' });
  }

  choice(label: string | RegExp): Locator {
    return this.toolbar.getByRole('button', { name: label });
  }

  /** Resolves when a bubble from the assistant contains the text. */
  async botSays(text: string | RegExp, timeout = 15_000): Promise<void> {
    await this.page
      .locator('#webchat .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content', { hasText: text })
      .last()
      .waitFor({ timeout });
  }

  async bubbles(): Promise<Array<{ from: 'bot' | 'user'; text: string }>> {
    return this.page.$$eval('#webchat .webchat__bubble', (nodes) =>
      nodes.map((n) => ({
        from: n.classList.contains('webchat__bubble--from-user') ? ('user' as const) : ('bot' as const),
        text: (n.textContent ?? '').trim(),
      })),
    );
  }

  /** What the screen reader live region has announced so far. */
  async announced(): Promise<string> {
    return this.page.$eval('#webchat .webchat__live-region-transcript', (n) => n.textContent ?? '');
  }

  async type(text: string): Promise<void> {
    await this.sendBox.fill(text);
    await this.sendBox.press('Enter');
  }
}

/** Polls until the check passes; fails with what it was waiting for. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the focused element is, in words: its label or text. */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    return (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('placeholder') ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab until focus is on an element whose name matches; fails after a sensible number of presses. */
export async function tabTo(page: Page, name: RegExp, options: { maxPresses?: number; key?: string } = {}): Promise<string[]> {
  const visited: string[] = [];
  for (let i = 0; i < (options.maxPresses ?? 40); i += 1) {
    await page.keyboard.press(options.key ?? 'Tab');
    const now = await focusedName(page);
    visited.push(now);
    if (name.test(now)) return visited;
  }
  throw new Error(`Could not reach ${name} with ${options.key ?? 'Tab'}; focus went: ${visited.join(' | ')}`);
}

/** Keyboard only: Tab into the suggested actions, arrow keys along them (it is a toolbar), Enter to pick. */
export async function pickByKeyboard(page: Page, label: RegExp): Promise<string[]> {
  const inToolbar = () => page.evaluate(() => Boolean(document.activeElement?.closest('[role="toolbar"]')));
  const tabbed: string[] = [];
  for (let i = 0; i < 30 && !(await inToolbar()); i += 1) {
    await page.keyboard.press('Tab');
    tabbed.push(await focusedName(page));
  }
  if (!(await inToolbar())) throw new Error(`Tab never reached the suggested actions; focus went: ${tabbed.join(' | ')}`);
  for (const key of ['ArrowRight', 'ArrowLeft']) {
    let previous = '';
    for (let i = 0; i < 12; i += 1) {
      const name = await focusedName(page);
      if (label.test(name)) {
        await page.keyboard.press('Enter');
        return tabbed;
      }
      if (name === previous) break;
      previous = name;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`No suggested action matched ${label}`);
}

/** The focus indicator must be visible: an outline or a box shadow, on the element or Web Chat's indicator inside it. */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const shows = (node: Element) => {
      const s = getComputedStyle(node);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const shadow = s.boxShadow !== 'none';
      const border = s.borderStyle !== 'none' && parseFloat(s.borderWidth) >= 2 && s.borderColor !== 'rgba(0, 0, 0, 0)';
      return outline || shadow || border;
    };
    // The indicator may be drawn by the element, by a child Web Chat adds for it, or by a close ancestor (:focus-within).
    const indicator = el.querySelector('[class*="keyboard-focus-indicator"], [class*="focus-indicator"]');
    const ancestors = [el.parentElement, el.parentElement?.parentElement, el.parentElement?.parentElement?.parentElement].filter(
      (n): n is HTMLElement => Boolean(n) && n !== document.body,
    );
    return shows(el) || (indicator ? shows(indicator) : false) || ancestors.some(shows);
  });
}
