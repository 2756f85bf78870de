/**
 * npm run bench:understanding [files...]: answer quality judged on the facts in the reply, for the
 * assistant and for a BM25 baseline over the same content, side by side.
 *
 * With no arguments it reads the sealed sets (test/sealed/questions-a.yaml, questions-b.yaml and
 * conversations.yaml); give paths to read other sets, such as the tuning sets in
 * test/fixtures/understanding/. A file is read as conversations when its items have `turns`.
 *
 * The assistant is built in-process (buildApp, memory storage) and every message goes through HTTP
 * /api/messages with deliveryMode expectReplies, as the channel would send it. Each question is the first
 * message of a new conversation. What is judged is what a person sees first: on web chat and Teams the
 * text and card text of that turn's replies (not what waits behind "More detail", not button labels); on
 * SMS the first text message only.
 *
 * The baseline is minisearch over the topics and glossary (title and synonyms boosted x2, fuzzy and prefix
 * matching), always answering with its top hit's full text.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryStorage } from 'botbuilder';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { buildApp, type App } from '../../bot/app.js';
import { Composer } from '../../bot/compose.js';
import { TopicIndex } from '../../bot/understanding/qa.js';
import type { ContentStore } from '../../content/store.js';
import { quantile } from './harness.js';
import { CAUSES, CauseFinder, type Cause } from './causes.js';
import { judge, judgeStemmed, type Fact } from './judge.js';
import { glossaryRecordStems, topicRecordStems } from './records.js';
import { seenAll, seenFirst, type SeenActivity } from './understanding-seen.js';
import { CAUSES as TURN_CAUSES, CauseReader, type Cause as TurnCause } from './conversation-causes.js';

interface Question {
  id: string;
  audience: string;
  channel: 'webchat' | 'teams' | 'sms';
  area: string;
  text: string;
  facts: Fact[];
}

interface Conversation {
  id: string;
  audience: string;
  channel: 'webchat' | 'teams' | 'sms';
  turns: { say: string; facts?: Fact[] }[];
}

const DEFAULT_FILES = ['test/sealed/questions-a.yaml', 'test/sealed/questions-b.yaml', 'test/sealed/conversations.yaml'];

type Activity = SeenActivity;

// ---------------------------------------------------------------------------------------------------
// Talking to the app as each channel does.

const CHANNEL_IDS = { webchat: 'webchat', teams: 'msteams', sms: 'sms' } as const;

function activityFor(channel: Question['channel'], conversationId: string, text: string): Record<string, unknown> {
  const base = {
    type: 'message',
    text,
    channelId: CHANNEL_IDS[channel],
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    id: `m-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    locale: 'en-GB',
  };
  if (channel === 'teams') {
    return {
      ...base,
      textFormat: 'plain',
      conversation: { id: `a:${conversationId}`, conversationType: 'personal', tenantId: 'bench-tenant' },
      from: { id: `29:${conversationId}`, name: 'Bench user', aadObjectId: '00000000-0000-0000-0000-000000000001', role: 'user' },
      recipient: { id: '28:bot', name: 'Local Offer' },
      channelData: { tenant: { id: 'bench-tenant' } },
    };
  }
  if (channel === 'sms') {
    return {
      ...base,
      conversation: { id: conversationId },
      from: { id: `+4477009${conversationId.slice(-5)}`, role: 'user' },
      recipient: { id: '+447700900000' },
    };
  }
  return { ...base, conversation: { id: conversationId }, from: { id: `dl_${conversationId}`, role: 'user' }, recipient: { id: 'bot' } };
}

/**
 * A kept-alive socket that the server closed while idle (between the question and conversation runs) is
 * reset when reused: the request never reached the server, so it is sent once more on a new socket.
 */
async function post(url: string, body: string): Promise<Response> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
  try {
    return await fetch(url, init);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw err;
    return fetch(url, init);
  }
}

async function send(app: App, channel: Question['channel'], conversationId: string, text: string): Promise<Activity[]> {
  const res = await post(`${app.url}/api/messages`, JSON.stringify(activityFor(channel, conversationId, text)));
  const body = (await res.json().catch(() => ({}))) as { activities?: Activity[] };
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return body.activities ?? [];
}

