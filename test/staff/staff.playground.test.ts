/**
 * Staff mode end to end in Microsoft 365 Agents Playground (LOCAL_STAFF_MODE=true), with screenshots
 * of the staff step card and the call record saved to test-artifacts/ (git-ignored). The Playground
 * set-up is shared with the Teams test (test/helpers/playground.ts).
 *
 * Skips loudly when the Playground or Chromium is missing, and fails instead when REQUIRE_EXTERNAL_TOOLS=1.
 */
import { mkdirSync } from 'node:fs';
import { openPlayground, playgroundSuite, type PlaygroundChat } from '../helpers/playground.js';

playgroundSuite('Staff mode in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  beforeAll(async () => {
    chat = await openPlayground({ LOCAL_STAFF_MODE: 'true' });
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  });

  test('staff walk a caller through a pathway and see the call record', async () => {
    const { page, botSays, press, type } = chat;
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
