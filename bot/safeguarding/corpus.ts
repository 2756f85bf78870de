/**
 * The labelled corpus the statistical safeguarding layer learns from: YAML files in
 * bot/safeguarding/corpus/, checked with zod, and expanded here into training examples.
 *
 * Each file has one label, hand-written examples, and templates with {slot} placeholders. Templates give
 * variety; the hand-written examples give the odd, real-sounding phrasings templates never would. Then
 * every example is also rewritten in the registers people actually use (text-speak, non-native English,
 * a staff member's note of a call, a disclosure buried inside a question about SEND), for negatives as
 * much as for crises, so that the register itself never predicts the label.
 *
 * Everything is deterministic (a seeded generator), so the same corpus always trains the same model.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LABELS, type Label } from './categories.js';

export const CORPUS_DIR = new URL('./corpus/', import.meta.url);

const Register = z.enum(['textspeak', 'nonnative', 'staff', 'buried']);
type Register = z.infer<typeof Register>;

export const CorpusFile = z.strictObject({
  label: z.enum(LABELS),
  /** Who speaks in the examples: `self` (first person) or `other` (about someone else). Decides the staff rewrite. */
  voice: z.enum(['self', 'other', 'mixed']).default('mixed'),
  examples: z.array(z.string().min(2)).default([]),
  templates: z.array(z.string().min(2)).default([]),
  /** How many distinct sentences each template may give at most. */
  perTemplate: z.number().int().positive().max(400).default(40),
  slots: z.record(z.string(), z.array(z.string()).min(1)).default({}),
  /** Registers to rewrite into; all of them unless listed. */
  registers: z.array(Register).optional(),
});
export type CorpusFile = z.infer<typeof CorpusFile>;

const SharedSlots = z.record(z.string(), z.array(z.string()).min(1));

export interface Example {
  text: string;
  label: Label;
  /** The file it came from, for tracing a surprising prediction. */
  file: string;
  /** How much it counts in training, 1 unless said. */
  weight?: number;
}

/** A small seeded generator (mulberry32): the corpus must expand the same way every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** Fills a template's slots, choosing at random; slots may themselves hold slots, a few levels deep. */
function fill(template: string, slots: Record<string, string[]>, rand: () => number, depth = 0): string {
  return template.replace(/\{([a-z0-9-]+)\}/g, (whole, name: string) => {
    const options = slots[name];
    if (!options) throw new Error(`unknown slot {${name}}`);
    const chosen = pick(rand, options);
    return depth < 4 ? fill(chosen, slots, rand, depth + 1) : chosen;
  });
}

