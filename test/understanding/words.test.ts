/**
 * Reading a message into words: text-speak is expanded, and a word that happens to name one of
 * JavaScript's built-in object properties ("constructor", "__proto__") is just a word, through the
 * whole turn as well as in the tokeniser.
 */
import { words } from '../../bot/understanding/text.js';
import type { App } from '../../bot/app.js';
import { HttpChat, startApp } from '../helpers/http.js';

test('words are lower-cased, apostrophes dropped and text-speak expanded', () => {
  expect(words("Wot's an EHCP, my kid's yrs 9")).toEqual(['what', 'is', 'an', 'ehcp', 'my', 'children', 'years', '9']);
  expect(words('dunno ok')).toEqual(['do', 'not', 'know', 'okay']);
  expect(words('her meds')).toEqual(['her', 'medicines']);
  expect(words('my 3yr old')).toEqual(['my', '3', 'year', 'old']);
  expect(words('hes 7yo, she is 2yrs')).toEqual(['hes', '7', 'year', 'old', 'she', 'is', '2', 'years']);
});

test('words that name built-in object properties are ordinary words', () => {
  expect(words('constructor __proto__ toString hasOwnProperty')).toEqual(['constructor', '__proto__', 'tostring', 'hasownproperty']);
});

describe('through HTTP', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ STORAGE: 'memory', WEBCHAT_ENABLED: 'false' });
  });
  afterAll(async () => app.close());

  test.each(['constructor', 'what is a constructor', '__proto__'])('"%s" gets a reply, not the turn-error apology', async (text) => {
    const chat = new HttpChat(app);
    const said = await chat.say(text);
    expect(said).not.toMatch(/something went wrong/i);
    expect(said.length).toBeGreaterThan(20);
  });
});
