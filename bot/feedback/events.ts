/**
 * The editors' event log: what the content report counts, and nothing more. No user id, no
 * conversation id and no message text, except a feedback comment, which is redacted before it is
 * written and deleted after the retention period (retention.ts).
 *
 * One JSON object per line, appended, like the gap log: cheap to write, and a line cut short by a crash
 * loses that line only.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { redactPersonalData } from '../../content/gaps/redact.js';

export const FEEDBACK_REASONS = ['not-my-question', 'out-of-date', 'hard-to-understand', 'not-my-area'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

const Base = z.object({
  at: z.string(),
  channel: z.string(),
  audience: z.string(),
});
/** Where in a pathway: the machine and the state, both ids from flows/. */
const Place = z.object({ pathway: z.string(), step: z.string() });

export const TrackedEvent = z.discriminatedUnion('type', [
  /** A conversation's first turn. */
  Base.extend({ type: z.literal('engaged') }),
  /** Arrival at a pathway step; `from` is the step before it in the same pathway, if any. */
  Base.merge(Place).extend({ type: z.literal('step'), from: z.string().optional() }),
  /** The end of a pathway was reached: every way on from here was already seen. */
  Base.merge(Place).extend({ type: z.literal('resolved') }),
  /** Asked to talk to a person. */
  Base.merge(Place).extend({ type: z.literal('handoff') }),
  /** "Did this help?" answered. */
  Base.merge(Place).extend({
    type: z.literal('feedback'),
    topicId: z.string(),
    contentVersion: z.string(),
    helpful: z.boolean(),
    reason: z.enum(FEEDBACK_REASONS).optional(),
    comment: z.string().optional(),
  }),
]);
export type TrackedEvent = z.infer<typeof TrackedEvent>;
export type FeedbackEvent = Extract<TrackedEvent, { type: 'feedback' }>;

export interface EventLog {
  record(event: TrackedEvent): Promise<void>;
  readAll(): Promise<TrackedEvent[]>;
}

/** The longest comment kept: enough to act on, not a life story. */
export const MAX_COMMENT = 500;

/** Redacts again here even if the caller did: the log must never hold personal data. */
export function cleanEvent(event: TrackedEvent): TrackedEvent {
  const parsed = TrackedEvent.parse(event);
  if (parsed.type !== 'feedback' || parsed.comment === undefined) return parsed;
  const comment = redactPersonalData(parsed.comment).trim().slice(0, MAX_COMMENT);
  const { comment: _dropped, ...rest } = parsed;
  return comment ? { ...rest, comment } : rest;
}

function parseLines(text: string): TrackedEvent[] {
  const events: TrackedEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = TrackedEvent.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
    } catch {
      // A line cut short by a crash is skipped; the rest of the log is still good.
    }
  }
  return events;
}

export class JsonlEventLog implements EventLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Appends and rewrites are chained, so concurrent turns never interleave and a sweep never loses a line. */
  private chain<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  record(event: TrackedEvent): Promise<void> {
    const line = `${JSON.stringify(cleanEvent(event))}\n`;
    return this.chain(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, line, 'utf8');
    });
  }

  private async readText(): Promise<string> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    }
  }

  readAll(): Promise<TrackedEvent[]> {
    return this.chain(async () => parseLines(await this.readText()));
  }

  /**
   * Rewrites the log with `keep` applied to every event (return null to drop one). Written to a new file
   * and renamed over the old, so a crash mid-sweep leaves the old log whole.
   */
  rewrite(keep: (event: TrackedEvent) => TrackedEvent | null): Promise<{ changed: number }> {
    return this.chain(async () => {
      const text = await this.readText();
      if (!text) return { changed: 0 };
      const before = parseLines(text);
      const after: TrackedEvent[] = [];
      let changed = 0;
      for (const event of before) {
        const kept = keep(event);
        if (kept !== event) changed += 1;
        if (kept) after.push(kept);
      }
      if (changed === 0) return { changed };
      const tmp = `${this.path}.sweep`;
      await writeFile(tmp, after.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
      await rename(tmp, this.path);
      return { changed };
    });
  }
}

export class MemoryEventLog implements EventLog {
  readonly events: TrackedEvent[] = [];

  async record(event: TrackedEvent): Promise<void> {
    this.events.push(cleanEvent(event));
  }

  async readAll(): Promise<TrackedEvent[]> {
    return [...this.events];
  }
}
