/**
 * End to end in Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), which renders
 * our replies the way Teams does, Adaptive Cards included, and posts Teams-shaped activities to
 * /api/messages. Driven with playwright-core and Debian's Chromium; nothing is downloaded.
 *
 * Skips loudly when the Playground or Chromium is missing, and fails instead when REQUIRE_EXTERNAL_TOOLS=1.
 */
import { openPlayground, playgroundSuite, type PlaygroundChat } from '../helpers/playground.js';

playgroundSuite('Teams in Microsoft 365 Agents Playground', () => {
  let chat: PlaygroundChat;

  beforeAll(async () => {
    chat = await openPlayground();
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  });

  test('a pathway by card buttons and typing, with the deadline worked out', async () => {
    const { botSays, press, type } = chat;
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
