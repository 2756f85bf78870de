/**
 * The content store cut into passages: the unit the assistant answers with. A passage is a topic's short
 * answer, one paragraph (or a few sentences of a long one) of its fuller answer, its next steps, or a
 * glossary line. Each knows its topic, the audience whose wording it comes from, and its place in the
 * topic, so the answer can lead with the passage that answers the question and keep the rest for later.
 */
import type { Audience, GlossaryTerm, Topic } from '../../content/schema.js';

export type PassageKind = 'summary' | 'body' | 'steps' | 'glossary';

export interface Passage {
  /** e.g. "tribunal-deadline/default/3", "tribunal-deadline/young-person/0", "glossary/senco". */
  id: string;
  /** The topic it belongs to; a glossary line names its term's topic when it has one. */
  topic?: string;
  /** The glossary term, for glossary lines. */
  term?: string;
  /** The glossary term's names (the term and what else it is called), for glossary lines: the line itself does not say them. */
  names?: string[];
  /** The audience whose wording this is; "default" is the wording for everyone without their own. */
  audience: Audience | 'default';
  kind: PassageKind;
  /** Place in its topic's wording: 0 is the short answer. */
  order: number;
  /** The text with placeholders such as {council.helpline.phone} still in it. */
  text: string;
}

/** Long paragraphs are cut into runs of whole sentences of about this many characters. */
const TARGET_CHARS = 320;

/** Sentences, keeping their full stops: "A. B? C" -> ["A.", "B?", "C"]. */
export function sentences(text: string): string[] {
  // A stop ends a sentence only before a space and a capital or a number: "localoffer.example.org" and
  // "e.g. a school" stay whole.
  return text
    .split(/(?<=[.!?]["')]?)\s+(?=["'(£]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One paragraph as one or more passages: lists stay with their lead-in line, long prose is cut by sentence. */
function chunks(paragraph: string): string[] {
  if (paragraph.length <= TARGET_CHARS * 1.25) return [paragraph];
  const lines = paragraph.split('\n');
  if (lines.some((l) => l.startsWith('- '))) {
    // A list: keep lines together up to the target, repeating nothing.
    const out: string[] = [];
    let current = '';
    for (const line of lines) {
      if (current && current.length + line.length + 1 > TARGET_CHARS) {
        out.push(current);
        current = line;
      } else current = current ? `${current}\n${line}` : line;
    }
    if (current) out.push(current);
    return out;
  }
  const out: string[] = [];
  let current = '';
  for (const sentence of sentences(paragraph)) {
    if (current && current.length + sentence.length + 1 > TARGET_CHARS) {
      out.push(current);
      current = sentence;
    } else current = current ? `${current} ${sentence}` : sentence;
  }
  if (current) out.push(current);
  return out;
}

function wordingPassages(topic: Topic, audience: Audience | 'default', summary: string, body: string, steps: string[]): Passage[] {
  const out: Passage[] = [];
  const add = (kind: PassageKind, text: string) =>
    out.push({ id: `${topic.id}/${audience}/${out.length}`, topic: topic.id, audience, kind, order: out.length, text });
  add('summary', summary.trim());
  for (const paragraph of body.split(/\n\s*\n/)) {
    const trimmed = paragraph.trim();
    if (trimmed) for (const chunk of chunks(trimmed)) add('body', chunk);
  }
  if (steps.length) add('steps', steps.map((s) => `- ${s}`).join('\n'));
  return out;
}

/** Every passage of a topic: the default wording, and each audience's own wording where it has one. */
export function topicPassages(topic: Topic): Passage[] {
  const out = wordingPassages(topic, 'default', topic.summary, topic.body, topic.nextSteps);
  for (const [audience, wording] of Object.entries(topic.variants) as [Audience, NonNullable<Topic['variants'][Audience]>][]) {
    if (!wording.summary && !wording.body) continue;
    out.push(...wordingPassages(topic, audience, wording.summary ?? topic.summary, wording.body ?? topic.body, wording.nextSteps ?? topic.nextSteps));
  }
  return out;
}

export function glossaryPassage(term: GlossaryTerm): Passage {
  return {
    id: `glossary/${term.id}`,
    topic: term.topic,
    term: term.id,
    names: [term.term, ...term.aka],
    audience: 'default',
    kind: 'glossary',
    order: 0,
    text: term.meaning,
  };
}

/** The wording a person sees: their audience's own if the topic has one, else the default. */
export function wordingFor(passages: Passage[], audience: Audience): Passage[] {
  const own = passages.filter((p) => p.audience === audience);
  return own.length ? own : passages.filter((p) => p.audience === 'default');
}
