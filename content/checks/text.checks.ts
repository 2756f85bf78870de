/**
 * Checks on every text the assistant can send: council placeholders, text-message (GSM-7) safety,
 * plain English and the length of a summary. Council details are checked for text-message safety too.
 */
import type { CouncilProfile } from '../schema.js';
import { findNonGsm7, gsm7Length, isGsm7ExtensionChar } from '../gsm7.js';
import { MAX_GRADE, MIN_READING_EASE, scoreReadability } from '../readability.js';
import type { Checker } from './checker.js';

/** One SMS is 160 characters; a summary may take two, and must answer the question on its own. */
export const SUMMARY_MAX = 300;

export interface TextItem {
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

/** Every text the assistant can send, with where it lives. */
export function collectTexts(c: Checker): TextItem[] {
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

export function checkPlaceholders(c: Checker, item: TextItem): void {
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

export function checkGsm7(c: Checker, file: string, id: string, field: string, text: string): void {
  const bad = findNonGsm7(text);
  if (bad.length) c.error('not-gsm7', file, id, field, `has characters that basic phones cannot show in a text message: ${describeChars(bad)}`);
  const plain = text.replace(PLACEHOLDER, '').replace(LETTER_PLACEHOLDER, '');
  // Each extension character once, in the order first used (read char by char: this runs on every text at start).
  const costly: string[] = [];
  for (const ch of plain) if (ch !== '\f' && isGsm7ExtensionChar(ch) && !costly.includes(ch)) costly.push(ch);
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

export function checkReadability(c: Checker, item: TextItem): void {
  const score = scoreReadability(item.text);
  if (score.ok || score.ease === null || score.grade === null) return;
  const why = [
    score.ease < MIN_READING_EASE ? `reading ease is ${score.ease} (needs ${MIN_READING_EASE} or more)` : '',
    score.grade > MAX_GRADE ? `grade is ${score.grade} (needs ${MAX_GRADE} or less)` : '',
  ].filter(Boolean);
  c.error('not-plain-english', item.file, item.id, item.field, `is not plain enough: ${why.join(' and ')}. Use shorter sentences and shorter, everyday words`);
}

export function checkSummaryLength(c: Checker, item: TextItem): void {
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

/** Council details are read out in messages and texts too, so they must be text-message safe. */
export function checkCouncilProfile(c: Checker): void {
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') checkGsm7(c, c.councilFile, c.store.council.id, path, value);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(c.store.council, '');
}