const TEXTSPEAK: Array<[RegExp, string]> = [
  [/\byou\b/g, 'u'],
  [/\byour\b/g, 'ur'],
  [/\bare\b/g, 'r'],
  [/\btonight\b/g, '2nite'],
  [/\bplease\b/g, 'pls'],
  [/\bbecause\b/g, 'cos'],
  [/\bwhat\b/g, 'wot'],
  [/\bgoing to\b/g, 'gonna'],
  [/\bwant to\b/g, 'wanna'],
  [/\bpeople\b/g, 'ppl'],
  [/\breally\b/g, 'rly'],
  [/\btomorrow\b/g, 'tmrw'],
  [/\bsomeone\b/g, 'sum1'],
  [/\bthanks\b/g, 'thx'],
  [/\bdon't\b/g, 'dont'],
  [/\bi'm\b/g, 'im'],
  [/\bcan't\b/g, 'cant'],
  [/\bto\b/g, '2'],
  [/\bfor\b/g, '4'],
];

function textspeak(text: string, rand: () => number): string {
  let out = text.toLowerCase().replace(/[.,!?;:"]/g, rand() < 0.5 ? '' : ' ');
  for (const [re, to] of TEXTSPEAK) if (rand() < 0.7) out = out.replace(re, to);
  return out.replace(/\s+/g, ' ').trim();
}

function nonNative(text: string, rand: () => number): string {
  let out = text.replace(/\b(the|a|an) /gi, () => (rand() < 0.7 ? '' : 'the '));
  out = out.replace(/\b(is|are) /g, (w) => (rand() < 0.3 ? '' : w));
  out = out.replace(/\bdoesn't\b|\bdon't\b/g, 'not').replace(/\bI'm\b/g, 'I am');
  if (rand() < 0.3) out = `${pick(rand, ['Hello, ', 'Please help, ', 'Sorry my english. ', 'Hi sir, '])}${out}`;
  return out;
}

const SHIFT: Record<string, string> = {
  i: 'she',
  "i'm": 'she is',
  im: 'she is',
  "i've": 'she has',
  "i'll": 'she will',
  "i'd": 'she would',
  me: 'her',
  my: 'her',
  mine: 'hers',
  myself: 'herself',
  am: 'is',
};

function staffNote(text: string, voice: CorpusFile['voice'], shared: Record<string, string[]>, rand: () => number): string {
  const body = voice === 'other' ? text.replace(/\b(my|our)\b/gi, 'her') : text.replace(/\b[A-Za-z']+\b/g, (w) => SHIFT[w.toLowerCase()] ?? w);
  return `${pick(rand, shared['staff-prefix'] ?? ['Caller says'])} ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
}

function buried(text: string, shared: Record<string, string[]>, rand: () => number): string {
  const questions = shared['send-sentence'] ?? [];
  const before = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(rand, questions));
  const after = Array.from({ length: Math.floor(rand() * 3) }, () => pick(rand, questions));
  const core = /[.!?]$/.test(text) ? text : `${text}.`;
  return [...before, core, ...after].join(' ');
}

/** Reads and checks every corpus file. Throws naming the file and the problem. */
export function loadCorpusFiles(dir: URL = CORPUS_DIR): { files: Array<{ name: string; data: CorpusFile }>; shared: Record<string, string[]> } {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort();
  const files: Array<{ name: string; data: CorpusFile }> = [];
  let shared: Record<string, string[]> = {};
  for (const name of names) {
    const raw: unknown = parse(readFileSync(new URL(name, dir), 'utf8'));
    if (name === '_slots.yaml') {
      shared = SharedSlots.parse(raw);
      continue;
    }
    const result = CorpusFile.safeParse(raw);
    if (!result.success)
      throw new Error(`${join('bot/safeguarding/corpus', name)}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    files.push({ name, data: result.data });
  }
  return { files, shared };
}

/** A fingerprint of the corpus and extra examples, stored with the model so a stale model is noticed. */
export function corpusHash(dir: URL = CORPUS_DIR, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    hash.update(name).update(readFileSync(new URL(name, dir)));
  }
  for (const e of extra) hash.update(e);
  return hash.digest('hex').slice(0, 16);
}

/** Expands every file into examples: hand-written ones, template sentences, and their rewrites in other registers. */
export function expandCorpus(loaded: ReturnType<typeof loadCorpusFiles>, seed = 7): Example[] {
  const rand = seeded(seed);
  const out: Example[] = [];
  for (const { name, data } of loaded.files) {
    const slots = { ...loaded.shared, ...data.slots };
    const base = new Set(data.examples);
    for (const template of data.templates) {
      const seen = new Set<string>();
      for (let tries = 0; tries < data.perTemplate * 4 && seen.size < data.perTemplate; tries++) seen.add(fill(template, slots, rand));
      seen.forEach((s) => base.add(s));
    }
    const registers = new Set<Register>(data.registers ?? Register.options);
    for (const text of base) {
      out.push({ text, label: data.label, file: name });
      if (registers.has('textspeak') && rand() < 0.35) out.push({ text: textspeak(text, rand), label: data.label, file: name });
      if (registers.has('nonnative') && rand() < 0.2) out.push({ text: nonNative(text, rand), label: data.label, file: name });
      if (registers.has('staff') && rand() < 0.25) out.push({ text: staffNote(text, data.voice, loaded.shared, rand), label: data.label, file: name });
      if (registers.has('buried') && rand() < 0.25) out.push({ text: buried(text, loaded.shared, rand), label: data.label, file: name });
    }
  }
  return out;
}
