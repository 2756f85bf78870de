/**
 * The editors' report over a date range (npm run content:report): the pathway funnel, whether answers
 * helped and why not, unanswered questions, requests for a person by hour against the helpline's hours,
 * and the "you said, we did" table. Counts from 1 to 4 are shown as "fewer than 5", so no small group of
 * people can be picked out.
 */
import type { TrackedEvent } from '../../bot/feedback/events.js';
import { FEEDBACK_REASONS, type FeedbackReason } from '../../bot/feedback/events.js';
import type { GapEntry } from '../gaps/gap-log.js';
import { groupGaps, NO_TOPIC, type GapGroup } from '../gaps/report.js';
import type { CouncilProfile } from '../schema.js';
import { isEnglishBankHoliday } from '../bank-holidays.js';
import { zonedTime } from '../zoned-time.js';
import type { YouSaidRow } from './you-said.js';

export const SMALL = 5;

/** 0 stays 0; 1 to 4 become "fewer than 5". */
export function shown(n: number): string {
  return n > 0 && n < SMALL ? `fewer than ${SMALL}` : String(n);
}

/** A share, only when neither side is a small number that the percentage would give away. */
function share(part: number, total: number): string {
  const other = total - part;
  if (total < SMALL || (part > 0 && part < SMALL) || (other > 0 && other < SMALL)) return '-';
  return `${Math.round((part / total) * 100)}%`;
}

export const REASON_WORDS: Record<FeedbackReason, string> = {
  'not-my-question': 'did not answer my question',
  'out-of-date': 'out of date',
  'hard-to-understand': 'hard to understand',
  'not-my-area': 'not right for my area',
};

export interface FunnelRow {
  step: string;
  reached: number;
  wentOn: number;
  finished: number;
  handoffs: number;
  left: number;
}

export interface TopicFeedback {
  topicId: string;
  title: string;
  helpful: number;
  notHelpful: number;
  reasons: Record<FeedbackReason, number>;
  comments: string[];
}

export interface HourRow {
  hour: number;
  open: number;
  closed: number;
}

export interface EditorsReport {
  council: string;
  from: string;
  to: string;
  totals: { engaged: number; resolved: number; handoffs: number; abandoned: number; feedback: number };
  funnel: { pathway: string; rows: FunnelRow[] }[];
  topics: TopicFeedback[];
  gaps: (GapGroup & { title: string })[];
  hours: HourRow[];
  openingSummary: string;
  youSaid: YouSaidRow[];
}

export interface ReportInput {
  events: readonly TrackedEvent[];
  gaps: readonly GapEntry[];
  council: CouncilProfile;
  titles: ReadonlyMap<string, string>;
  youSaid: readonly YouSaidRow[];
  /** Inclusive days, YYYY-MM-DD. */
  from: string;
  to: string;
  timeZone?: string;
}

/** The local day, weekday and time of an instant, in the council's time zone. */
function localParts(iso: string, timeZone: string): { day: string; weekday: string; hour: number; minutes: number } {
  const { isoDay, weekday, hour, minutes } = zonedTime(new Date(iso), timeZone);
  return { day: isoDay, weekday, hour, minutes };
}

/** Whether the helpline was open at that moment: its days and hours, less bank holidays. */
export function helplineOpen(iso: string, council: CouncilProfile, timeZone = 'Europe/London'): boolean {
  const t = localParts(iso, timeZone);
  const hours = council.helpline.openingHours;
  if (hours.closedOn.includes(t.day) || isEnglishBankHoliday(new Date(iso))) return false;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return hours.days.some((d) => d.day === t.weekday && t.minutes >= toMinutes(d.opens) && t.minutes < toMinutes(d.closes));
}

