/**
 * Azure Bot Service's SMS channel (channelId "sms") through /api/messages: rendered by the same SMS
 * renderer and pager as our own Twilio web hook, so plain GSM-7 texts, numbered choices and MORE.
 */
import type { App } from '../../bot/app.js';
import { gsm7Length, isGsm7 } from '../../content/gsm7.js';
import { HttpChat, startApp } from '../helpers/http.js';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

async function say(chat: HttpChat, text: string): Promise<string[]> {
  const { status, activities } = await chat.post({ type: 'message', text });
  expect(status).toBe(200);
  for (const a of activities) {
    expect(a.suggestedActions).toBeUndefined();
    expect(a.attachments ?? []).toEqual([]);
    expect(isGsm7(a.text ?? '')).toBe(true);
    expect(gsm7Length(a.text ?? '')).toBeLessThanOrEqual(459);
  }
  return activities.map((a) => a.text ?? '');
}

test('numbered choices as plain text, and MORE pages without reaching the pathway', async () => {
  const chat = new HttpChat(app, '+447700900555', 'sms');
  expect((await say(chat, 'hi')).join('\n')).toMatch(/\n1 I am a parent or carer\n2 .*\n3 .*\nReply 1, 2 or 3/);
  await say(chat, '1');
  await say(chat, '2');
  await say(chat, '3');
  const first = await say(chat, '4');
  expect(first).toHaveLength(1);
  expect(first[0]).toMatch(/\n1 My appeal deadline\n[\s\S]*\nReply MORE for the rest$/);
  expect(first[0]).not.toMatch(/\*\*|\]\(/);
  const second = await say(chat, 'more');
  expect(second).toHaveLength(1);
  expect(second[0]).not.toEqual(first[0]);
  expect((await say(chat, '1')).join('\n')).toMatch(/deadline/i);
});

test('HELP gives the helpline and crisis numbers, STOP gets no reply, START confirms, and the place is kept', async () => {
  const chat = new HttpChat(app, '+447700900556', 'sms');
  await say(chat, 'hi');
  await say(chat, '1');
  const help = (await say(chat, 'HELP')).join('\n');
  expect(help).toMatch(/999/);
  expect(help).toMatch(/85258/);
  expect(help).toMatch(/0306 999 0100/);
  expect(await say(chat, 'stop')).toEqual([]);
  expect((await say(chat, 'START')).join('\n')).toMatch(/again/i);
  // The conversation was not moved on by any keyword: the age question is still open.
  expect((await say(chat, '2')).join('\n')).toMatch(/What would you like help with/);
});
