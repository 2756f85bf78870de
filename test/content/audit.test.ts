/**
 * The coverage audit. The rules cover every Code 4.30 bullet and every rubric line; a tag alone never
 * scores Yes; and the shipped content must score Yes on every line.
 */
import { join } from 'node:path';
import { auditContent, loadAuditRules, renderHtml, renderMarkdown, type AuditLine } from '../../content/audit.js';
import { loadContent, type ContentStore } from '../../content/store.js';
import type { Topic } from '../../content/schema.js';
import { FIXTURES, fixtureRoot, TODAY } from './paths.js';

const CODE_4_30_TAGS = [
  'code-4-30-provision',
  'code-4-30-request-assessment',
  'code-4-30-identifying-needs',
  'code-4-30-other-educational-provision',
  'code-4-30-post-16',
  'code-4-30-apprenticeships',
  'code-4-30-preparing-for-adulthood',
  'code-4-30-travel',
  'code-4-30-moving-between-phases',
  'code-4-30-info-advice',
  'code-4-30-childcare',
  'code-4-30-leisure',
  'code-4-30-higher-education',
  'code-4-30-disagreement',
  'code-4-30-appeals',
  'code-4-30-accessibility-strategy',
  'code-4-30-section-41',
];
const RUBRIC_TAGS = [
  'rubric-general-accessibility',
  'rubric-general-feedback',
  'rubric-general-budget',
  'rubric-general-graduated-approach',
  'rubric-ey-admission',
  'rubric-ey-identification',
  'rubric-ey-future-steps',
  'rubric-school-admission',
  'rubric-school-identification',
  'rubric-school-future-steps',
  'rubric-post16-admission',
  'rubric-post16-identification',
  'rubric-post16-future-steps',
];
const ALL_TAGS = [...CODE_4_30_TAGS, 'code-4-30-online-learning', ...RUBRIC_TAGS];

const shipped = loadAuditRules();

describe('the shipped audit rules', () => {
  test('load without problems', () => {
    expect(shipped.problems).toEqual([]);
  });

  test('have one line for each of the 17 bullets of Code 4.30 and each of the 13 rubric lines', () => {
    const ids = shipped.lines.map((l) => l.id);
    expect(ids.filter((id) => id.startsWith('code-4-30-'))).toEqual(CODE_4_30_TAGS);
    expect(ids.filter((id) => id.startsWith('rubric-'))).toEqual(RUBRIC_TAGS);
  });

  test('use only the coverage tags content writers were given, and every one of them', () => {
    const used = new Set(shipped.lines.flatMap((l) => l.requirements.flatMap((r) => r.evidence.tags ?? [])));
    expect([...used].filter((t) => !ALL_TAGS.includes(t))).toEqual([]);
    expect(ALL_TAGS.filter((t) => !used.has(t))).toEqual([]);
  });

  test('never accept a tag alone: every tagged requirement also names terms or council details', () => {
    for (const line of shipped.lines)
      for (const req of line.requirements) {
        if (req.evidence.tags)
          expect({ line: line.id, req: req.id, checked: Boolean(req.evidence.terms || req.evidence.council) }).toEqual({
            line: line.id,
            req: req.id,
            checked: true,
          });
      }
  });

  test('name council details that the profile schema has', () => {
    const store = loadContent();
    for (const line of shipped.lines)
      for (const req of line.requirements)
        for (const path of req.evidence.council ?? []) {
          const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], store.council);
          expect({ path, set: typeof value === 'string' }).toEqual({ path, set: true });
        }
  });
});

describe('scoring', () => {
  const store = loadContent(fixtureRoot('audit'));
  const rules = loadAuditRules(join(FIXTURES, 'content', 'audit-rules'));
  const report = auditContent(store, rules.lines, { today: TODAY });
  const line = (id: string) => report.lines.find((l) => l.id === id)!;

  test('Yes when every requirement is met by a tagged topic that says the words', () => {
    expect(rules.problems).toEqual([]);
    expect(line('line-yes').score).toBe('Yes');
    expect(line('line-yes').requirements.map((r) => r.topics)).toEqual([['short-breaks'], ['short-breaks']]);
  });

  test('Partial when only some requirements are met', () => {
    expect(line('line-half-met').score).toBe('Partial');
    expect(line('line-half-met').requirements.map((r) => r.met)).toEqual([true, false]);
  });

  test('Partial when a topic carries the tag but does not say the words, naming what is missing', () => {
    const result = line('line-tag-only');
    expect(result.score).toBe('Partial');
    expect(result.requirements[0]?.missing).toEqual(['the topics tagged fix-partial do not say "tribunal", "2 months" or "two months" (closest: tag-only)']);
  });

  test('No when nothing covers the line', () => {
    const result = line('line-no');
    expect(result.score).toBe('No');
    expect(result.requirements[0]?.missing).toEqual(['no topic is tagged fix-no']);
    expect(result.requirements[1]?.missing).toEqual(['no topic says "section 41", "approved"']);
  });

  test('a missing council detail stops a requirement being met', () => {
    const result = line('line-council-missing');
    expect(result.score).toBe('Partial');
    expect(result.requirements[0]?.missing).toEqual(['the council profile has no links.doesNotExist']);
  });

  test('the terms must be in one topic, not spread over two', () => {
    const result = line('line-terms-split');
    expect(result.score).toBe('Partial');
    expect(result.requirements[0]?.missing[0]).toMatch(/no one topic says all the words/);
  });

  test('counts the scores', () => {
    expect(report.counts).toEqual({ Yes: 1, Partial: 4, No: 1 });
  });

  test('reports rule files that are wrong, and keeps the good lines', () => {
    const bad = loadAuditRules(join(FIXTURES, 'content', 'audit-rules-bad'));
    const problem = (id: string) => bad.problems.filter((p) => p.id === id).map((p) => `${p.field}: ${p.message}`);
    expect(problem('no-requirements')).toEqual([expect.stringMatching(/^requirements: /)]);
    expect(problem('empty-evidence')).toEqual([expect.stringMatching(/needs at least one of tags, terms or council/)]);
    expect(problem('twice')).toEqual([expect.stringMatching(/^id: is used twice/)]);
    expect(problem('same-requirement')).toEqual([expect.stringMatching(/requirement id "a" is used twice/)]);
    expect(bad.problems.some((p) => p.file.endsWith('not-a-list.yaml'))).toBe(true);
    expect(bad.lines.map((l) => l.id)).toEqual(['twice']);
  });
});

