/**
 * The meaning layer: its fast scorer gives what the network gives, it reads the normaliser's skeleton
 * words, its counted cues see time, person and management, and both layers mix as the model says.
 */
import { readStatisticalLayers } from '../../bot/safeguarding/classifier/fused.js';
import { classifierTokens } from '../../bot/safeguarding/classifier/features.js';
import { MeaningScorer } from '../../bot/safeguarding/classifier/meaning.js';
import { CONTEXT_FEATURES, DIMENSIONS, meaningInput } from '../../bot/safeguarding/classifier/meaning-input.js';

const { model } = readStatisticalLayers();
const words = (text: string): string[] => classifierTokens(text).filter((t) => t !== '.');
const cue = (text: string, name: string): number => meaningInput(model.vectors, words(text))[DIMENSIONS + CONTEXT_FEATURES.indexOf(name)] as number;

const MESSAGES = [
  "i've written letters to everyone i love and left them on my bed",
  'she had a seizure when she was 3, shes 7 now and fine',
  'Caller reports DS (14) fitting for 7 mins, rescue med given no effect',
  'how do i ask for an ehc needs assessment',
  'zzqx plorb',
  '',
];

test('the fast scorer gives the same probabilities as the network on its inputs', () => {
  const scorer = new MeaningScorer(model.meaning, model.vectors);
  for (const text of MESSAGES) {
    const fast = scorer.predictWords(words(text));
    const slow = model.meaning.predict(meaningInput(model.vectors, words(text)));
    fast.forEach((p, i) => expect(p).toBeCloseTo(slow[i] as number, 5));
    expect(fast.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  }
});

test('words are found in the skeleton form the safeguarding tokens take', () => {
  // "bleeding" is "bleding" once doubled letters are folded; "kill" is "kil".
  for (const w of words('bleeding kill still feel')) expect(model.vectors.at(w)).toBeDefined();
  expect(cue('zzqx plorb', 'unknown')).toBe(1);
});

test('the counted cues see when it happened, who it is about, and a condition being managed', () => {
  expect(cue('he tried to hang himself two years ago', 'past')).toBeGreaterThan(cue('he is trying to hang himself right now', 'past'));
  expect(cue('he is trying to hang himself right now', 'now')).toBeGreaterThan(cue('he tried to hang himself two years ago', 'now'));
  expect(cue('i want to end it', 'self')).toBeGreaterThan(0);
  expect(cue('i want to end it', 'other')).toBe(0);
  expect(cue('Caller says her son has stopped eating', 'staff')).toBeGreaterThan(0);
  expect(cue('his seizures are managed with medication and a care plan', 'managed')).toBeGreaterThan(cue('he is having a seizure', 'managed'));
});

test('the fused layer mixes the two layers by the weight the model was trained with', () => {
  const w = words('you will not hear from me again after tonight');
  const hashed = model.hashed.predictWords(w);
  const meaning = new MeaningScorer(model.meaning, model.vectors).predictWords(w);
  const fused = model.predictWords(w);
  expect(model.mix).toBeGreaterThan(0);
  fused.forEach((p, i) => expect(p).toBeCloseTo((1 - model.mix) * (hashed[i] as number) + model.mix * (meaning[i] as number), 6));
});
