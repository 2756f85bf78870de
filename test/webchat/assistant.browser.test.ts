/**
 * The whole assistant in a real browser: buildApp in local mode (the in-process Direct Line service and
 * the real bot and content), the page in Debian's Chromium, a pathway by clicking choices and by typing,
 * axe-core at WCAG 2.2 AA, the same pathway by keyboard alone, and quick exit to the default neutral site
 * (answered by the test, never by the internet). Saves test-artifacts/webchat.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp, type App } from '../../bot/app.js';
import {
  artifact,
  browserSuite,
  ChatPage,
  formatViolations,
  launchChromium,
  pickByKeyboard,
  runAxe,
  tabTo,
  waitUntil,
  watchProblems,
  type Browser,
} from './browser.js';

const NEUTRAL = 'https://www.bbc.co.uk/weather';

browserSuite('the whole assistant in Chromium', () => {
  let app: App;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'loa-webchat-'));
    app = await buildApp({ env: { NODE_ENV: 'test', DATA_DIR: dataDir, STORAGE: 'memory', LOG_LEVEL: 'silent', PORT: '0' } });
    await app.listen();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(): Promise<{ page: Page; chat: ChatPage; watch: Awaited<ReturnType<typeof watchProblems>> }> {
    const page = await browser.context.newPage();
    // Quick exit goes to the real default address; the test answers for it, so nothing leaves the machine.
    await page.route(`${NEUTRAL}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Weather</title><p>Weather</p></html>' }),
    );
    const watch = await watchProblems(page);
    await page.goto(`${app.url}/`);
    const chat = new ChatPage(page);
    await chat.botSays(/who is asking/i);
    return { page, chat, watch };
  }

  /** Does something and waits for the assistant's next message. */
  async function reply(chat: ChatPage, act: () => Promise<void>): Promise<string> {
    const before = (await chat.bubbles()).filter((b) => b.from === 'bot').length;
    await act();
    await waitUntil('the assistant to reply', async () => (await chat.bubbles()).filter((b) => b.from === 'bot').length > before, 15_000);
    return (await chat.bubbles())
      .filter((b) => b.from === 'bot')
      .slice(before)
      .map((b) => b.text)
      .join('\n');
  }

  test('parent, school age, worried, first steps by choices; then a typed question; no WCAG 2.2 AA violations', async () => {
    const { page, chat, watch } = await open();
    expect(await reply(chat, () => chat.choice(/parent or carer/i).click())).toMatch(/how old/i);
    expect(await reply(chat, () => chat.choice(/^school age/i).click())).toMatch(/help with/i);
    await reply(chat, () => chat.choice(/worried/i).click());
    const firstSteps = await reply(chat, () => chat.choice(/^first steps/i).click());
    expect(firstSteps).toMatch(/SENCO|school/i);
    const answer = await reply(chat, () => chat.type('what does SENCO mean?'));
    expect(answer).toMatch(/special educational needs co-?ordinator/i);

    const users = (await chat.bubbles()).filter((b) => b.from === 'user').map((b) => b.text);
    expect(users).toHaveLength(5);
    expect(users[4]).toBe('what does SENCO mean?');
    expect(await chat.announced()).toMatch(/special educational needs co-?ordinator/i);

    const violations = await runAxe(page);
    if (violations.length) console.log(`axe found ${violations.length} violation(s):\n${formatViolations(violations)}`);
    expect(violations).toEqual([]);
    expect(await watch.csp()).toEqual([]);
    expect(watch.problems).toEqual([]);

    await page.waitForTimeout(800);
    await page.screenshot({ path: artifact('webchat.png'), fullPage: true });
    await page.close();
  });

  test('the same pathway by keyboard alone', async () => {
    const { page, chat } = await open();
    await tabTo(page, /^Skip to the chat$/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id)).toBe('webchat-sendbox-input');
    await page.keyboard.press('Shift+Tab');
    expect(await reply(chat, () => pickByKeyboard(page, /parent or carer/i).then(() => undefined))).toMatch(/how old/i);
    await reply(chat, () => pickByKeyboard(page, /^school age/i).then(() => undefined));
    await reply(chat, () => pickByKeyboard(page, /worried/i).then(() => undefined));
    await reply(chat, () => pickByKeyboard(page, /^first steps/i).then(() => undefined));
    await tabTo(page, /Message input box/);
    const answer = await reply(chat, async () => {
      await page.keyboard.type('what does SENCO mean?');
      await page.keyboard.press('Enter');
    });
    expect(answer).toMatch(/special educational needs co-?ordinator/i);
    await page.close();
  });

  test('quick exit leaves for the neutral site, and coming back shows an empty, new conversation', async () => {
    const { page, chat } = await open();
    await reply(chat, () => chat.choice(/parent or carer/i).click());
    await page.getByRole('button', { name: /Quick exit/ }).click();
    await page.waitForURL(NEUTRAL);
    await page.goBack().catch(() => null);
    expect(page.url()).not.toBe(`${app.url}/`);
    await page.goto(`${app.url}/`);
    await chat.botSays(/who is asking/i);
    expect((await chat.bubbles()).filter((b) => b.from === 'user')).toEqual([]);
    await page.close();
  });
});
