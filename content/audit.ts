/**
 * The content coverage audit: does the content say what a Local Offer must say?
 *
 * Rules are data (content/data/audit/*.yaml), so a council can add its own lines. Each line has
 * requirements; each requirement names its evidence: coverage tags on topics, terms that must all appear
 * in one of those topics, and council profile details that must be filled in. A tag alone is only a
 * claim: the topic must also say the words, or the line scores Partial.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Id, type ContentProblem, type Topic } from './schema.js';
import { CONTENT_ROOT, recordIdOf, type ContentStore } from './store.js';

export const AUDIT_DIR = join(CONTENT_ROOT, 'audit');

const Text = z.string().trim().min(1, 'must not be empty');

export const Evidence = z
  .object({
    /** The topic must carry at least one of these tags. */
    tags: z.array(Id).min(1).optional(),
    /** Every term must appear in the same topic's words. "a|b" means either a or b. */
    terms: z.array(Text).min(1).optional(),
    /** Council profile details that must be filled in, e.g. "links.accessibilityStrategy". */
    council: z
      .array(z.string().regex(/^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*$/, 'must be a profile path such as links.complaints'))
      .min(1)
      .optional(),
  })
  .refine((e) => e.tags || e.terms || e.council, 'needs at least one of tags, terms or council');

export const Requirement = z.object({ id: Id, text: Text, evidence: Evidence });

export const AuditLine = z.object({
  id: Id,
  /** What the line is measured against, e.g. "SEND Code of Practice 4.30". */
  yardstick: Text,
  section: Text,
  aspect: Text,
  /** A paragraph reference, where the yardstick gives one. */
  ref: Text.optional(),
  requirements: z.array(Requirement).min(1),
});

export type AuditLine = z.infer<typeof AuditLine> & { file: string };
export type Requirement = z.infer<typeof Requirement>;
export type Score = 'Yes' | 'Partial' | 'No';

export interface RequirementResult {
  id: string;
  text: string;
  met: boolean;
  /** Something points at this requirement (a tagged topic, some of the terms, some council details). */
  someEvidence: boolean;
  /** Topics that meet it, or when none do, the closest ones. */
  topics: string[];
  missing: string[];
}

export interface LineResult {
  id: string;
  file: string;
  yardstick: string;
  section: string;
  aspect: string;
  ref?: string;
  score: Score;
  requirements: RequirementResult[];
}

export interface AuditReport {
  council: string;
  date: string;
  lines: LineResult[];
  counts: Record<Score, number>;
  problems: ContentProblem[];
}

export function loadAuditRules(dir: string = AUDIT_DIR): { lines: AuditLine[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const lines: AuditLine[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    problems.push({ severity: 'error', file: dir, id: '-', field: '-', message: 'the audit rules folder cannot be read' });
  }
  const seen = new Map<string, string>();
  for (const name of names) {
    const full = join(dir, name);
    const file = relative(join(dir, '..'), full);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(full, 'utf8'));
    } catch (err) {
      problems.push({ severity: 'error', file, id: '-', field: '-', message: `cannot be read: ${(err as Error).message}` });
      continue;
    }
    if (!Array.isArray(data)) {
      problems.push({ severity: 'error', file, id: '-', field: '-', message: 'must be a list of audit lines (each starting with "- id:")' });
      continue;
    }
    const records: unknown[] = data;
    records.forEach((raw, index) => {
      const id = recordIdOf(raw, index);
      const parsed = AuditLine.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.push({ severity: 'error', file, id, field: issue.path.join('.') || '-', message: issue.message });
        return;
      }
      if (seen.has(id)) {
        problems.push({ severity: 'error', file, id, field: 'id', message: `is used twice (also in ${seen.get(id)})` });
        return;
      }
      const reqIds = parsed.data.requirements.map((r) => r.id);
      const dup = reqIds.find((r, i) => reqIds.indexOf(r) !== i);
      if (dup) {
        problems.push({ severity: 'error', file, id, field: 'requirements', message: `requirement id "${dup}" is used twice` });
        return;
      }
      seen.set(id, file);
      lines.push({ ...parsed.data, file });
    });
  }
  return { lines, problems };
}

