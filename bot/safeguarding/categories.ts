/**
 * The kinds of crisis the second (statistical) safeguarding layer tells apart, and the crisis messages
 * each one needs. The rule layer reports coarser kinds (rules.ts); both meet in crisis-reply.ts.
 */
import type { RiskKind } from './rules.js';

/** Crisis categories, as labelled in the training corpus and the evaluation sets. */
export const CATEGORIES = [
  'suicide',
  'self-harm',
  'medical',
  'child-abuse',
  'grooming',
  'sextortion',
  'exploitation',
  'threats-extortion',
  'forced-marriage',
  'fgm',
  'domestic-abuse',
  'missing',
  'eating-disorder',
  'harm-to-others',
  'carer-breaking-point',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Every label the classifier learns: the crisis categories, `possible` (a real but uncertain signal: a
 * past event, an ambiguous phrase) and `none` (ordinary questions and figurative language).
 */
export const LABELS = [...CATEGORIES, 'possible', 'none'] as const;
export type Label = (typeof LABELS)[number];

export function isCategory(label: string): label is Category {
  return (CATEGORIES as readonly string[]).includes(label);
}

/** Crisis message ids, in the order a reply lists them: the most urgent help first. */
export const CRISIS_MESSAGE_ORDER = [
  'crisis.risk-to-life',
  'crisis.medical',
  'crisis.missing',
  'crisis.domestic-abuse',
  'crisis.harm-to-others',
  'crisis.self-harm',
  'crisis.eating-disorder',
  'crisis.child-at-risk',
  'crisis.exploitation',
  'crisis.forced-marriage',
  'crisis.fgm',
] as const;
export type CrisisMessageId = (typeof CRISIS_MESSAGE_ORDER)[number];

/** The message for each kind the rule layer finds. */
export const MESSAGES_FOR_KIND: Readonly<Record<RiskKind, readonly CrisisMessageId[]>> = {
  'risk-to-life': ['crisis.risk-to-life'],
  'medical-emergency': ['crisis.medical'],
  'self-harm': ['crisis.self-harm'],
  'child-at-risk': ['crisis.child-at-risk'],
};

/** The messages for each category: the services the issue of that category calls for. */
export const MESSAGES_FOR_CATEGORY: Readonly<Record<Category, readonly CrisisMessageId[]>> = {
  suicide: ['crisis.self-harm'],
  'self-harm': ['crisis.self-harm'],
  medical: ['crisis.medical'],
  'child-abuse': ['crisis.child-at-risk'],
  grooming: ['crisis.exploitation'],
  sextortion: ['crisis.exploitation'],
  exploitation: ['crisis.exploitation'],
  'threats-extortion': ['crisis.exploitation'],
  'forced-marriage': ['crisis.forced-marriage'],
  fgm: ['crisis.fgm'],
  'domestic-abuse': ['crisis.domestic-abuse'],
  missing: ['crisis.missing'],
  'eating-disorder': ['crisis.eating-disorder'],
  'harm-to-others': ['crisis.harm-to-others'],
  // A parent at breaking point: help for the child, and someone to talk to for the parent.
  'carer-breaking-point': ['crisis.child-at-risk', 'crisis.self-harm'],
};