export function buildReport(input: ReportInput): EditorsReport {
  const timeZone = input.timeZone ?? 'Europe/London';
  const inRange = (at: string) => {
    const day = localParts(at, timeZone).day;
    return day >= input.from && day <= input.to;
  };
  const events = input.events.filter((e) => inRange(e.at));

  const pathways = new Map<string, Map<string, FunnelRow>>();
  const row = (pathway: string, step: string) => {
    const steps = pathways.get(pathway) ?? new Map<string, FunnelRow>();
    pathways.set(pathway, steps);
    const found = steps.get(step) ?? { step, reached: 0, wentOn: 0, finished: 0, handoffs: 0, left: 0 };
    steps.set(step, found);
    return found;
  };
  const topics = new Map<string, TopicFeedback>();
  const hours: HourRow[] = Array.from({ length: 24 }, (_, hour) => ({ hour, open: 0, closed: 0 }));
  const totals = { engaged: 0, resolved: 0, handoffs: 0, abandoned: 0, feedback: 0 };

  for (const e of events) {
    switch (e.type) {
      case 'engaged':
        totals.engaged += 1;
        break;
      case 'step':
        row(e.pathway, e.step).reached += 1;
        if (e.from) row(e.pathway, e.from).wentOn += 1;
        break;
      case 'resolved':
        totals.resolved += 1;
        row(e.pathway, e.step).finished += 1;
        break;
      case 'handoff': {
        totals.handoffs += 1;
        if (e.pathway !== 'intake') row(e.pathway, e.step).handoffs += 1;
        const h = hours[localParts(e.at, timeZone).hour]!;
        if (helplineOpen(e.at, input.council, timeZone)) h.open += 1;
        else h.closed += 1;
        break;
      }
      case 'feedback': {
        totals.feedback += 1;
        const t = topics.get(e.topicId) ?? {
          topicId: e.topicId,
          title: input.titles.get(e.topicId) ?? e.topicId,
          helpful: 0,
          notHelpful: 0,
          reasons: Object.fromEntries(FEEDBACK_REASONS.map((r) => [r, 0])) as Record<FeedbackReason, number>,
          comments: [],
        };
        if (e.helpful) t.helpful += 1;
        else t.notHelpful += 1;
        if (e.reason) t.reasons[e.reason] += 1;
        if (e.comment) t.comments.push(e.comment);
        topics.set(e.topicId, t);
        break;
      }
    }
  }

  const funnel = [...pathways].map(([pathway, steps]) => {
    const rows = [...steps.values()].map((r) => ({ ...r, left: Math.max(0, r.reached - r.wentOn - r.finished - r.handoffs) }));
    rows.sort((a, b) => b.reached - a.reached || a.step.localeCompare(b.step));
    return { pathway, rows };
  });
  funnel.sort((a, b) => (b.rows[0]?.reached ?? 0) - (a.rows[0]?.reached ?? 0));
  totals.abandoned = funnel.reduce((n, p) => n + p.rows.reduce((m, r) => m + r.left, 0), 0);

  const gaps = groupGaps(
    input.gaps.filter((g) => inRange(g.at)),
    { examples: 3 },
  ).map((g) => ({ ...g, title: g.topic === NO_TOPIC ? 'No likely topic: content may be missing' : (input.titles.get(g.topic) ?? g.topic) }));
  const youSaid = input.youSaid.filter((r) => r.date >= input.from && r.date <= input.to).sort((a, b) => b.date.localeCompare(a.date));
  return {
    council: input.council.name,
    from: input.from,
    to: input.to,
    totals,
    funnel,
    topics: [...topics.values()].sort((a, b) => b.notHelpful - a.notHelpful || b.helpful - a.helpful || a.title.localeCompare(b.title)),
    gaps,
    hours,
    openingSummary: input.council.helpline.openingHours.summary,
    youSaid,
  };
}

const STEP_NAMES = (step: string) => step.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase();

function reasonsLine(t: TopicFeedback): string {
  return FEEDBACK_REASONS.filter((r) => t.reasons[r] > 0)
    .map((r) => `${REASON_WORDS[r]}: ${shown(t.reasons[r])}`)
    .join('; ');
}