// ---------------------------------------------------------------------------------------------------
// The BM25 baseline.

function baseline(content: ContentStore) {
  const composer = new Composer(content);
  interface Doc {
    id: string;
    title: string;
    synonyms: string;
    text: string;
  }
  const docs: Doc[] = [
    ...[...content.topics.values()].map((t) => ({
      id: `topic:${t.id}`,
      title: t.title,
      synonyms: t.synonyms.join(' '),
      text: composer.fill([t.summary, t.body, ...t.nextSteps].join('\n')),
    })),
    ...[...content.glossary.values()].map((g) => ({ id: `glossary:${g.id}`, title: g.term, synonyms: g.aka.join(' '), text: composer.fill(g.meaning) })),
  ];
  const byId = new Map(docs.map((d) => [d.id, d]));
  const search = new MiniSearch<Doc>({ fields: ['title', 'synonyms', 'text'], storeFields: ['id'] });
  search.addAll(docs);
  return (question: string): string => {
    const top = search.search(question, { boost: { title: 2, synonyms: 2 }, fuzzy: 0.2, prefix: true })[0];
    const doc = top ? byId.get(String(top.id)) : undefined;
    return doc ? `${doc.title}\n${doc.text}` : '';
  };
}

// ---------------------------------------------------------------------------------------------------
// The content ceiling: whether the content could answer at all, so a retrieval miss is told apart from
// a gap in the content.

/** Every record's whole text: each topic with all its wordings, and each glossary line. */
function records(content: ContentStore): string[][] {
  const composer = new Composer(content);
  return [
    ...[...content.topics.values()].map((t) => topicRecordStems(composer, t)),
    ...[...content.glossary.values()].map((g) => glossaryRecordStems(composer, g)),
  ];
}

