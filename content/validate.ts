/**
 * The deep content checks, run by `npm run content:check` and at start-up. The loader has already
 * checked each record's shape; these check what one record cannot show on its own: links between
 * records and to the pathways, council placeholders, plain English, text-message safety and dates.
 * Every problem names the file, the record, the field and what to do.
 */
import type { FlowContentRef } from '../flows/registry.js';
import type { CouncilProfile, ContentProblem, Topic } from './schema.js';
import type { ContentStore } from './store.js';
import { findNonGsm7, gsm7Length, isGsm7ExtensionChar } from './gsm7.js';
import { MAX_GRADE, MIN_READING_EASE, scoreReadability } from './readability.js';

export type { FlowContentRef };

export interface ValidateOptions {
  /** The date the check runs on; review dates are compared with it. */
  today?: Date;
  /** Every content id the pathway machines name (flowContentRefs() from flows/registry.ts). */
  flowRefs?: FlowContentRef[];
  /** The coverage tags the audit rules use; a topic tag outside them is probably misspelt. */
  auditTags?: Iterable<string>;
  /** Every message id the code sends (requiredMessageIds() from bot/message-ids.ts). */
  messageRefs?: Iterable<string>;
  /**
   * Score text for plain English (default true). The start-up check turns it off: readability never
   * blocks start-up and is the slowest check; `npm run content:check` always runs it.
   */
  readability?: boolean;
}

/**
 * Problems that would make the assistant fail mid-conversation, or fail to send the crisis or error
 * replies: the assistant refuses to start with any of them.
 */
export const BLOCKING_PROBLEM_CODES: ReadonlySet<string> = new Set([
  'missing-flow-topic',
  'missing-flow-prompt',
  'missing-choice-label',
  'missing-message',
  'missing-staff-wording',
]);

/** One SMS is 160 characters; a summary may take two, and must answer the question on its own. */
export const SUMMARY_MAX = 300;
/** Content should be looked at again within a year of being checked. */
const MAX_REVIEW_DAYS = 366;

interface TextItem {
  file: string;
  id: string;
  field: string;
  text: string;
  /** Score it for plain English (list items are scored joined, in one item). */
  readability: boolean;
  /** Must fit one SMS answer. */
  summary?: boolean;
  /** Interface messages may carry conversation values such as {deadline}; content may not. */
  allowVars?: boolean;
  /** A list joined up only to be scored; its items are checked one by one elsewhere. */
  scoreOnly?: boolean;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const LETTER_PLACEHOLDER = /\[[^\]\n]+\]/g;

/** Looks up a dotted path such as "helpline.phone" in the council profile. */
export function resolveCouncilPath(council: CouncilProfile, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (obj, key) => (obj && typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined),
      council,
    );
}

