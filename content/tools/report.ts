/**
 * npm run content:report [-- --from 2026-11-01] [--to 2026-11-30] [--out report.md] [--html report.html]
 *   [--events data/events.jsonl] [--gaps data/gaps.jsonl] [--you-said file.yaml]
 * The editors' report: the pathway funnel, whether answers helped and why not, unanswered questions,
 * requests for a person by hour against the helpline's hours, and "you said, we did". The range is the
 * last 30 days unless given.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JsonlEventLog } from '../../bot/feedback/events.js';
import { JsonlGapLog } from '../gaps/gap-log.js';
import { buildReport, renderHtml, renderMarkdown } from '../reports/editors-report.js';
import { loadYouSaid, YOU_SAID_FILE } from '../reports/you-said.js';
import { formatProblem, loadContent } from '../store.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      html: { type: 'string' },
      events: { type: 'string' },
      gaps: { type: 'string' },
      'you-said': { type: 'string' },
      council: { type: 'string' },
    },
  });
  const dataDir = process.env.DATA_DIR ?? './data';
  const to = values.to ?? new Date().toISOString().slice(0, 10);
  const from = values.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  if (!DAY.test(from) || !DAY.test(to) || from > to) {
    console.error('--from and --to must be dates written YYYY-MM-DD, with --from on or before --to');
    return 2;
  }
  const content = loadContent({ councilFile: values.council ?? process.env.COUNCIL_PROFILE });
  const youSaid = loadYouSaid(values['you-said'] ?? YOU_SAID_FILE, new Set(content.topics.keys()));
  for (const p of youSaid.problems) console.error(formatProblem(p));
  const report = buildReport({
    events: await new JsonlEventLog(values.events ?? process.env.EVENTS_FILE ?? join(dataDir, 'events.jsonl')).readAll(),
    gaps: await new JsonlGapLog(values.gaps ?? process.env.GAPS_FILE ?? join(dataDir, 'gaps.jsonl')).readAll(),
    council: content.council,
    titles: new Map([...content.topics.values()].map((t) => [t.id, t.title])),
    youSaid: youSaid.rows,
    from,
    to,
  });
  const markdown = renderMarkdown(report);
  if (values.out) writeFileSync(values.out, markdown);
  else process.stdout.write(markdown);
  if (values.html) writeFileSync(values.html, renderHtml(report, content.council.colours));
  if (values.out || values.html) console.log(`Report for ${from} to ${to} written to ${[values.out, values.html].filter(Boolean).join(' and ')}.`);
  return youSaid.problems.length ? 1 : 0;
}

process.exitCode = await main();