/** Words only, lower case, one space apart, so "Assess, plan, do, review" matches "assess plan do review". */
const normalise = (s: string) =>
  ` ${s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** Everything the topic says to anyone: the words, not the search synonyms. */
function topicText(topic: Topic): string {
  const variants = Object.values(topic.variants).flatMap((w) => (w ? [w.summary ?? '', w.body ?? '', ...(w.nextSteps ?? [])] : []));
  return normalise([topic.title, topic.summary, topic.body, ...topic.nextSteps, ...variants].join('\n'));
}

/** A term matches at the start of a word and may run on ("apprenticeship" finds "apprenticeships"). */
function says(text: string, term: string): boolean {
  return term.split('|').some((alt) => {
    const wanted = normalise(alt).trimEnd();
    return wanted.trim() !== '' && text.includes(wanted);
  });
}

function councilValue(store: ContentStore, path: string): unknown {
  return path.split('.').reduce<unknown>((obj, key) => (obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined), store.council);
}

const quoteTerm = (term: string) =>
  term
    .split('|')
    .map((alt) => `"${alt}"`)
    .join(' or ');

function scoreRequirement(req: Requirement, topics: { topic: Topic; text: string }[], store: ContentStore): RequirementResult {
  const { tags, terms, council } = req.evidence;
  const missing: string[] = [];
  const candidates = tags ? topics.filter((t) => t.topic.tags.some((tag) => tags.includes(tag))) : topics;

  let contentMet = true;
  let contentEvidence = false;
  let shown: string[] = [];
  if (tags || terms) {
    const meeting = terms ? candidates.filter((t) => terms.every((term) => says(t.text, term))) : candidates;
    contentMet = meeting.length > 0;
    if (contentMet) {
      contentEvidence = true;
      shown = meeting.map((t) => t.topic.id);
    } else if (tags && candidates.length === 0) {
      missing.push(`no topic is tagged ${tags.join(' or ')}`);
    } else if (terms) {
      // Report against the closest topics, so editors know which one to add the words to.
      const ranked = candidates
        .map((t) => ({ id: t.topic.id, lacking: terms.filter((term) => !says(t.text, term)) }))
        .sort((a, b) => a.lacking.length - b.lacking.length);
      const best = ranked[0];
      const closest = best ? ranked.filter((r) => r.lacking.length === best.lacking.length).map((r) => r.id) : [];
      const named = closest.slice(0, 4).join(', ') + (closest.length > 4 ? ` and ${closest.length - 4} more` : '');
      if (tags && best) {
        contentEvidence = true;
        shown = closest;
        missing.push(`the topics tagged ${tags.join(' or ')} do not say ${best.lacking.map(quoteTerm).join(', ')} (closest: ${named})`);
      } else if (best && best.lacking.length < terms.length) {
        contentEvidence = true;
        shown = closest;
        missing.push(`no one topic says all the words: the closest (${named}) do not say ${best.lacking.map(quoteTerm).join(', ')}`);
      } else {
        missing.push(`no topic says ${terms.map(quoteTerm).join(', ')}`);
      }
    }
  }

  const unset = (council ?? []).filter((path) => {
    const value = councilValue(store, path);
    return !(typeof value === 'string' ? value.trim() : typeof value === 'number');
  });
  for (const path of unset) missing.push(`the council profile has no ${path}`);
  // Council details alone are not content: they count as evidence only for a council-only requirement.
  const councilEvidence = !tags && !terms && Boolean(council && unset.length < council.length);

  const met = contentMet && unset.length === 0;
  return { id: req.id, text: req.text, met, someEvidence: met || contentEvidence || councilEvidence, topics: shown, missing };
}

export function auditContent(store: ContentStore, lines: AuditLine[], opts: { today?: Date; problems?: ContentProblem[] } = {}): AuditReport {
  const topics = [...store.topics.values()].map((topic) => ({ topic, text: topicText(topic) }));
  const results: LineResult[] = lines.map((line) => {
    const requirements = line.requirements.map((req) => scoreRequirement(req, topics, store));
    const score: Score = requirements.every((r) => r.met) ? 'Yes' : requirements.some((r) => r.someEvidence) ? 'Partial' : 'No';
    return {
      id: line.id,
      file: line.file,
      yardstick: line.yardstick,
      section: line.section,
      aspect: line.aspect,
      ...(line.ref ? { ref: line.ref } : {}),
      score,
      requirements,
    };
  });
  const counts: Record<Score, number> = { Yes: 0, Partial: 0, No: 0 };
  for (const r of results) counts[r.score] += 1;
  return { council: store.council.name, date: (opts.today ?? new Date()).toISOString().slice(0, 10), lines: results, counts, problems: opts.problems ?? [] };
}

function groups(report: AuditReport): [string, [string, LineResult[]][]][] {
  const byYardstick = new Map<string, Map<string, LineResult[]>>();
  for (const line of report.lines) {
    const sections = byYardstick.get(line.yardstick) ?? new Map<string, LineResult[]>();
    sections.set(line.section, [...(sections.get(line.section) ?? []), line]);
    byYardstick.set(line.yardstick, sections);
  }
  return [...byYardstick].map(([y, sections]) => [y, [...sections]]);
}

const lineEvidence = (line: LineResult) => [...new Set(line.requirements.filter((r) => r.met).flatMap((r) => r.topics))];

function summaryLine(report: AuditReport): string {
  return `${report.lines.length} lines: ${report.counts.Yes} Yes, ${report.counts.Partial} Partial, ${report.counts.No} No.`;
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: AuditReport): string {
  const out: string[] = [
    '# Local Offer content audit',
    '',
    `${report.council}, ${report.date}. ${summaryLine(report)}`,
    '',
    'Yes: every requirement is met by a topic that carries the coverage tag and says the words. ' +
      'Partial: some evidence, but not all of it. No: nothing in the content covers this line.',
  ];
  if (report.problems.length) {
    out.push('', '## Problems with the audit rules', '');
    for (const p of report.problems) out.push(`- ${md(p.file)} [${md(p.id)}] ${md(p.field)}: ${md(p.message)}`);
  }
  for (const [yardstick, sections] of groups(report)) {
    out.push('', `## ${yardstick}`);
    for (const [section, lines] of sections) {
      out.push('', `### ${section}`, '', '| Line | Aspect | Score | Evidence |', '|---|---|---|---|');
      for (const line of lines) {
        out.push(`| ${line.id}${line.ref ? ` (${line.ref})` : ''} | ${md(line.aspect)} | **${line.score}** | ${md(lineEvidence(line).join(', ') || '-')} |`);
      }
    }
  }
  const notYes = report.lines.filter((l) => l.score !== 'Yes');
  out.push('', '## What is missing', '');
  if (notYes.length === 0) out.push('Nothing: every line scores Yes.');
  for (const line of notYes) {
    out.push(`### ${line.id}: ${line.score}`, '', md(line.aspect), '');
    for (const req of line.requirements) {
      out.push(`- ${req.met ? 'Met' : 'Not met'}: ${md(req.text)}${req.met ? ` (${req.topics.join(', ')})` : ''}`);
      for (const m of req.missing) out.push(`  - ${md(m)}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderHtml(report: AuditReport): string {
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Local Offer content audit: ${html(report.council)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#0b0c0c}' +
      'table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #505a5f;padding:.4rem;text-align:left;vertical-align:top}' +
      '.Yes{background:#cce2d8}.Partial{background:#fff7bf}.No{background:#f4cdc6}</style></head>',
    '<body>',
    '<h1>Local Offer content audit</h1>',
    `<p>${html(report.council)}, ${html(report.date)}. ${html(summaryLine(report))}</p>`,
    '<p>Yes: every requirement is met by a topic that carries the coverage tag and says the words. Partial: some evidence, but not all of it. No: nothing in the content covers this line.</p>',
  ];
  for (const [yardstick, sections] of groups(report)) {
    parts.push(`<h2>${html(yardstick)}</h2>`);
    for (const [section, lines] of sections) {
      parts.push(
        `<table><caption><h3>${html(section)}</h3></caption>`,
        '<thead><tr><th scope="col">Line</th><th scope="col">Aspect</th><th scope="col">Score</th><th scope="col">Evidence and what is missing</th></tr></thead><tbody>',
      );
      for (const line of lines) {
        const details = line.requirements
          .map(
            (r) =>
              `<li>${r.met ? 'Met' : 'Not met'}: ${html(r.text)}${r.met ? ` (${html(r.topics.join(', '))})` : ''}${r.missing.length ? `<ul>${r.missing.map((m) => `<li>${html(m)}</li>`).join('')}</ul>` : ''}</li>`,
          )
          .join('');
        parts.push(
          `<tr><td>${html(line.id)}${line.ref ? ` (${html(line.ref)})` : ''}</td><td>${html(line.aspect)}</td><td class="${line.score}"><strong>${line.score}</strong></td><td><ul>${details}</ul></td></tr>`,
        );
      }
      parts.push('</tbody></table>');
    }
  }
  parts.push('</body>', '</html>');
  return `${parts.join('\n')}\n`;
}