/** Comments are shown only for topics with at least 5 "not helpful" answers, and at most 3 of them. */
function commentsShown(t: TopicFeedback): string[] {
  return t.notHelpful >= SMALL ? t.comments.slice(-3) : [];
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: EditorsReport): string {
  const out: string[] = [
    `# Local Offer assistant: what people did and said`,
    '',
    `${r.council}, ${r.from} to ${r.to}. Counts from 1 to 4 are shown as "fewer than 5".`,
    '',
    '## Conversations',
    '',
    '| Engaged | Reached the end of a pathway | Asked for a person | Left part way through a pathway | Said whether an answer helped |',
    '|---|---|---|---|---|',
    `| ${shown(r.totals.engaged)} | ${shown(r.totals.resolved)} | ${shown(r.totals.handoffs)} | ${shown(r.totals.abandoned)} | ${shown(r.totals.feedback)} |`,
    '',
    '## Pathway funnel',
    '',
    'For each step: how many times people reached it, went on to another step, reached the end of the pathway there, asked for a person there, or left there.',
  ];
  for (const p of r.funnel) {
    out.push('', `### ${p.pathway}`, '', '| Step | Reached | Went on | Ended here | Asked for a person | Left here |', '|---|---|---|---|---|---|');
    for (const row of p.rows)
      out.push(
        `| ${STEP_NAMES(row.step)} | ${shown(row.reached)} | ${shown(row.wentOn)} | ${shown(row.finished)} | ${shown(row.handoffs)} | ${shown(row.left)} |`,
      );
  }
  out.push('', '## Did the answer help?', '');
  if (r.topics.length === 0) out.push('No feedback in this period.');
  else {
    out.push('| Topic | Helped | Did not help | Share that helped | Why not |', '|---|---|---|---|---|');
    for (const t of r.topics)
      out.push(
        `| ${md(t.title)} | ${shown(t.helpful)} | ${shown(t.notHelpful)} | ${share(t.helpful, t.helpful + t.notHelpful)} | ${md(reasonsLine(t)) || '-'} |`,
      );
    const withComments = r.topics.filter((t) => commentsShown(t).length);
    if (withComments.length) {
      out.push('', 'What people said (personal details removed):', '');
      for (const t of withComments) for (const c of commentsShown(t)) out.push(`- ${md(t.title)}: "${md(c)}"`);
    }
  }
  out.push('', '## Questions the assistant could not answer', '');
  if (r.gaps.length === 0) out.push('None in this period.');
  else {
    out.push('| Nearest topic | Times asked | For example |', '|---|---|---|');
    for (const g of r.gaps) out.push(`| ${md(g.title)} | ${shown(g.count)} | ${g.count >= SMALL ? g.examples.map((e) => `"${md(e)}"`).join('<br>') : '-'} |`);
  }
  out.push(
    '',
    '## Asked for a person, by hour',
    '',
    `Helpline hours: ${r.openingSummary}.`,
    '',
    '| Hour | While the helpline was open | While it was closed |',
    '|---|---|---|',
  );
  for (const h of r.hours) if (h.open || h.closed) out.push(`| ${String(h.hour).padStart(2, '0')}:00 | ${shown(h.open)} | ${shown(h.closed)} |`);
  out.push('', '## You said, we did', '');
  if (r.youSaid.length === 0) out.push('Nothing recorded in this period. Add rows to content/data/feedback/you-said-we-did.yaml.');
  else {
    out.push('| Date | You said | We did |', '|---|---|---|');
    for (const y of r.youSaid) out.push(`| ${y.date} | ${md(y.youSaid)} | ${md(y.weDid)} |`);
  }
  return `${out.join('\n')}\n`;
}