/** Fills {council.*} placeholders the way the assistant does, leaving anything unknown as it is. */
export function fillCouncil(text: string, council: CouncilProfile): string {
  return text.replace(PLACEHOLDER, (whole, inner: string) => {
    if (!inner.startsWith('council.')) return whole;
    const value = resolveCouncilPath(council, inner.slice('council.'.length));
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const normalisePhrase = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

class Checker {
  readonly problems: ContentProblem[] = [];

  constructor(readonly store: ContentStore) {}

  error(code: string, file: string, id: string, field: string, message: string): void {
    this.problems.push({ severity: 'error', code, file, id, field, message });
  }

  warn(code: string, file: string, id: string, field: string, message: string): void {
    this.problems.push({ severity: 'warning', code, file, id, field, message });
  }

  fileOf(kind: 'topic' | 'glossary' | 'prompt' | 'message' | 'staff', id: string): string {
    return this.store.origin.get(`${kind}:${id}`) ?? `(${kind} not from a file)`;
  }

  get councilFile(): string {
    return this.store.origin.get('council') ?? `council/${this.store.council.id}.yaml`;
  }
}

/** Every text the assistant can send, with where it lives. */
function collectTexts(c: Checker): TextItem[] {
  const items: TextItem[] = [];
  const { store } = c;
  for (const topic of store.topics.values()) {
    const file = c.fileOf('topic', topic.id);
    const add = (field: string, text: string, readability: boolean, summary = false) => items.push({ file, id: topic.id, field, text, readability, summary });
    const addList = (field: string, list: string[]) => {
      list.forEach((step, i) => add(`${field}.${i}`, step, false));
      if (list.length) items.push({ file, id: topic.id, field, text: list.join('\n'), readability: true, scoreOnly: true });
    };
    add('title', topic.title, false);
    add('summary', topic.summary, true, true);
    add('body', topic.body, true);
    addList('nextSteps', topic.nextSteps);
    topic.sources.forEach((source, i) => add(`sources.${i}.ref`, source.ref, false));
    for (const [audience, wording] of Object.entries(topic.variants)) {
      if (!wording) continue;
      if (wording.summary) add(`variants.${audience}.summary`, wording.summary, true, true);
      if (wording.body) add(`variants.${audience}.body`, wording.body, true);
      addList(`variants.${audience}.nextSteps`, wording.nextSteps ?? []);
    }
  }
  for (const term of store.glossary.values()) {
    const file = c.fileOf('glossary', term.id);
    items.push({ file, id: term.id, field: 'term', text: term.term, readability: false });
    items.push({ file, id: term.id, field: 'meaning', text: term.meaning, readability: true });
  }
  for (const prompt of store.prompts.values()) {
    const file = c.fileOf('prompt', prompt.id);
    items.push({ file, id: prompt.id, field: 'text', text: prompt.text, readability: true });
    for (const [audience, wording] of Object.entries(prompt.variants)) {
      if (wording) items.push({ file, id: prompt.id, field: `variants.${audience}.text`, text: wording.text, readability: true });
    }
    for (const [choice, copy] of Object.entries(prompt.choices)) {
      items.push({ file, id: prompt.id, field: `choices.${choice}.label`, text: copy.label, readability: true });
    }
  }
  for (const message of store.messages.values()) {
    const file = c.fileOf('message', message.id);
    items.push({ file, id: message.id, field: 'text', text: message.text, readability: true, allowVars: true });
    for (const [audience, wording] of Object.entries(message.variants)) {
      if (wording) items.push({ file, id: message.id, field: `variants.${audience}.text`, text: wording.text, readability: true, allowVars: true });
    }
  }
  for (const step of store.staffSteps.values()) {
    const file = c.fileOf('staff', step.id);
    items.push({ file, id: step.id, field: 'script', text: step.script, readability: true, allowVars: true });
    items.push({ file, id: step.id, field: 'why', text: step.why, readability: true, allowVars: true });
    if (step.safeguarding) items.push({ file, id: step.id, field: 'safeguarding', text: step.safeguarding, readability: true, allowVars: true });
  }
  return items;
}

function checkPlaceholders(c: Checker, item: TextItem): void {
  for (const match of item.text.matchAll(PLACEHOLDER)) {
    const inner = match[1] ?? '';
    if (inner.startsWith('council.')) {
      const path = inner.slice('council.'.length);
      const value = resolveCouncilPath(c.store.council, path);
      if (value === undefined || value === null || value === '') {
        c.error(
          'unknown-placeholder',
          item.file,
          item.id,
          item.field,
          `unknown council placeholder {${inner}}: the council profile has no "${path}". Check the spelling, or add it to the profile`,
        );
      } else if (typeof value === 'object') {
        c.error(
          'placeholder-not-one-value',
          item.file,
          item.id,
          item.field,
          `{${inner}} is a group of details, not one value: name one, such as {${inner}.${Object.keys(value)[0] ?? 'name'}}`,
        );
      }
    } else if (!(item.allowVars && /^[a-zA-Z][a-zA-Z0-9]*$/.test(inner))) {
      c.error(
        'not-a-placeholder',
        item.file,
        item.id,
        item.field,
        `{${inner}} is not a council placeholder: only {council.something} can go in curly brackets here`,
      );
    }
  }
}

function describeChars(chars: ReturnType<typeof findNonGsm7>): string {
  const seen = new Map<string, string>();
  for (const ch of chars) {
    if (!seen.has(ch.char))
      seen.set(ch.char, `"${ch.char}" (${ch.code}${ch.suggestion !== undefined ? `, type ${JSON.stringify(ch.suggestion)} instead` : ''})`);
  }
  return [...seen.values()].join(', ');
}

function checkGsm7(c: Checker, file: string, id: string, field: string, text: string): void {
  const bad = findNonGsm7(text);
  if (bad.length) c.error('not-gsm7', file, id, field, `has characters that basic phones cannot show in a text message: ${describeChars(bad)}`);
  const plain = text.replace(PLACEHOLDER, '').replace(LETTER_PLACEHOLDER, '');
  const costly = [...new Set([...plain].filter(isGsm7ExtensionChar))].filter((ch) => ch !== '\f');
  if (costly.length) {
    c.warn(
      'costly-characters',
      file,
      id,
      field,
      `uses ${costly.map((ch) => `"${ch}"`).join(', ')}, which count as two characters in a text message and some phones show wrongly: use words instead`,
    );
  }
}

function checkReadability(c: Checker, item: TextItem): void {
  const score = scoreReadability(item.text);
  if (score.ok || score.ease === null || score.grade === null) return;
  const why = [
    score.ease < MIN_READING_EASE ? `reading ease is ${score.ease} (needs ${MIN_READING_EASE} or more)` : '',
    score.grade > MAX_GRADE ? `grade is ${score.grade} (needs ${MAX_GRADE} or less)` : '',
  ].filter(Boolean);
  c.error('not-plain-english', item.file, item.id, item.field, `is not plain enough: ${why.join(' and ')}. Use shorter sentences and shorter, everyday words`);
}

function checkSummaryLength(c: Checker, item: TextItem): void {
  const filled = fillCouncil(item.text, c.store.council);
  const length = gsm7Length(filled);
  if (length > SUMMARY_MAX) {
    c.error(
      'summary-too-long',
      item.file,
      item.id,
      item.field,
      `is ${length} characters in a text message once council details are filled in; the limit is ${SUMMARY_MAX}`,
    );
  }
}

function checkTopicLinks(c: Checker, topic: Topic, file: string): void {
  for (const id of topic.related) {
    if (!c.store.topics.has(id)) c.error('unknown-related-topic', file, topic.id, 'related', `"${id}" is not a topic in the content store`);
    else if (id === topic.id) c.warn('related-to-itself', file, topic.id, 'related', 'lists the topic itself');
  }
  for (const id of topic.glossary) {
    if (!c.store.glossary.has(id)) c.error('unknown-glossary-term', file, topic.id, 'glossary', `"${id}" is not a glossary term`);
  }
}

function checkTopicDates(c: Checker, topic: Topic, file: string, today: string): void {
  if (topic.lastChecked > today)
    c.error('checked-in-future', file, topic.id, 'lastChecked', `is ${topic.lastChecked}, which is in the future (today is ${today})`);
  if (topic.reviewDue < today)
    c.warn('review-due', file, topic.id, 'reviewDue', `was ${topic.reviewDue}: check the topic is still right, then update lastChecked and reviewDue`);
  if (topic.reviewDue < topic.lastChecked) c.warn('review-before-checked', file, topic.id, 'reviewDue', `is before lastChecked (${topic.lastChecked})`);
  else if (daysBetween(topic.lastChecked, topic.reviewDue) > MAX_REVIEW_DAYS)
    c.warn('review-too-far', file, topic.id, 'reviewDue', `is more than a year after lastChecked (${topic.lastChecked}): set it within a year`);
}

/** A young person reading "your child" about themselves is told the service is not for them. */
function checkYoungPersonWording(c: Checker, topic: Topic, file: string): void {
  if (!topic.audiences.includes('young-person') || topic.variants['young-person']) return;
  if (/\byour (child|son|daughter)\b/i.test(`${topic.summary}\n${topic.body}`)) {
    c.warn(
      'young-person-wording',
      file,
      topic.id,
      'variants.young-person',
      'the topic is for young people but talks about "your child": add young-person wording that says "you"',
    );
  }
}

function checkTags(c: Checker, topic: Topic, file: string, known: Set<string>): void {
  for (const tag of topic.tags) {
    if (!known.has(tag))
      c.warn(
        'unused-tag',
        file,
        topic.id,
        'tags',
        `"${tag}" is not used by any audit rule, so it counts for nothing: check it against the tags in content/data/audit/`,
      );
  }
}

function checkSynonyms(c: Checker): void {
  const owner = new Map<string, string>();
  for (const topic of c.store.topics.values()) {
    const file = c.fileOf('topic', topic.id);
    for (const synonym of new Set(topic.synonyms.map(normalisePhrase))) {
      const first = owner.get(synonym);
      if (first && first !== topic.id)
        c.error('synonym-clash', file, topic.id, 'synonyms', `"${synonym}" is also a synonym of topic ${first}: a phrase can lead to one topic only`);
      else owner.set(synonym, topic.id);
    }
  }
}

function checkGlossary(c: Checker): void {
  const owner = new Map<string, string>();
  for (const term of c.store.glossary.values()) {
    const file = c.fileOf('glossary', term.id);
    if (term.topic && !c.store.topics.has(term.topic))
      c.error('unknown-glossary-topic', file, term.id, 'topic', `"${term.topic}" is not a topic in the content store`);
    const names = new Map<string, string>([[normalisePhrase(term.term), 'term']]);
    for (const aka of term.aka) if (!names.has(normalisePhrase(aka))) names.set(normalisePhrase(aka), 'aka');
    for (const [name, field] of names) {
      const first = owner.get(name);
      if (first && first !== term.id)
        c.error(
          'glossary-name-clash',
          file,
          term.id,
          field,
          `"${name}" is also used by glossary term ${first}: people typing it would not know which one they get`,
        );
      else owner.set(name, term.id);
    }
  }
}

function checkFlowRefs(c: Checker, refs: FlowContentRef[]): void {
  const offeredByPrompt = new Map<string, Set<string>>();
  for (const ref of refs) {
    const file = `flows/${ref.machine}.machine.ts`;
    const where = `${ref.machine}.${ref.state}`;
    if (ref.topic && !c.store.topics.has(ref.topic)) {
      c.error(
        'missing-flow-topic',
        file,
        where,
        'meta.topic',
        `the ${ref.machine} flow shows topic "${ref.topic}" at state ${ref.state}, but it does not exist: add the topic`,
      );
    }
    if (!ref.prompt) continue;
    const prompt = c.store.prompts.get(ref.prompt);
    if (!prompt) {
      c.error(
        'missing-flow-prompt',
        file,
        where,
        'meta.prompt',
        `the ${ref.machine} flow asks prompt "${ref.prompt}" at state ${ref.state}, but it does not exist: add it under flows/`,
      );
      continue;
    }
    const offered = offeredByPrompt.get(prompt.id) ?? new Set<string>();
    ref.choices.forEach((choice) => offered.add(choice));
    offeredByPrompt.set(prompt.id, offered);
    for (const choice of ref.choices) {
      if (!prompt.choices[choice]) {
        c.error(
          'missing-choice-label',
          c.fileOf('prompt', prompt.id),
          prompt.id,
          `choices.${choice}`,
          `the ${ref.machine} flow offers choice "${choice}" at state ${ref.state}, but it does not exist in this prompt: add a label for it`,
        );
      }
    }
  }
  for (const [promptId, offered] of offeredByPrompt) {
    const prompt = c.store.prompts.get(promptId);
    for (const choice of Object.keys(prompt?.choices ?? {})) {
      if (!offered.has(choice)) {
        c.error(
          'unused-choice',
          c.fileOf('prompt', promptId),
          promptId,
          `choices.${choice}`,
          `no pathway state that asks this prompt offers choice "${choice}": remove it or check its id`,
        );
      }
    }
  }
}

/**
 * Staff mode reads every step aloud, so every step a person can stand at needs staff wording, and
 * staff wording must name a real step. Final states only hand over to another pathway and are never shown.
 */
function checkStaffWording(c: Checker, refs: FlowContentRef[]): void {
  const steps = new Set<string>();
  for (const ref of refs) {
    const where = `${ref.machine}.${ref.state}`;
    steps.add(where);
    if (ref.meta?.handover) continue;
    if (!c.store.staffSteps.has(where)) {
      c.error(
        'missing-staff-wording',
        `staff/${ref.machine}.yaml`,
        where,
        'id',
        `the ${ref.machine} flow has step ${ref.state}, but it has no staff wording: add a record with id "${where}"`,
      );
    }
  }
  for (const id of c.store.staffSteps.keys()) {
    if (!steps.has(id)) c.error('unknown-staff-step', c.fileOf('staff', id), id, 'id', 'no pathway has this step: check the pathway and state name');
  }
}

/** Council details are read out in messages and texts too, so they must be text-message safe. */
function checkCouncilProfile(c: Checker): void {
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') checkGsm7(c, c.councilFile, c.store.council.id, path, value);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(c.store.council, '');
}

export function validateContent(store: ContentStore, opts: ValidateOptions = {}): ContentProblem[] {
  const c = new Checker(store);
  const today = isoDay(opts.today ?? new Date());
  const scoreText = opts.readability ?? true;

  for (const item of collectTexts(c)) {
    if (!item.scoreOnly) {
      checkPlaceholders(c, item);
      checkGsm7(c, item.file, item.id, item.field, item.text);
    }
    if (item.readability && scoreText) checkReadability(c, item);
    if (item.summary) checkSummaryLength(c, item);
  }
  const auditTags = opts.auditTags ? new Set(opts.auditTags) : undefined;
  for (const topic of store.topics.values()) {
    const file = c.fileOf('topic', topic.id);
    if (auditTags) checkTags(c, topic, file, auditTags);
    checkTopicLinks(c, topic, file);
    checkTopicDates(c, topic, file, today);
    checkYoungPersonWording(c, topic, file);
  }
  checkSynonyms(c);
  checkGlossary(c);
  if (opts.flowRefs) checkFlowRefs(c, opts.flowRefs);
  for (const id of opts.messageRefs ?? []) {
    if (!store.messages.has(id))
      c.error('missing-message', 'content/data/messages', id, 'text', `the assistant sends message "${id}", but it does not exist: add it`);
  }
  if (opts.flowRefs) checkStaffWording(c, opts.flowRefs);
  checkCouncilProfile(c);
  return c.problems;
}
