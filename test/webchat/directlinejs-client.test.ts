/**
 * Microsoft's own Direct Line client (botframework-directlinejs, the one inside Web Chat) against the local
 * Direct Line service, in Node: if it works here, the subset we serve is the subset Web Chat needs.
 * The client does its HTTP through XMLHttpRequest, which Node lacks, so a small fetch-based one is put on
 * globalThis for this file only.
 */
import directlinejs from 'botframework-directlinejs';
import { scriptedBot, startChannelServer, type ChannelServer } from './fixtures.js';
import { FetchXMLHttpRequest } from './xhr-polyfill.js';

const { DirectLine, ConnectionStatus } = directlinejs;
type Activity = { type: string; id?: string; text?: string; from: { id: string; role?: string } };

/**
 * The client reads the global WebSocket even when told to poll, and Node 20 has none. Passing this one
 * (through the client's documented services option) also proves it is never used.
 */
class NoWebSocket {
  constructor() {
    throw new Error('The page uses polling: no web socket should be opened.');
  }
}
const polling = { webSocket: false, pollingInterval: 200, WebSocket: NoWebSocket as unknown as typeof WebSocket };

const globals = globalThis as { XMLHttpRequest?: unknown };
const previousXhr = globals.XMLHttpRequest;
let channel: ChannelServer;

beforeAll(async () => {
  globals.XMLHttpRequest = FetchXMLHttpRequest;
  channel = await startChannelServer({ bridge: scriptedBot().bridge });
});

afterAll(async () => {
  await channel.close();
  globals.XMLHttpRequest = previousXhr;
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function newToken(): Promise<{ token: string; userId: string; conversationId: string }> {
  const res = await fetch(`${channel.url}/api/directline/token`, { method: 'POST' });
  return (await res.json()) as { token: string; userId: string; conversationId: string };
}

function post(dl: InstanceType<typeof DirectLine>, activity: Activity): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity(activity as never).subscribe(
      (id: string) => resolve(id),
      (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
    );
  });
}

test('the real Direct Line client starts a conversation, gets the greeting, posts a message and sees the reply', async () => {
  const session = await newToken();
  const dl = new DirectLine({ token: session.token, domain: `${channel.url}/v3/directline`, ...polling });
  const seen: Activity[] = [];
  const subscription = dl.activity$.subscribe((a: Activity) => seen.push(a));
  try {
    await waitFor('the greeting', () => seen.some((a) => a.from.role === 'bot' && /Who is asking/.test(a.text ?? '')));
    expect(dl.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
    expect((dl as unknown as { conversationId: string }).conversationId).toBe(session.conversationId);

    const id = await post(dl, { type: 'message', from: { id: session.userId }, text: 'Parent or carer' });
    expect(id).toBe(`${session.conversationId}|0000001`);
    await waitFor('the reply', () => seen.some((a) => a.text === 'How old is your child?'));

    // The client sees its own message echoed, as the token's user, in order.
    expect(seen.map((a) => [a.from.role, a.text])).toEqual([
      ['bot', 'Hello. I can help you find SEND support. Who is asking?'],
      ['user', 'Parent or carer'],
      ['bot', 'How old is your child?'],
    ]);
    expect(seen[1]!.from.id).toBe(session.userId);
  } finally {
    subscription.unsubscribe();
    dl.end();
  }
});

test('a second client with the conversation id and a refreshed token picks up the whole transcript (a page reload)', async () => {
  const session = await newToken();
  const first = new DirectLine({ token: session.token, domain: `${channel.url}/v3/directline`, ...polling });
  const firstSeen: Activity[] = [];
  const sub1 = first.activity$.subscribe((a: Activity) => firstSeen.push(a));
  await waitFor('the greeting', () => firstSeen.length > 0);
  await post(first, { type: 'message', from: { id: session.userId }, text: 'Parent or carer' });
  await waitFor('the reply', () => firstSeen.length >= 3);
  sub1.unsubscribe();
  first.end();

  const refreshed = (await (
    await fetch(`${channel.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${session.token}` } })
  ).json()) as { token: string };
  const second = new DirectLine({ token: refreshed.token, conversationId: session.conversationId, domain: `${channel.url}/v3/directline`, ...polling });
  const secondSeen: Activity[] = [];
  const sub2 = second.activity$.subscribe((a: Activity) => secondSeen.push(a));
  try {
    await waitFor('the old transcript', () => secondSeen.length >= 3);
    expect(secondSeen.map((a) => a.text)).toEqual(firstSeen.map((a) => a.text));
    await post(second, { type: 'message', from: { id: session.userId }, text: 'School age' });
    await waitFor('the next step', () => secondSeen.some((a) => a.text === 'What would help most?'));
  } finally {
    sub2.unsubscribe();
    second.end();
  }
});

test("a token for another conversation leaves the client unable to connect, not reading someone else's chat", async () => {
  const mine = await newToken();
  const theirs = await newToken();
  const dl = new DirectLine({ token: theirs.token, conversationId: mine.conversationId, domain: `${channel.url}/v3/directline`, ...polling });
  const seen: Activity[] = [];
  const subscription = dl.activity$.subscribe({ next: (a: Activity) => seen.push(a), error: () => undefined });
  try {
    await waitFor('the refusal', () => dl.connectionStatus$.getValue() === ConnectionStatus.FailedToConnect);
    expect(seen).toEqual([]);
  } finally {
    subscription.unsubscribe();
    dl.end();
  }
});