const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function table(caption: string, head: string[], rows: string[][]): string {
  return [
    `<table><caption>${html(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${html(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((cells) => `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`),
    '</tbody></table>',
  ].join('');
}

/** A bar for the eye beside the number; the number is what counts, so the bar is hidden from screen readers. */
function bar(n: number, max: number, colour: string): string {
  // No bar for a small count: its length would give away what "fewer than 5" hides.
  const width = max > 0 && n >= SMALL ? Math.round((n / max) * 100) : 0;
  return `<span class="bar" aria-hidden="true"><span style="width:${width}%;background:${colour}"></span></span>`;
}

export function renderHtml(r: EditorsReport, colours = { primary: '#4b2a7b' }): string {
  const maxHour = Math.max(1, ...r.hours.map((h) => h.open + h.closed));
  const parts = [
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Local Offer assistant report: ${html(r.from)} to ${html(r.to)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:72rem;margin:1rem auto;padding:0 1rem;color:#0b0c0c}' +
      `h1,h2{color:${colours.primary}}table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}caption{text-align:left;font-weight:bold;padding:.3rem 0}` +
      'th,td{border:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top}thead th{background:#f3f2f1}' +
      '.totals{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}.totals li{border-left:.4rem solid ' +
      `${colours.primary};padding:.3rem .8rem;background:#f3f2f1;min-width:10rem}.totals strong{display:block;font-size:1.6rem}` +
      '.bar{display:inline-block;width:8rem;height:.8rem;background:#f3f2f1;margin-left:.5rem;vertical-align:middle}.bar span{display:block;height:100%}' +
      '.note{color:#505a5f}</style></head><body>',
    '<h1>Local Offer assistant: what people did and said</h1>',
    `<p>${html(r.council)}, ${html(r.from)} to ${html(r.to)}. <span class="note">Counts from 1 to 4 are shown as "fewer than 5".</span></p>`,
    '<h2>Conversations</h2><ul class="totals">',
    ...[
      ['Engaged', r.totals.engaged],
      ['Reached the end of a pathway', r.totals.resolved],
      ['Asked for a person', r.totals.handoffs],
      ['Left part way through', r.totals.abandoned],
      ['Said whether an answer helped', r.totals.feedback],
    ].map(([label, n]) => `<li><strong>${html(shown(n as number))}</strong>${html(label as string)}</li>`),
    '</ul>',
    '<h2>Pathway funnel</h2><p class="note">For each step: how many times people reached it, went on, reached the end of the pathway there, asked for a person there, or left there.</p>',
  ];
  for (const p of r.funnel) {
    const max = Math.max(1, ...p.rows.map((x) => x.reached));
    parts.push(
      table(
        p.pathway,
        ['Step', 'Reached', 'Went on', 'Ended here', 'Asked for a person', 'Left here'],
        p.rows.map((x) => [
          html(STEP_NAMES(x.step)),
          `${html(shown(x.reached))}${bar(x.reached, max, colours.primary)}`,
          html(shown(x.wentOn)),
          html(shown(x.finished)),
          html(shown(x.handoffs)),
          `${html(shown(x.left))}${bar(x.left, max, '#d4351c')}`,
        ]),
      ),
    );
  }
  parts.push('<h2>Did the answer help?</h2>');
  if (r.topics.length === 0) parts.push('<p>No feedback in this period.</p>');
  else {
    parts.push(
      table(
        'By topic, most "did not help" first',
        ['Topic', 'Helped', 'Did not help', 'Share that helped', 'Why not'],
        r.topics.map((t) => [
          html(t.title),
          html(shown(t.helpful)),
          html(shown(t.notHelpful)),
          share(t.helpful, t.helpful + t.notHelpful),
          html(reasonsLine(t) || '-'),
        ]),
      ),
    );
    const comments = r.topics.flatMap((t) => commentsShown(t).map((c) => `<li><strong>${html(t.title)}</strong>: "${html(c)}"</li>`));
    if (comments.length) parts.push('<h3>What people said (personal details removed)</h3><ul>', ...comments, '</ul>');
  }
  parts.push('<h2>Questions the assistant could not answer</h2>');
  if (r.gaps.length === 0) parts.push('<p>None in this period.</p>');
  else
    parts.push(
      table(
        'Grouped by the nearest topic',
        ['Nearest topic', 'Times asked', 'For example'],
        r.gaps.map((g) => [
          html(g.title),
          html(shown(g.count)),
          g.count >= SMALL ? `<ul>${g.examples.map((e) => `<li>"${html(e)}"</li>`).join('')}</ul>` : '-',
        ]),
      ),
    );
  parts.push(
    `<h2>Asked for a person, by hour</h2><p>Helpline hours: ${html(r.openingSummary)}.</p>`,
    table(
      'Requests by hour of the day',
      ['Hour', 'While the helpline was open', 'While it was closed'],
      r.hours
        .filter((h) => h.open || h.closed)
        .map((h) => [
          `${String(h.hour).padStart(2, '0')}:00`,
          `${html(shown(h.open))}${bar(h.open, maxHour, colours.primary)}`,
          `${html(shown(h.closed))}${bar(h.closed, maxHour, '#d4351c')}`,
        ]),
    ),
    '<h2>You said, we did</h2>',
  );
  if (r.youSaid.length === 0) parts.push('<p>Nothing recorded in this period. Add rows to content/data/feedback/you-said-we-did.yaml.</p>');
  else
    parts.push(
      table(
        'What people told us and what we changed',
        ['Date', 'You said', 'We did'],
        r.youSaid.map((y) => [html(y.date), html(y.youSaid), html(y.weDid)]),
      ),
    );
  parts.push('</body></html>');
  return parts.join('\n');
}
