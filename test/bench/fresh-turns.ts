/**
 * npm run bench:fresh: what questions never seen before cost the assistant, and what it replies to them.
 * Every message of our tuning sets (the questions and conversations in test/fixtures/understanding/ and
 * the safeguarding tuning messages in test/fixtures/safeguarding/, never the sealed sets) goes through
 * whole turns of the assistant in one process (memory storage, the index as `npm start` builds it, no
^ * HTTP): each question after "hi" in a conversation of its own, each conversation turn by turn. Prints
 * the CPU time (process.cpuUsage) of those turns in three passes: in a new process; with a new index and
 * assistant (compiled code warm, the index's caches empty); and with that index again (its per-word and
 * per-sentence caches full). No pass remembers whole results: every message is worked out afresh.
 *
 * `--write FILE` writes every reply, the outcome of the safeguarding check and any gap noted for each
 * message to FILE; `--compare FILE` checks that this run's are byte-identical to FILE's and exits 1 if
 * not. A change meant only to make turns cheaper must leave them identical. `--profile FILE` writes a CPU
 * profile of the third pass (open it in Chrome's DevTools).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join, resolve } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { parse } from 'yaml';
import { LocalOfferAssistant } from '../../bot/assistant.js';
import { assessRisk } from '../../bot/safeguarding/assess.js';
import { practiseTurns } from '../../bot/warm-up.js';
import { readIndexSnapshot } from '../../bot/understanding/index-snapshot.js';
import { RememberingTopicIndex } from '../../bot/understanding/remembered-search.js';
import { loadContent } from '../../content/store.js';
import { quietLogger } from './quiet-assistant.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

type Channel = 'webchat' | 'sms' | 'teams';
interface Walk {
  id: string;
  channel: Channel;
  says: string[];
}

function walks(): Walk[] {
  const out: Walk[] = [];
  const understanding = join(ROOT, 'test', 'fixtures', 'understanding');
  for (const name of readdirSync(understanding)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const items = parse(readFileSync(join(understanding, name), 'utf8')) as Array<{ id: string; channel?: Channel; text?: string; turns?: { say: string }[] }>;
    for (const item of items) {
      const channel = item.channel ?? 'webchat';
      if (item.text !== undefined) out.push({ id: `${name}/${item.id}`, channel, says: ['hi', item.text] });
      if (item.turns) out.push({ id: `${name}/${item.id}`, channel, says: item.turns.map((t) => t.say) });
    }
  }
  const safeguarding = join(ROOT, 'test', 'fixtures', 'safeguarding');
  for (const name of readdirSync(safeguarding)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const items = parse(readFileSync(join(safeguarding, name), 'utf8')) as Array<string | { id?: string; text: string; channel?: Channel }>;
    items.forEach((item, i) => {
      const text = typeof item === 'string' ? item : item.text;
      const channel = typeof item === 'string' ? 'webchat' : (item.channel ?? 'webchat');
      out.push({ id: `${name}/${typeof item === 'string' ? i : (item.id ?? i)}`, channel, says: ['hi', text] });
    });
  }
  return out;
}

const content = loadContent();
const all = walks();

/** The first this many messages of a pass are also timed apart: what a process's first minutes cost. */
const EARLY = 300;
const freshIndex = () => new RememberingTopicIndex(content.topics.values(), content.glossary.values(), undefined, undefined, readIndexSnapshot());

async function pass(record: boolean, index = freshIndex()): Promise<{ cpuMs: number; turns: number; lines: string[]; early: number }> {
  const gaps: unknown[] = [];
  const assistant = new LocalOfferAssistant({
    content,
    index,
    storage: new MemoryStorage(),
    gaps: { record: async (g) => void gaps.push(g) },
    lock: { run: (_key, fn) => fn() },
    logger: quietLogger,
    resumeAfterMs: 6 * 3_600_000,
    now: () => new Date('2026-12-04T10:00:00Z'),
  });
  const lines: string[] = [];
  let cpu = 0;
  let turns = 0;
  let early = 0;
  for (const [n, walk] of all.entries()) {
    for (const text of walk.says) {
      gaps.length = 0;
      const before = process.cpuUsage();
      const replies = await assistant.turn({ conversationKey: `fresh-${n}`, channel: walk.channel, text, receivedAt: new Date('2026-12-04T10:00:00Z') });
      const used = process.cpuUsage(before);
      if (text !== 'hi') {
        cpu += (used.user + used.system) / 1000;
        turns++;
        if (turns === EARLY) early = cpu;
      }
      if (record) lines.push(JSON.stringify({ id: walk.id, text, risk: assessRisk(text), replies, gaps }));
    }
  }
  return { cpuMs: cpu, turns, lines, early };
}

// --practise: the practice turns the app takes after start (bot/warm-up.ts) first, on the first pass's index.
const firstIndex = freshIndex();
if (args.includes('--practise')) {
  const before = process.cpuUsage();
  const turns = await practiseTurns({ content, index: firstIndex }, { pause: async () => undefined });
  const used = process.cpuUsage(before);
  console.log(`practice: ${turns} turns, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`);
}
const first = await pass(true, firstIndex);
const index = freshIndex();
const second = await pass(false, index);
const profile = option('--profile');
const session = profile ? new Session() : undefined;
const post = (method: string) => new Promise<unknown>((ok, fail) => session!.post(method, (err, result) => (err ? fail(err) : ok(result))));
if (session) {
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const third = await pass(false, index);
if (session) writeFileSync(profile!, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile));
const perMessage = (p: { cpuMs: number; turns: number; early: number }) =>
  `${(p.cpuMs / p.turns).toFixed(3)} ms CPU per message (${p.cpuMs.toFixed(0)} ms); the first ${EARLY}: ${(p.early / EARLY).toFixed(3)} ms`;
console.log(`${all.length} walks, ${first.turns} messages (besides "hi")`);
console.log(`first pass, a new process:                   ${perMessage(first)}`);
console.log(`second pass, a new index and assistant:      ${perMessage(second)}`);
console.log(`third pass, the second pass's index again:   ${perMessage(third)}`);

const out = `${first.lines.join('\n')}\n`;
const write = option('--write');
if (write) writeFileSync(write, out);
const compare = option('--compare');
if (compare) {
  const expected = readFileSync(compare, 'utf8').split('\n');
  const actual = out.split('\n');
  const differ = actual.filter((line, i) => line !== expected[i]).length + Math.max(0, expected.length - actual.length);
  console.log(`compared with ${compare}: ${first.lines.length} messages, ${differ === 0 ? 'all identical' : `${differ} differ`}`);
  if (differ) process.exitCode = 1;
}