describe('reports', () => {
  const store = loadContent(fixtureRoot('audit'));
  const report = auditContent(store, loadAuditRules(join(FIXTURES, 'content', 'audit-rules')).lines, { today: TODAY });

  test('Markdown gives a table per section and says what is missing', () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(/^# Local Offer content audit\n\nSample Borough Council, 2026-11-22\. 6 lines: 1 Yes, 4 Partial, 1 No\./);
    expect(md).toContain('| line-yes | Short breaks, said and linked | **Yes** | short-breaks |');
    expect(md).toContain('### line-no: No');
    expect(md).toContain('  - no topic is tagged fix-no');
  });

  test('HTML escapes what it shows and marks every score in words', () => {
    const html = renderHtml({ ...report, council: 'A <b>bold</b> council' });
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; council');
    expect(html).toContain('<td class="Partial"><strong>Partial</strong></td>');
    expect(html).toMatch(/<html lang="en-GB">/);
  });
});

describe('the shipped content', () => {
  // This is the product's coverage promise. It fails while topics are still being written; the audit
  // report (npm run content:audit) says which words each line is missing.
  test('scores Yes on every line', () => {
    const report = auditContent(loadContent(), shipped.lines, { today: TODAY });
    const notYes = report.lines
      .filter((l) => l.score !== 'Yes')
      .map((l) => ({ line: l.id, score: l.score, missing: l.requirements.flatMap((r) => r.missing) }));
    expect(notYes).toEqual([]);
  });

  describe('a thinned copy', () => {
    const full = loadContent();
    const tagged = (tag: string) => [...full.topics.values()].filter((t) => t.tags.includes(tag));
    const without = (store: ContentStore, drop: (t: Topic) => boolean): ContentStore => ({
      ...store,
      topics: new Map([...store.topics].filter(([, t]) => !drop(t))),
    });
    const scoreOf = (store: ContentStore, id: string) =>
      auditContent(
        store,
        shipped.lines.filter((l: AuditLine) => l.id === id),
        { today: TODAY },
      ).lines[0]!;

    test('scores No when the topics for a line are taken out', () => {
      expect(tagged('code-4-30-section-41').length).toBeGreaterThan(0);
      const thinned = without(full, (t) => t.tags.includes('code-4-30-section-41'));
      expect(scoreOf(thinned, 'code-4-30-section-41').score).toBe('No');
    });

    test('scores Partial when a tagged topic stops saying the words', () => {
      expect(tagged('code-4-30-section-41').length).toBeGreaterThan(0);
      const strip = (s: string) => s.replace(/section\s+41/gi, 'the list');
      const topics = new Map(
        [...full.topics].map(([id, t]) => [
          id,
          t.tags.includes('code-4-30-section-41')
            ? {
                ...t,
                title: strip(t.title),
                summary: strip(t.summary),
                body: strip(t.body),
                nextSteps: t.nextSteps.map(strip),
                variants: Object.fromEntries(
                  Object.entries(t.variants).map(([a, w]) => [
                    a,
                    { ...w, summary: w?.summary && strip(w.summary), body: w?.body && strip(w.body), nextSteps: w?.nextSteps?.map(strip) },
                  ]),
                ),
              }
            : t,
        ]),
      );
      const result = scoreOf({ ...full, topics }, 'code-4-30-section-41');
      expect(result.score).toBe('Partial');
      expect(result.requirements.find((r) => r.id === 'approved-list')?.missing[0]).toMatch(/do not say "section 41"/);
    });

    test('scores Partial when the council profile loses a detail a line needs', () => {
      const { complaints: _dropped, ...links } = full.council.links;
      const store = { ...full, council: { ...full.council, links: links as typeof full.council.links } };
      const result = scoreOf(store, 'code-4-30-disagreement');
      expect(result.score).not.toBe('Yes');
      expect(result.requirements.find((r) => r.id === 'complaints')?.missing).toContain('the council profile has no links.complaints');
    });
  });
});
