/**
 * Questions the assistant could not answer with confidence, kept so editors can see what content is
 * missing (npm run content:gaps). Only the redacted question, the channel, the time and the closest
 * topics are kept: never who asked.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactPersonalData } from './redact.js';

export interface GapEntry {
  at: string;
  channel: string;
  question: string;
  closest: { topic: string; score: number }[];
}

export interface GapLog {
  record(entry: GapEntry): Promise<void>;
  readAll(): Promise<GapEntry[]>;
}

/** The longest question kept: enough to see what was asked, not a whole life story. */
const MAX_QUESTION = 500;

/** Redacts again here even if the caller already did: the log must never hold personal data. */
function clean(entry: GapEntry): GapEntry {
  return {
    at: entry.at,
    channel: entry.channel,
    question: redactPersonalData(entry.question).slice(0, MAX_QUESTION),
    closest: entry.closest.map((c) => ({ topic: c.topic, score: Math.round(c.score * 1000) / 1000 })),
  };
}

function isGapEntry(value: unknown): value is GapEntry {
  const v = value as GapEntry;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.at === 'string' &&
    typeof v.channel === 'string' &&
    typeof v.question === 'string' &&
    Array.isArray(v.closest)
  );
}

/** One JSON object per line, appended: cheap to write, and a half-written last line loses one entry only. */
export class JsonlGapLog implements GapLog {
  private queue: Promise<void> = Promise.resolve();
  private dirReady: Promise<unknown> | undefined;

  constructor(readonly path: string) {}

  record(entry: GapEntry): Promise<void> {
    const line = `${JSON.stringify(clean(entry))}\n`;
    // Appends are chained so concurrent turns never interleave their lines.
    const next = this.queue.then(async () => {
      this.dirReady ??= mkdir(dirname(this.path), { recursive: true }).catch((err: unknown) => {
        this.dirReady = undefined;
        throw err;
      });
      await this.dirReady;
      await appendFile(this.path, line, 'utf8');
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Replaces the whole log, in the same queue as appends so no new line is lost. */
  replaceAll(entries: GapEntry[]): Promise<void> {
    const next = this.queue.then(async () => {
      const tmp = `${this.path}.sweep`;
      await writeFile(tmp, entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
      await rename(tmp, this.path);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async readAll(): Promise<GapEntry[]> {
    await this.queue;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const entries: GapEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isGapEntry(parsed)) entries.push(parsed);
      } catch {
        // A line cut short by a crash is skipped; the rest of the log is still good.
      }
    }
    return entries;
  }
}

/**
 * Deletes entries recorded before `cutoff` (an ISO time), for the retention period. The kept entries are
 * written to a new file renamed over the old, so a crash mid-sweep leaves the old log whole.
 */
export async function sweepGapLog(log: JsonlGapLog, cutoff: string): Promise<{ deleted: number }> {
  const entries = await log.readAll();
  const kept = entries.filter((e) => e.at >= cutoff);
  const deleted = entries.length - kept.length;
  if (deleted === 0) return { deleted };
  await log.replaceAll(kept);
  return { deleted };
}

export class MemoryGapLog implements GapLog {
  readonly entries: GapEntry[] = [];

  async record(entry: GapEntry): Promise<void> {
    this.entries.push(clean(entry));
  }

  async readAll(): Promise<GapEntry[]> {
    return [...this.entries];
  }
}
