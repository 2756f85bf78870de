/**
 * Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground) for end-to-end Teams tests: it
 * renders our replies the way Teams does, Adaptive Cards included, and posts Teams-shaped activities to
 * /api/messages. Driven with playwright-core and Debian's Chromium; nothing is downloaded.
 *
 * Suites skip loudly when the Playground or Chromium is missing, and fail instead when REQUIRE_EXTERNAL_TOOLS=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import playwright, { type Browser, type Page } from 'playwright-core';
import type { App } from '../../bot/app.js';
import { describeNeeding, freePort, type NeededTool } from './external-tools.js';
import { startApp } from './http.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

function playgroundCli(): string | null {
  try {
    return createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    return null;
  }
}

const cli = playgroundCli();
const missing: NeededTool[] = [
  ...(cli ? [] : [{ name: '@microsoft/m365agentsplayground', install: 'npm install' }]),
  ...(existsSync(CHROMIUM) ? [] : [{ name: CHROMIUM, install: 'apt-get install -y chromium' }]),
];

/** describe() when the Playground and Chromium are there; otherwise a loud skip, or a failure when tools are required. */
export function playgroundSuite(name: string, body: () => void): void {
  describeNeeding(name, missing, body);
}

/** Starts the Playground against the app and resolves once it is listening. */
function startPlayground(endpoint: string, port: number, cwd: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli!, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
      // The Playground writes its logs and recordings under ./devTools: keep them out of the repo.
      cwd,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Listening on \d+/.test(output)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The Playground stopped (exit ${code}) before listening:\n${output.slice(-2000)}`)));
  });
}

/** A chat in the Playground's page, read and driven the way a person in Teams would. */
export interface PlaygroundChat {
  page: Page;
  /** Waits for the bot to say something matching, as Teams would show it. */
  botSays: (pattern: RegExp) => Promise<void>;
  /** Presses a card or suggested-action button by its exact label. */
  press: (label: string) => Promise<void>;
  /** Types into the compose box and sends. */
  type: (text: string) => Promise<void>;
  close: () => Promise<void>;
}

/** Starts the assistant with `env`, the Playground in front of it and Chromium on the Playground's page. */
export async function openPlayground(env: Record<string, string> = {}): Promise<PlaygroundChat> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-playground-'));
  let app: App | undefined;
  let playground: ChildProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    playground?.kill();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    app = await startApp(env);
    const port = await freePort();
    playground = await startPlayground(`${app.url}/api/messages`, port, dir);
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Playground 0.2.28 writes data.msTeams onto the card action's data, which its Web Chat store has
    // frozen, so any Action.Submit carrying the documented msteams messageBack throws on click (Teams
    // itself is fine). Freezing is only a development guard in the page: turn it off, keep our cards as sent.
    await page.addInitScript(() => {
      Object.freeze = ((o: unknown) => o) as typeof Object.freeze;
    });
    await page.goto(`http://localhost:${port}/`);
    return {
      page,
      botSays: async (pattern) => {
        await page.getByText(pattern).last().waitFor({ timeout: 20_000 });
      },
      press: async (label) => {
        await page.getByRole('button', { name: label, exact: true }).last().click();
      },
      type: async (text) => {
        const box = page.locator('[contenteditable="true"][role="textbox"]').first();
        await box.click();
        await page.keyboard.type(text);
        await page.keyboard.press('Enter');
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
