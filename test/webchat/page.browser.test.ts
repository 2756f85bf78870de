/**
 * The web chat page in a real browser (Debian's Chromium), against the local Direct Line service and a
 * scripted bot: Web Chat renders under our CSP, choices and typing work, new messages reach the screen
 * reader live region, the keyboard reaches everything, reload keeps the conversation, quick exit leaves
 * nothing behind, and the layout holds at phone width and 200% zoom. axe-core checks WCAG 2.2 AA.
 */
import type { Page } from 'playwright-core';
import { scriptedBot, startChannelServer, type ChannelServer } from './fixtures.js';
import {
  artifact,
  browserSuite,
  ChatPage,
  focusedName,
  focusIsVisible,
  formatViolations,
  launchChromium,
  pickByKeyboard,
  runAxe,
  tabTo,
  waitUntil,
  watchProblems,
  type Browser,
} from './browser.js';

const SESSION_KEY = 'loa-webchat-session';

browserSuite('web chat page in Chromium, with a scripted bot', () => {
  let channel: ChannelServer;
  let browser: Browser;

  beforeAll(async () => {
    channel = await startChannelServer({ bridge: scriptedBot().bridge, page: (url) => ({ quickExitUrl: `${url}/neutral` }) });
    // A stand-in for the neutral site, on the same origin so the test can look at what was left in storage.
    channel.server.get('/neutral', async (_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.writeHead(200);
      res.end('<!doctype html><html lang="en"><title>Neutral</title><p>Neutral page</p></html>');
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await channel?.close();
  });

  async function open(): Promise<{ page: Page; chat: ChatPage; watch: Awaited<ReturnType<typeof watchProblems>> }> {
    const page = await browser.context.newPage();
    const watch = await watchProblems(page);
    await page.goto(`${channel.url}/`);
    const chat = new ChatPage(page);
    await chat.botSays('Who is asking?');
    return { page, chat, watch };
  }

  test('a pathway by choices and by typing, under the CSP, with every message announced, and no WCAG 2.2 AA violations', async () => {
    const { page, chat, watch } = await open();
    await chat.choice('Parent or carer').click();
    await chat.botSays('How old is your child?');
    await chat.choice('School age').click();
    await chat.botSays('What would help most?');
    await chat.choice('I am worried about my child').click();
    await chat.botSays('Where would you like to start?');
    await chat.choice('First steps').click();
    await chat.botSays('talk to the SENCO');
    await chat.type('what does SENCO mean?');
    await chat.botSays('special educational needs co-ordinator');

    const bubbles = await chat.bubbles();
    expect(bubbles.filter((b) => b.from === 'user').map((b) => b.text)).toEqual([
      'Parent or carer',
      'School age',
      'I am worried about my child',
      'First steps',
      'what does SENCO mean?',
    ]);
    expect(bubbles.filter((b) => b.from === 'bot')).toHaveLength(6);

    // Web Chat's screen reader transcript: a polite log that gets each new message as it arrives.
    const live = await page.$eval('#webchat .webchat__live-region-transcript', (n) => [n.getAttribute('role'), n.getAttribute('aria-live')]);
    expect(live).toEqual(['log', 'polite']);
    const announced = await chat.announced();
    for (const said of ['Who is asking?', 'How old is your child?', 'You said:', 'what does SENCO mean?', 'SENCO means special educational needs co-ordinator'])
      expect(announced).toContain(said);

    // Documents are never wanted: there is no way to attach one.
    expect(await page.locator('#webchat input[type="file"], #webchat .webchat__upload-button').count()).toBe(0);

    const violations = await runAxe(page);
    if (violations.length) console.log(`axe found ${violations.length} violation(s):\n${formatViolations(violations)}`);
    expect(violations).toEqual([]);

    // Start again goes through Web Chat's store as a message, so the bot starts over.
    await page.getByRole('button', { name: 'Start again' }).click();
    await waitUntil('a second greeting', async () => (await chat.bubbles()).filter((b) => b.text.includes('Who is asking?')).length === 2);
    expect((await chat.bubbles()).filter((b) => b.from === 'user').pop()?.text).toBe('start again');

    expect(await watch.csp()).toEqual([]);
    expect(watch.problems).toEqual([]);
    // Let Web Chat finish scrolling to the newest message before the picture is taken.
    await page.waitForTimeout(800);
    await page.screenshot({ path: artifact('webchat-scripted.png'), fullPage: true });
    await page.close();
  });

  test('keyboard only: a sensible Tab order with visible focus, the skip link, and the whole pathway', async () => {
    const { page, chat } = await open();
    const order: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await focusedName(page));
      expect([order[i], await focusIsVisible(page)]).toEqual([order[i], true]);
    }
    expect(order).toEqual(['Skip to the chat', 'Quick exit: leave this page now', 'Start again', 'Privacy notice']);

    // The skip link takes focus straight to the message box, without adding a history entry.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Skip to the chat');
    const historyBefore = await page.evaluate(() => history.length);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id)).toBe('webchat-sendbox-input');
    expect(await page.evaluate(() => [history.length, location.hash])).toEqual([historyBefore, '']);

    await page.keyboard.press('Shift+Tab');
    await pickByKeyboard(page, /^Parent or carer$/);
    await chat.botSays('How old is your child?');
    await pickByKeyboard(page, /^School age$/);
    await chat.botSays('What would help most?');
    await pickByKeyboard(page, /^I am worried about my child$/);
    await chat.botSays('Where would you like to start?');
    await pickByKeyboard(page, /^First steps$/);
    await chat.botSays('talk to the SENCO');
    expect(await focusIsVisible(page)).toBe(true);

    await tabTo(page, /Message input box/);
    await page.keyboard.type('what does SENCO mean?');
    await page.keyboard.press('Enter');
    await chat.botSays('special educational needs co-ordinator');
    await page.close();
  });

  test('a reload carries on the same conversation; quick exit leaves, forgets it and clears the transcript', async () => {
    const { page, chat } = await open();
    await chat.choice('Parent or carer').click();
    await chat.botSays('How old is your child?');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY)).toContain('"conversationId"');

    await page.reload();
    await chat.botSays('How old is your child?');
    expect((await chat.bubbles()).map((b) => b.text)).toEqual([
      'Hello. I can help you find SEND support. Who is asking?',
      'Parent or carer',
      'How old is your child?',
    ]);

    await page.getByRole('button', { name: /Quick exit/ }).click();
    await page.waitForURL(`${channel.url}/neutral`);
    expect(await page.evaluate((key) => [sessionStorage.getItem(key), localStorage.getItem(key)], SESSION_KEY)).toEqual([null, null]);

    // The chat page was replaced in history, so Back cannot return to it.
    await page.goBack().catch(() => null);
    expect(page.url()).not.toBe(`${channel.url}/`);

    // Coming back to the page starts a new, empty conversation.
    await page.goto(`${channel.url}/`);
    await chat.botSays('Who is asking?');
    expect((await chat.bubbles()).map((b) => b.text)).toEqual(['Hello. I can help you find SEND support. Who is asking?']);
    await page.close();
  });

  test('pressing Esc twice leaves the page; pressing it once does not', async () => {
    const { page, chat } = await open();
    await chat.sendBox.focus();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1700);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${channel.url}/`);
    await page.keyboard.press('Escape');
    await page.waitForURL(`${channel.url}/neutral`);
    await page.close();
  });

  test('reflows at 320px and at 200% zoom, keeps targets at least 24px, and bubble text large on a phone', async () => {
    const { page, chat } = await open();
    await chat.choice('Parent or carer').click();
    await chat.botSays('How old is your child?');
    for (const size of [
      { width: 320, height: 640 },
      // 1280 x 900 at 200% zoom.
      { width: 640, height: 450 },
    ]) {
      await page.setViewportSize(size);
      const layout = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect([size.width, layout.scroll]).toEqual([size.width, layout.width]);
      const small = await page.$$eval('a[href], button, textarea', (nodes) =>
        nodes
          .filter(
            (n) =>
              n.getClientRects().length > 0 &&
              !n.closest('.webchat__keyboard-help, .webchat__live-region-transcript') &&
              getComputedStyle(n).visibility !== 'hidden',
          )
          .filter((n) => !(n as HTMLElement).classList.contains('skip-link'))
          .map((n) => ({
            name: (n.textContent || n.getAttribute('aria-label') || n.getAttribute('title') || n.tagName).trim().slice(0, 40),
            box: n.getBoundingClientRect(),
          }))
          .filter(({ box }) => box.width < 24 || box.height < 24)
          .map(({ name, box }) => `${name} ${Math.round(box.width)}x${Math.round(box.height)}`),
      );
      expect([size.width, small]).toEqual([size.width, []]);
      for (const label of ['Under 5', 'School age', '16 to 25']) await expect(chat.choice(label).isVisible()).resolves.toBe(true);
    }
    await page.setViewportSize({ width: 375, height: 740 });
    const fontSize = await page.$eval('#webchat .webchat__bubble__content', (n) => parseFloat(getComputedStyle(n.querySelector('p') ?? n).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(17);
    const boxFont = await chat.sendBox.evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
    // 16px or more also stops phones zooming in on the message box.
    expect(boxFont).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: artifact('webchat-phone.png'), fullPage: true });
    await page.close();
  });

  test('the axe check is real: a planted problem is found', async () => {
    const { page } = await open();
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main')?.appendChild(img);
      document.querySelector('.page__title')?.setAttribute('style', 'color:#cccccc');
    });
    const ids = (await runAxe(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'color-contrast']));
    await page.close();
  });

  test('when the chat cannot start, the page says so and gives the helpline', async () => {
    const page = await browser.context.newPage();
    await page.route('**/api/directline/token', (route) => route.fulfill({ status: 502, contentType: 'application/json', body: '{"error":"unavailable"}' }));
    await page.goto(`${channel.url}/`);
    const problem = page.locator('#chat-problem');
    await problem.waitFor({ state: 'visible' });
    expect(await problem.getAttribute('role')).toBe('alert');
    expect(await problem.innerText()).toMatch(/not working just now[\s\S]*01632 960 100/);
    await page.close();
  });
});
