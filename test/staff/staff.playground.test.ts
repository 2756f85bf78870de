/**
 * Staff mode end to end in Microsoft 365 Agents Playground (LOCAL_STAFF_MODE=true), with screenshots
 * of the staff step card and the call record saved to test-artifacts/ (git-ignored).
 * Based on test/channels/teams.playground.test.ts: in Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), which renders
 * our replies the way Teams does, Adaptive Cards included, and posts Teams-shaped activities to
 * /api/messages. Driven with playwright-core and Debian's Chromium; nothing is downloaded.
 *
 * Skips loudly when the Playground or Chromium is missing, and fails instead when REQUIRE_EXTERNAL_TOOLS=1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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

/** Starts the Playground against the app and resolves once it is listening. */
function startPlayground(endpoint: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli!, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
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
  describeNeeding('Staff mode in Microsoft 365 Agents Playground', missing, body);
}

suite(() => {
  let app: App;
  let playground: ChildProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ LOCAL_STAFF_MODE: 'true' });
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

  test('staff walk a caller through a pathway and see the call record', async () => {
    mkdirSync('test-artifacts', { recursive: true });
    await botSays(/Read aloud: Can I ask who I am speaking to\?/);
    await press('I am a parent or carer');
    await botSays(/Read aloud: How old is the child or young person, roughly\?/);
    await press('School age (5 to 16)');
    await press('Asking for an EHC needs assessment');
    await botSays(/Read aloud: Let us look at EHC needs assessments and plans/);
    await press('The steps and time limits');
    await press('Work out my dates');
    await botSays(/What date did the council get the request\?/);
    await type('2/3/2026');
    await botSays(/Monday 13 April 2026/);
    await botSays(/Change step 2: School age \(5 to 16\)/);
    await page.screenshot({ path: 'test-artifacts/staff-step-card.png', fullPage: false });
    await type('NOTE will chase the school on Friday');
    await botSays(/Note added to the call record/);
    await type('RECORD');
    await botSays(/Call record LO-/);
    await botSays(/Sample Borough SENDIASS/);
    await botSays(/will chase the school on Friday/);
    await page.screenshot({ path: 'test-artifacts/staff-call-record.png', fullPage: false });
  }, 120_000);
});
