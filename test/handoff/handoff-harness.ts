/**
 * The people in a handoff test, each talking to the real assistant over HTTP: a person on web chat or
 * SMS (replies come back in the response; what the helpline sends arrives at the connector stand-in), and
 * a member of staff in the helpline's Teams channel (the card and the relayed messages arrive at the
 * stand-in). Each test keeps a transcript and writes it to test-artifacts/handoff/ for docs/handoff.md.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { buildApp, type App } from '../../bot/app.js';
import { HttpChat, type BotActivity } from '../helpers/http.js';
import { wordsOf, type ConnectorStandIn, type Delivery } from '../helpers/connector-stand-in.js';

export const HELPLINE_CHANNEL = '19:helpline-queue@thread.tacv2';
export const TENANT = '72f988bf-0000-4000-8000-00000000abcd';

/** Tuesday 1 December 2026, 10:30 in London: the helpline is open. */
export const IN_HOURS = new Date('2026-12-01T10:30:00Z');
/** Monday 28 December 2026, 10:30: a bank holiday (Boxing Day, substitute day). */
export const BANK_HOLIDAY = new Date('2026-12-28T10:30:00Z');

export interface TestApp {
  app: App;
  /** Everything the assistant logged, as JSON lines. */
  logs: string[];
  dir: string;
}

export async function startHandoffApp(standIn: ConnectorStandIn, opts: { now: Date; waitSeconds?: number; dir?: string }): Promise<TestApp> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'loa-handoff-'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({
    env: {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'info',
      HANDOFF_ENABLED: 'true',
      HANDOFF_WAIT_SECONDS: String(opts.waitSeconds ?? 600),
      HANDOFF_QUEUE_REFERENCE: JSON.stringify({
        serviceUrl: standIn.url,
        channelId: 'msteams',
        conversation: { id: HELPLINE_CHANNEL, conversationType: 'channel', tenantId: TENANT },
        bot: { id: '28:local-offer-bot' },
      }),
    },
    logger: pino({ level: 'info' }, sink),
    now: () => opts.now,
  });
  await app.listen();
  return { app, logs, dir };
}

export class Transcript {
  readonly lines: string[] = [];

  add(who: string, text: string): void {
    const said = text.trim();
    if (said) this.lines.push(`**${who}:** ${said.split('\n').join('  \n')}`);
  }

  write(name: string): void {
    const dir = join(process.cwd(), 'test-artifacts', 'handoff');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.md`), `${this.lines.join('\n\n')}\n`);
  }
}

function textOf(activities: BotActivity[]): string {
  return activities.map((a) => wordsOf(a as unknown as Record<string, unknown>)).join('\n');
}

/** A person on web chat (channel "webchat") or SMS (Azure Bot Service's SMS channel, "sms"). */
export class Person {
  readonly chat: HttpChat;
  last: BotActivity[] = [];
  private noted = 0;

  constructor(
    app: App,
    private readonly standIn: ConnectorStandIn,
    private readonly transcript: Transcript,
    readonly channel: 'webchat' | 'sms' | 'msteams' = 'webchat',
    id = channel === 'sms' ? `+4477009${Math.floor(10000 + Math.random() * 89999)}` : `${channel}-${Math.random().toString(36).slice(2)}`,
  ) {
    this.chat = new HttpChat(app, id, channel);
  }

  get conversationId(): string {
    return this.chat.conversationId;
  }

  async say(text: string): Promise<string> {
    this.transcript.add('Person', text);
    const res = await this.chat.post({ type: 'message', text, serviceUrl: this.standIn.url });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    this.last = res.activities;
    const said = textOf(res.activities);
    this.transcript.add('Assistant', said);
    return said;
  }

  /** What the helpline side sent to this person between turns. */
  received(): Delivery[] {
    return this.standIn.to(this.conversationId);
  }

  /** Waits for a message sent to this person between turns, and notes it (and any before it) in the transcript. */
  async waitFor(pattern: RegExp, after = 0): Promise<string> {
    const d = await this.standIn.waitFor(
      (x) => x.conversationId === this.conversationId && this.standIn.deliveries.indexOf(x) >= after && pattern.test(wordsOf(x.activity)),
    );
    const upTo = this.standIn.deliveries.indexOf(d);
    const said = this.standIn.deliveries
      .slice(Math.max(after, this.noted), upTo + 1)
      .filter((x) => x.conversationId === this.conversationId)
      .map((x) => wordsOf(x.activity))
      .join('\n');
    this.noted = Math.max(this.noted, upTo + 1);
    this.transcript.add('Assistant (to the person, between turns)', said);
    return wordsOf(d.activity);
  }
}

/** A member of the helpline team in the Teams channel. */
export class Staff {
  constructor(
    private readonly app: App,
    private readonly standIn: ConnectorStandIn,
    private readonly transcript: Transcript,
    readonly name = 'Sam Taylor',
  ) {}

  private async post(threadId: string, activity: Record<string, unknown>): Promise<number> {
    const res = await fetch(`${this.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: this.standIn.url,
        conversation: { id: threadId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
        channelData: { tenant: { id: TENANT }, channel: { id: HELPLINE_CHANNEL } },
        from: { id: '29:staff-sam', name: this.name, aadObjectId: '00000000-0000-4000-8000-0000000000aa' },
        recipient: { id: '28:local-offer-bot', name: 'Local Offer assistant' },
        ...activity,
      }),
    });
    return res.status;
  }

  /** The latest request card in the helpline channel, with its case reference. */
  async card(after = 0): Promise<{ id: string; caseRef: string; words: string; delivery: Delivery }> {
    const d = await this.standIn.waitFor(
      (x) =>
        x.conversationId === HELPLINE_CHANNEL && x.method === 'POST' && this.standIn.deliveries.indexOf(x) >= after && /\[Accept\]/.test(wordsOf(x.activity)),
    );
    const words = wordsOf(d.activity);
    const caseRef = /LO-[A-Z0-9]{6}/.exec(words)?.[0];
    if (!caseRef || !d.id) throw new Error('The card has no case reference');
    this.transcript.add('Helpline channel (card)', words);
    return { id: d.id, caseRef, words, delivery: d };
  }

  thread(cardId: string): string {
    return `${HELPLINE_CHANNEL};messageid=${cardId}`;
  }

  async press(action: 'accept' | 'end', cardId: string, caseRef: string): Promise<void> {
    this.transcript.add(this.name, action === 'accept' ? '[Accept]' : '[End chat]');
    const status = await this.post(this.thread(cardId), { type: 'message', value: { handoffAction: action, caseRef }, replyToId: cardId });
    if (status !== 200 && status !== 202) throw new Error(`HTTP ${status}`);
  }

  /** Types in the card's thread, @mentioning the assistant as Teams requires in a channel. */
  async say(cardId: string, text: string): Promise<void> {
    this.transcript.add(this.name, text);
    const mention = '<at>Local Offer assistant</at>';
    const status = await this.post(this.thread(cardId), {
      type: 'message',
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', text: mention, mentioned: { id: '28:local-offer-bot', name: 'Local Offer assistant' } }],
    });
    if (status !== 200 && status !== 202) throw new Error(`HTTP ${status}`);
  }

  /** Waits for a message in the card's thread that matches. */
  async sees(cardId: string, pattern: RegExp): Promise<string> {
    const d = await this.standIn.waitFor((x) => x.conversationId === this.thread(cardId) && x.method === 'POST' && pattern.test(wordsOf(x.activity)));
    const words = wordsOf(d.activity);
    this.transcript.add('Helpline thread', words);
    return words;
  }
}