/** One record holds every fact; or every fact is in some record, not necessarily the same one. */
function ceiling(texts: string[][], facts: Fact[]): { single: boolean; whole: boolean } {
  const found = texts.map((said) => facts.map((f) => judgeStemmed(said, [f]).pass));
  return {
    single: found.some((row) => row.every(Boolean)),
    whole: facts.every((_, i) => found.some((row) => row[i])),
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading the sets and printing the results.

/** `half`: only the questions at even (0, 2, ...) or odd positions of each file, as the learners split them. */
function readSets(files: string[], half?: 'even' | 'odd'): { questions: Question[]; conversations: Conversation[]; read: string[] } {
  const questions: Question[] = [];
  const conversations: Conversation[] = [];
  const read: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) {
      console.log(`not found, skipped: ${file}`);
      continue;
    }
    const items = parse(readFileSync(file, 'utf8')) as unknown[];
    read.push(`${file} (${items.length})`);
    items.forEach((item, i) => {
      if (item && typeof item === 'object' && 'turns' in item) conversations.push(item as Conversation);
      else if (!half || i % 2 === (half === 'even' ? 0 : 1)) questions.push(item as Question);
    });
  }
  return { questions, conversations, read };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

interface Row {
  q: Question;
  assistant: boolean;
  baseline: boolean;
  seen: string;
  missing: string[];
  single: boolean;
  whole: boolean;
  cause?: Cause;
  /** With --causes: whether the assistant's top topic holds every fact, whatever the reply said. */
  topHolds?: boolean;
}

function table(title: string, rows: Row[], key: (r: Row) => string): void {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  console.log(`\n${title.padEnd(28)} ${'n'.padStart(4)} ${'assistant'.padStart(10)} ${'BM25 top-1'.padStart(11)}`);
  for (const [name, group] of [...groups].sort()) {
    const a = group.filter((r) => r.assistant).length;
    const b = group.filter((r) => r.baseline).length;
    console.log(`${name.padEnd(28)} ${String(group.length).padStart(4)} ${pct(a, group.length).padStart(10)} ${pct(b, group.length).padStart(11)}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const verbose = process.argv.includes('--verbose');
  const showCauses = process.argv.includes('--causes');
  // --causes: why each missed conversation turn missed (conversation-causes.ts).
  const withCauses = process.argv.includes('--causes');
  const files = (args.length ? args : DEFAULT_FILES).map((f) => resolve(f));
  // --half=even or --half=odd: one half of each file's questions (learn-sentences.ts learns on the even half).
  const half = process.argv.find((a) => a.startsWith('--half='))?.slice('--half='.length);
  const { questions, conversations, read } = readSets(files, half === 'even' || half === 'odd' ? half : undefined);
  if (read.length === 0) {
    console.log('No question sets found. Give paths, e.g. npm run bench:understanding -- test/fixtures/understanding/tuning-questions.yaml');
    process.exitCode = 1;
    return;
  }
  console.log(`Sets: ${read.join(', ')}`);

  const dir = mkdtempSync(join(tmpdir(), 'loa-bench-understanding-'));
  const app = await buildApp({
    env: { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent' },
    storage: new MemoryStorage(),
  });
  await app.listen();
  try {
    const answerBaseline = baseline(app.content);
    const recordTexts = records(app.content);
    const rows: Row[] = [];
    const causes = showCauses ? new CauseFinder(app.content, new TopicIndex(app.content.topics.values(), app.content.glossary.values())) : null;
    const turnMs: number[] = [];
    for (const [i, q] of questions.entries()) {
      const started = performance.now();
      const activities = await send(app, q.channel, `bench-q-${i}`, q.text);
      turnMs.push(performance.now() - started);
      const seen = seenFirst(q.channel, activities);
      const verdict = judge(seen, q.facts);
      rows.push({
        q,
        assistant: verdict.pass,
        baseline: judge(answerBaseline(q.text), q.facts).pass,
        seen,
        missing: verdict.missing,
        ...ceiling(recordTexts, q.facts),
        ...(causes && !verdict.pass ? { cause: causes.cause(q.text, q.audience, q.facts, seen) } : {}),
        ...(causes ? { topHolds: causes.topHolds(q.text, q.audience, q.facts) } : {}),
      });
    }

    if (rows.length) {
      const a = rows.filter((r) => r.assistant).length;
      const b = rows.filter((r) => r.baseline).length;
      console.log(`\nQuestions: ${rows.length}. First reply says the facts: assistant ${a} (${pct(a, rows.length)}), BM25 top-1 ${b} (${pct(b, rows.length)})`);
      const single = rows.filter((r) => r.single).length;
      const whole = rows.filter((r) => r.whole).length;
      const inReach = rows.filter((r) => r.single && r.assistant).length;
      console.log(
        `Content ceiling: one record holds every fact for ${single} (${pct(single, rows.length)}); the content as a whole for ${whole} (${pct(whole, rows.length)}). ` +
          `Of the ${single} in one record, the assistant answered ${inReach} (${pct(inReach, single)}).`,
      );
      table('by audience', rows, (r) => r.q.audience);
      table('by channel', rows, (r) => r.q.channel);
      table('by audience and channel', rows, (r) => `${r.q.audience} / ${r.q.channel}`);
      table('by area', rows, (r) => r.q.area);
      const web = rows.filter((r) => r.q.channel === 'webchat').map((r) => r.seen.length);
      console.log(
        `\nMedian reply length on web chat: ${quantile(
          [...web].sort((x, y) => x - y),
          0.5,
        )} characters (${web.length} replies)`,
      );
      const teams = rows.filter((r) => r.q.channel === 'teams').map((r) => r.seen.length);
      if (teams.length)
        console.log(
          `Median reply length on Teams, where every answer gets the longer room: ${quantile(
            [...teams].sort((x, y) => x - y),
            0.5,
          )} characters (${teams.length} replies)`,
        );
      const sms = rows.filter((r) => r.q.channel === 'sms');
      console.log(
        `SMS: the facts came in the first text for ${sms.filter((r) => r.assistant).length} of ${sms.length} (${pct(sms.filter((r) => r.assistant).length, sms.length)})`,
      );
      const sorted = [...turnMs].sort((x, y) => x - y);
      console.log(`Whole HTTP turn: median ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms`);
      if (showCauses) {
        console.log("\nWhy the misses were missed (search run again with the asker's audience):");
        for (const c of CAUSES) console.log(`  ${c.padEnd(38)} ${rows.filter((r) => r.cause === c).length}`);
        // The ranking alone beside the baseline's: the baseline says the facts whenever its top record holds them.
        const top = rows.filter((r) => r.topHolds);
        console.log(
          `Top topic holds every fact: assistant ${top.length}, BM25 top-1 says them ${b}; both ${top.filter((r) => r.baseline).length}, ` +
            `only the assistant's ${top.filter((r) => !r.baseline).length}, only BM25 ${rows.filter((r) => r.baseline && !r.topHolds).length}. ` +
            `Of the assistant's, the first reply said them for ${top.filter((r) => r.assistant).length}.`,
        );
      }
      if (verbose)
        for (const r of rows.filter((x) => !x.assistant))
          console.log(
            `MISS ${r.q.id} [${r.q.channel}]${r.cause ? ` {${r.cause}}` : ''}${r.single ? '' : r.whole ? ' (spread over records)' : ' (not in content)'} ${r.q.text}\n  missing: ${r.missing.join(' | ')}\n  saw: ${r.seen.replace(/\s+/g, ' ').slice(0, 300)}`,
          );
    }

    // Understanding one message on its own: the search the assistant does, timed in this process.
    const index = new TopicIndex(app.content.topics.values(), app.content.glossary.values());
    const texts = [...questions.map((q) => q.text), ...conversations.flatMap((c) => c.turns.map((t) => t.say))];
    if (texts.length) {
      for (const t of texts.slice(0, 50)) index.search(t);
      const times: number[] = [];
      for (let round = 0; round < 3; round++)
        for (const t of texts) {
          const started = performance.now();
          index.search(t);
          times.push(performance.now() - started);
        }
      times.sort((x, y) => x - y);
      console.log(
        `Understanding one message (search): median ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms over ${times.length}`,
      );
    }

    if (conversations.length) {
      let passed = 0;
      const byChannel = new Map<string, [number, number]>();
      const causes = withCauses ? new CauseReader(app.content) : null;
      const counts = new Map<TurnCause, number>();
      let turnsWithFacts = 0;
      for (const [i, c] of conversations.entries()) {
        const said: string[] = [];
        for (const turn of c.turns) said.push(seenAll(await send(app, c.channel, `bench-c-${i}`, turn.say)));
        const missed = c.turns.map((turn, t) => Boolean(turn.facts?.length) && !judge(said.slice(t).join('\n'), turn.facts!).pass);
        turnsWithFacts += c.turns.filter((turn) => turn.facts?.length).length;
        const ok = !missed.includes(true);
        if (ok) passed++;
        const why: string[] = [];
        if (causes) {
          let lastTopic: string | undefined;
          for (const [t, turn] of c.turns.entries()) {
            if (missed[t]) {
              const read = causes.cause(turn.say, said[t]!, turn.facts!, lastTopic);
              counts.set(read.cause, (counts.get(read.cause) ?? 0) + 1);
              why[t] =
                ` [${read.cause}${read.topic ? `: ${read.topic}` : ''}; facts in ${read.holders.slice(0, 4).join(', ') || 'no one topic'}; missing ${judge(said.slice(t).join('\n'), turn.facts!).missing.join(' | ')}]`;
            }
            lastTopic = causes.topicShown(said[t]!) ?? lastTopic;
          }
        }
        if (!ok && verbose)
          console.log(
            `CONVERSATION MISS ${c.id}: ${c.turns.map((t, k) => `${t.say}${why[k] ?? ''} => ${said[k]!.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n   ')}`,
          );
        const [p, n] = byChannel.get(c.channel) ?? [0, 0];
        byChannel.set(c.channel, [p + (ok ? 1 : 0), n + 1]);
      }
      console.log(`\nConversations: ${passed} of ${conversations.length} reached their facts (${pct(passed, conversations.length)})`);
      for (const [channel, [p, n]] of byChannel) console.log(`  ${channel}: ${p} of ${n}`);
      if (causes) {
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        console.log(`Missed turns by cause: ${total} of ${turnsWithFacts} turns with facts`);
        for (const cause of TURN_CAUSES) console.log(`  ${cause.padEnd(24)} ${String(counts.get(cause) ?? 0).padStart(4)}`);
      }
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
