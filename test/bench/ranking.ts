/**
 * npm run bench:ranking [files...]: the ranking on its own, without HTTP or composition. For each question,
 * whether the top topic's record (all its wordings) holds every fact, beside a BM25 top-1 record, and
 * whether the short answer composed from the top topic says them. Used to tune the ranking on the tuning
 * sets in test/fixtures/understanding/.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { Composer } from '../../bot/compose.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import type { Audience } from '../../content/schema.js';
import { loadContent } from '../../content/store.js';
import { judge, judgeStemmed, type Fact } from './judge.js';
import { glossaryRecordStems, topicRecordStems } from './records.js';

interface Question {
  id: string;
  audience: string;
  text: string;
  facts: Fact[];
}

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const verbose = process.argv.includes('--verbose');
const questions = files.flatMap((f) => parse(readFileSync(f, 'utf8')) as Question[]).filter((q) => !('turns' in q));
const content = loadContent();
const composer = new Composer(content);
const index = new TopicIndex(content.topics.values(), content.glossary.values());

const recordText = new Map<string, string[]>();
for (const t of content.topics.values()) recordText.set(`topic:${t.id}`, topicRecordStems(composer, t));
for (const g of content.glossary.values()) recordText.set(`glossary:${g.id}`, glossaryRecordStems(composer, g));

const docs = [
  ...[...content.topics.values()].map((t) => ({
    id: `topic:${t.id}`,
    title: t.title,
    synonyms: t.synonyms.join(' '),
    text: [t.summary, t.body, ...t.nextSteps].join('\n'),
  })),
  ...[...content.glossary.values()].map((g) => ({ id: `glossary:${g.id}`, title: g.term, synonyms: g.aka.join(' '), text: g.meaning })),
];
const bm25 = new MiniSearch({ fields: ['title', 'synonyms', 'text'] });
bm25.addAll(docs);

const audienceOf = (a: string): Audience => (['parent', 'young-person', 'practitioner', 'helpline-staff'].includes(a) ? (a as Audience) : 'parent');
let top1 = 0;
let top3 = 0;
let base = 0;
let composed = 0;
let confident = 0;
let single = 0;
for (const q of questions) {
  const holds = (id: string) => judgeStemmed(recordText.get(id) ?? [], q.facts).pass;
  const anyHolds = [...recordText.keys()].filter(holds);
  if (anyHolds.length) single++;
  const r = index.search(q.text, { audience: 'parent' }, 5);
  const topId = r.matches[0] ? `topic:${r.matches[0].topic}` : '';
  const ok = topId !== '' && holds(topId);
  if (ok) top1++;
  if (r.matches.slice(0, 3).some((m) => holds(`topic:${m.topic}`))) top3++;
  if (r.confident) confident++;
  const b = bm25.search(q.text, { boost: { title: 2, synonyms: 2 }, fuzzy: 0.2, prefix: true })[0];
  if (b && holds(String(b.id))) base++;
  if (r.matches[0]) {
    const reply = composer.answerReply(
      r.matches[0].topic,
      r.passages.length ? r.passages : index.topicPassages(r.matches[0].topic, audienceOf(q.audience)),
      audienceOf(q.audience),
      { sentences: r.sentences },
    );
    const said = reply.paragraphs.join('\n');
    const v = judge(said, q.facts);
    if (v.pass) composed++;
    else if (verbose && ok) console.log(`COMPOSE ${q.id} ${q.text}\n  missing: ${v.missing.join(' | ')}\n  said: ${said.replace(/\s+/g, ' ')}`);
  }
  if (verbose && !ok && anyHolds.length)
    console.log(
      `${q.id} ${q.text}\n  top: ${r.matches
        .slice(0, 3)
        .map((m) => `${m.topic} ${m.score}`)
        .join(', ')}\n  holds: ${anyHolds.slice(0, 5).join(', ')}`,
    );
}
const pct = (n: number) => `${n} (${((100 * n) / questions.length).toFixed(1)}%)`;
console.log(`Questions ${questions.length}; one record holds the facts for ${pct(single)}`);
console.log(`Top topic holds the facts: ${pct(top1)}; one of top 3: ${pct(top3)}; BM25 top-1 record: ${pct(base)}`);
console.log(`Confident: ${pct(confident)}; composed short answer from the top topic says the facts: ${pct(composed)}`);
