/**
 * Builds the assistant core for tests from partial parts, and a Chat that talks to it turn by turn and
 * reads the replies back as plain text, the way a transcript reads.
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import { LocalOfferAssistant, type AssistantDeps } from '../../bot/assistant.js';
import type { Inbound, Reply } from '../../bot/reply.js';
import type { TopicIndex } from '../../bot/understanding/qa.js';
import { RememberingTopicIndex } from '../../bot/understanding/remembered-search.js';
import { loadContent, type ContentStore } from '../../content/store.js';

let cachedContent: ContentStore | undefined;
let cachedIndex: TopicIndex | undefined;

export function sharedContent(): ContentStore {
  cachedContent ??= loadContent();
  return cachedContent;
}

export interface Noted {
  at: string;
  channel: string;
  question: string;
  closest: { topic: string; score: number }[];
}

export interface LogLine {
  level: string;
  fields: object;
}

export function buildAssistant(overrides: Partial<AssistantDeps> = {}) {
  const content = overrides.content ?? sharedContent();
  // As the app builds it: searches remembered across every conversation of a test file.
  cachedIndex ??= new RememberingTopicIndex(sharedContent().topics.values(), sharedContent().glossary.values());
  const storage: Storage = overrides.storage ?? new MemoryStorage();
  const gaps: Noted[] = [];
  const logs: LogLine[] = [];
  let clock = new Date('2026-11-22T10:00:00Z');
  const assistant = new LocalOfferAssistant({
    content,
    storage,
    index: overrides.index ?? cachedIndex,
    gaps: { record: async (entry) => void gaps.push(entry) },
    lock: { run: (_key, fn) => fn() },
    logger: {
      info: (fields) => void logs.push({ level: 'info', fields }),
      warn: (fields) => void logs.push({ level: 'warn', fields }),
    },
    resumeAfterMs: 6 * 3_600_000,
    now: () => clock,
    ...overrides,
  });
  return {
    assistant,
    storage,
    gaps,
    logs,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    setClock(date: Date) {
      clock = date;
    },
  };
}

/** A reply as the plain text a person would read. */
export function plain(replies: Reply[]): string {
  return replies
    .map((r) =>
      [r.title, ...r.paragraphs, ...(r.facts ?? []).map((f) => `${f.label}: ${f.value}`), r.prompt, ...(r.choices ?? []).map((c, i) => `${i + 1}. ${c.label}`)]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n\n');
}

export class Chat {
  replies: Reply[] = [];
  constructor(
    private readonly assistant: LocalOfferAssistant,
    readonly key = `test-${Math.random().toString(36).slice(2)}`,
    private readonly channel: Inbound['channel'] = 'test',
  ) {}

  async say(text: string, extra: Partial<Inbound> = {}): Promise<string> {
    this.replies = await this.assistant.turn({ conversationKey: this.key, channel: this.channel, text, ...extra });
    return plain(this.replies);
  }

  async open(): Promise<string> {
    this.replies = await this.assistant.turn({ conversationKey: this.key, channel: this.channel });
    return plain(this.replies);
  }

  /** The labels of the choices in the last reply that has any. */
  get choices(): string[] {
    return (
      [...this.replies]
        .reverse()
        .find((r) => r.choices?.length)
        ?.choices?.map((c) => c.label) ?? []
    );
  }

  get titles(): string[] {
    return this.replies.map((r) => r.title).filter((t): t is string => Boolean(t));
  }

  get topics(): string[] {
    return this.replies.map((r) => r.topicId).filter((t): t is string => Boolean(t));
  }

  get kinds(): string[] {
    return this.replies.map((r) => r.kind);
  }

  /** Picks a choice by (part of) its label, typing its number as an SMS user would. */
  async pick(labelPart: RegExp): Promise<string> {
    const i = this.choices.findIndex((c) => labelPart.test(c));
    if (i < 0) throw new Error(`No choice matching ${labelPart} in: ${this.choices.join(' | ')}`);
    return this.say(String(i + 1));
  }
}
