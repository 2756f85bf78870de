/**
 * Retention: feedback comments and unanswered questions are kept for a set number of days
 * (FEEDBACK_RETENTION_DAYS, 90 by default) and then deleted. The counts in the event log carry no text
 * and stay, so reports over older months still add up.
 */
import { sweepGapLog, type JsonlGapLog } from '../../content/gaps/gap-log.js';
import type { JsonlEventLog } from './events.js';

export interface RetentionResult {
  commentsDeleted: number;
  gapsDeleted: number;
}

export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

export async function sweepRetention(opts: { events: JsonlEventLog; gaps: JsonlGapLog; days: number; now: Date }): Promise<RetentionResult> {
  const cutoff = retentionCutoff(opts.now, opts.days);
  const { changed } = await opts.events.rewrite((event) => {
    if (event.type !== 'feedback' || event.comment === undefined || event.at >= cutoff) return event;
    const { comment: _old, ...rest } = event;
    return rest;
  });
  const { deleted } = await sweepGapLog(opts.gaps, cutoff);
  return { commentsDeleted: changed, gapsDeleted: deleted };
}

/** Sweeps at start and then once a day, off the request path. Returns a function that stops it. */
export function scheduleRetention(
  opts: { events: JsonlEventLog; gaps: JsonlGapLog; days: number; now?: () => Date },
  logger: { info(fields: object): void; warn(fields: object): void },
): () => void {
  const run = () =>
    sweepRetention({ ...opts, now: opts.now?.() ?? new Date() })
      .then((r) => logger.info({ event: 'retention-sweep', ...r }))
      .catch((err: Error) => logger.warn({ event: 'retention-sweep-failed', error: err.name }));
  void run();
  const timer = setInterval(() => void run(), 86_400_000);
  timer.unref();
  return () => clearInterval(timer);
}
