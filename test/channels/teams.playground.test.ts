/**
 * End to end in Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), which renders
 * our replies the way Teams does, Adaptive Cards included, and posts Teams-shaped activities to
 * /api/messages. Driven with playwright-core and Debian's Chromium; nothing is downloaded.
 *
 * Skips loudly when the Playground or Chromium is missing, and fails instead when REQUIRE_EXTERNAL_TOOLS=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import playwright, { type Browser, type Page } from 'playwright-core';
import type { App } from '../../bot/app.js';
import { describeNeeding, freePort, type NeededTool } from '../helpers/external-tools.js';
import { startApp } from '../helpers/http.js';

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

const playgroundDir = mkdtempSync(join(tmpdir(), 'loa-playground-'));

/** Starts the Playground against the app and resolves once it is listening. */
function startPlayground(endpoint: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli!, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
      // The Playground writes its logs and recordings under ./devTools: keep them out of the repo.
      cwd: playgroundDir,
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

function suite(body: () => void): void {
  describeNeeding('Teams in Microsoft 365 Agents Playground', missing, body);
}

suite(() => {
  let app: App;
  let playground: ChildProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    const port = await freePort();
    playground = await startPlayground(`${app.url}/api/messages`, port);
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Playground 0.2.28 writes data.msTeams onto the card action's data, which its Web Chat store has
    // frozen, so any Action.Submit carrying the documented msteams messageBack throws on click (Teams
    // itself is fine). Freezing is only a development guard in the page: turn it off, keep our cards as sent.
    await page.addInitScript(() => {
      Object.freeze = ((o: unknown) => o) as typeof Object.freeze;
    });
    await page.goto(`http://localhost:${port}/`);
  }, 60_000);

  afterAll(async () => {
    rmSync(playgroundDir, { recursive: true, force: true });
    await browser?.close();
    playground?.kill();
    await app?.close();
  });

  /** Waits for the bot to say something matching, as Teams would show it. */
  async function botSays(pattern: RegExp): Promise<void> {
    await page.getByText(pattern).last().waitFor({ timeout: 20_000 });
  }

  async function press(label: string): Promise<void> {
    await page.getByRole('button', { name: label, exact: true }).last().click();
  }

  async function type(text: string): Promise<void> {
    const box = page.locator('[contenteditable="true"][role="textbox"]').first();
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  test('a pathway by card buttons and typing, with the deadline worked out', async () => {
    // The Playground installs the app and adds the user, so the greeting card comes first.
    await botSays(/First, who is asking\?/);
    await press('I am a parent or carer');
    await botSays(/How old is the child or young person\?/);
    await press('School age (5 to 16)');
    await botSays(/What would you like help with\?/);
    await press('Disagreeing with a decision or appealing');
    await botSays(/legal rights to challenge decisions/);
    await press('My appeal deadline');
    await botSays(/work out your deadline/);
    await press('Work out my deadline');
    await botSays(/What date is on the council's decision letter\?/);
    await type('1/4/2026');
    await botSays(/Do you have a mediation certificate\?/);
    await press('My appeal is only about the school named');
    await botSays(/1 June 2026/);
  }, 120_000);
});
