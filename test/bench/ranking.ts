/**
 * npm run bench:ranking [files...] [--misses] [--verbose]: the ranking on its own, without HTTP or
 * composition. For each question, whether the top topic's record (all its wordings) holds every fact,
 * beside a BM25 top-1 record, and whether the short answer composed from the top topic says them. Used to
 * tune the ranking on the tuning sets in test/fixtures/understanding/; never run it on the sealed sets.
 *
 * Figures are printed per set and per half: questions at even positions in their file are the half
 * `npm run learn:ranking` learns on, odd positions the half it holds out (ranking-sets.ts). `--misses`
 * counts what the wrong-topic misses share (area, audience, channel, kind of question, spelling, a record
 * only the glossary holds, a BM25 top-1 that was right, where the right topic ranked).
 */
import { basename } from 'node:path';
import MiniSearch from 'minisearch';
import { Composer } from '../../bot/compose.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import { questionType } from '../../bot/understanding/question-type.js';
import { stems, words } from '../../bot/understanding/text.js';
import { loadContent } from '../../content/store.js';
import { audienceOf } from './causes.js';
import { judge, judgeStemmed } from './judge.js';
import { readRankingSets } from './ranking-sets.js';
import { glossaryRecordStems, topicRecordStems } from './records.js';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const verbose = process.argv.includes('--verbose');
const misses = process.argv.includes('--misses');
const questions = readRankingSets(files);
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

interface Tally {
  n: number;
  single: number;
  top1: number;
  top3: number;
  base: number;
  composed: number;
}
const tallies = new Map<string, Tally>();
const tally = (key: string): Tally => {
  let t = tallies.get(key);
  if (!t) tallies.set(key, (t = { n: 0, single: 0, top1: 0, top3: 0, base: 0, composed: 0 }));
  return t;
};
/** What the wrong-topic misses share, by aspect and value, beside how many questions had that value. */
const shared = new Map<string, Map<string, { miss: number; all: number }>>();
const note = (aspect: string, value: string, miss: boolean) => {
  const byValue = shared.get(aspect) ?? new Map<string, { miss: number; all: number }>();
  shared.set(aspect, byValue);
  const c = byValue.get(value) ?? { miss: 0, all: 0 };
  byValue.set(value, c);
  c.all++;
  if (miss) c.miss++;
};

for (const q of questions) {
  const holds = (id: string) => judgeStemmed(recordText.get(id) ?? [], q.facts).pass;
  const anyHolds = [...recordText.keys()].filter(holds);
  const topicHolds = anyHolds.filter((id) => id.startsWith('topic:'));
  const audience = audienceOf(q.audience);
  const r = index.search(q.text, { audience }, 40);
  const topId = r.matches[0] ? `topic:${r.matches[0].topic}` : '';
  const ok = topId !== '' && holds(topId);
  const in3 = r.matches.slice(0, 3).some((m) => holds(`topic:${m.topic}`));
  const b = bm25.search(q.text, { boost: { title: 2, synonyms: 2 }, fuzzy: 0.2, prefix: true })[0];
  const baseOk = Boolean(b && holds(String(b.id)));
  let composedOk = false;
  if (r.matches[0]) {
    const reply = composer.answerReply(r.matches[0].topic, r.passages.length ? r.passages : index.topicPassages(r.matches[0].topic, audience), audience, {
      sentences: r.sentences,
    });
    const said = reply.paragraphs.join('\n');
    const v = judge(said, q.facts);
    composedOk = v.pass;
    if (!v.pass && verbose && ok) console.log(`COMPOSE ${q.id} ${q.text}\n  missing: ${v.missing.join(' | ')}\n  said: ${said.replace(/\s+/g, ' ')}`);
  }
  for (const key of [`${q.set}\t${q.half}`, `${q.set}\tboth`, `all\t${q.half}`, `all\tboth`]) {
    const t = tally(key);
    t.n++;
    if (anyHolds.length) t.single++;
    if (ok) t.top1++;
    if (in3) t.top3++;
    if (baseOk) t.base++;
    if (composedOk) t.composed++;
  }
  if (anyHolds.length === 0) continue;
  const miss = !ok;
  if (misses) {
    const all = words(q.text);
    const typed = stems(q.text);
    const searched = index.queryStems(q.text);
    const rightAt = r.matches.findIndex((m) => holds(`topic:${m.topic}`));
    note('area', q.area ?? '-', miss);
    note('audience', q.audience ?? '-', miss);
    note('channel', q.channel ?? '-', miss);
    note('kind of question', questionType(all), miss);
    note('spelling corrected', searched.some((s) => !typed.includes(s)) ? 'yes' : 'no', miss);
    note('length in words', all.length <= 8 ? '1-8' : all.length <= 20 ? '9-20' : '21+', miss);
    note(
      'records holding the facts',
      topicHolds.length === 0 ? 'glossary only' : anyHolds.length > topicHolds.length ? 'topic and glossary' : 'topics only',
      miss,
    );
    note('BM25 top-1', baseOk ? 'right' : 'wrong', miss);
    note('BM25 top-1 kind', b ? String(b.id).split(':')[0]! : 'none', miss);
    note('our top topic confident', r.confident ? 'yes' : 'no', miss);
    note(
      'first right topic at',
      rightAt < 0 ? (topicHolds.length ? '41+' : 'no topic') : rightAt === 0 ? '1' : rightAt < 3 ? '2-3' : rightAt < 10 ? '4-10' : '11-40',
      miss,
    );
  }
  if (verbose && miss)
    console.log(
      `${q.id} [${q.half}] ${q.text}\n  top: ${r.matches
        .slice(0, 3)
        .map((m) => `${m.topic} ${m.score}`)
        .join(', ')}\n  holds: ${anyHolds.slice(0, 5).join(', ')}${baseOk ? `\n  BM25 right: ${String(b!.id)}` : ''}`,
    );
}

const pct = (n: number, d: number) => `${String(n).padStart(4)} ${d ? ((100 * n) / d).toFixed(1).padStart(5) : '    -'}%`;
console.log(`set / half (even: learnt on; odd: held out)         n  one record     top-1 topic    top-3 topics    BM25 top-1     short answer`);
for (const [key, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
  const [set, half] = key.split('\t');
  console.log(
    `${`${basename(set!, '.yaml')} / ${half}`.padEnd(48)} ${String(t.n).padStart(4)}  ${pct(t.single, t.n)}  ${pct(t.top1, t.n)}  ${pct(t.top3, t.n)}  ${pct(t.base, t.n)}  ${pct(t.composed, t.n)}`,
  );
}
if (misses) {
  console.log('\nWrong-topic misses (a record holds every fact, the top topic does not), by what they share:');
  for (const [aspect, byValue] of shared) {
    console.log(`  ${aspect}`);
    for (const [value, c] of [...byValue].sort((a, b) => b[1].miss - a[1].miss))
      console.log(`    ${value.padEnd(22)} ${String(c.miss).padStart(4)} missed of ${String(c.all).padStart(4)} (${((100 * c.miss) / c.all).toFixed(0)}%)`);
  }
}
