/**
 * Pathway: requesting an EHC needs assessment. Who can ask, how to ask (with a letter to copy), every
 * stage with its legal time limit worked out as dates, personal budgets, reviews, and what to do if the
 * answer is no: a handover to the disagreement pathway that carries the dates across.
 */
import { assign, setup } from 'xstate';
import { initialContext, sharedGuards, withDate } from './guards.js';
import type { FlowContext, FlowEvent, FlowInput, StepMeta } from './types.js';

const meta = (m: StepMeta) => m;

export const ehcRequestMachine = setup({
  types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
  guards: sharedGuards,
  actions: {
    storeDate: assign(({ context, event }) => withDate(context, event)),
  },
}).createMachine({
  id: 'ehc-request',
  context: initialContext,
  initial: 'start',
  states: {
    start: {
      meta: meta({ topic: 'ehc-plan', prompt: 'ehc-request.start' }),
      on: {
        'choose.who-can-ask': 'whoCanAsk',
        'choose.how-to-ask': 'howToAsk',
        'choose.timeline': 'timeline',
        'choose.personal-budgets': 'personalBudgets',
        'choose.refused': 'refused',
        'choose.reviews': 'annualReview',
      },
    },
    whoCanAsk: {
      meta: meta({ topic: 'ehc-who-can-ask', prompt: 'ehc-request.who-can-ask' }),
      on: { 'choose.how-to-ask': 'howToAsk', 'choose.timeline': 'timeline', BACK: 'start' },
    },
    howToAsk: {
      meta: meta({ topic: 'ehc-how-to-ask', prompt: 'ehc-request.how-to-ask' }),
      on: { 'choose.letter': 'letter', 'choose.timeline': 'timeline', BACK: 'start' },
    },
    letter: {
      meta: meta({ topic: 'ehc-request-letter', prompt: 'ehc-request.letter' }),
      on: { 'choose.timeline': 'timeline', 'choose.process': 'process', BACK: 'howToAsk' },
    },
    timeline: {
      meta: meta({ topic: 'ehc-timeline', prompt: 'ehc-request.timeline' }),
      on: {
        'choose.work-out-dates': [{ guard: 'hasRequestDate', target: 'deadlines' }, { target: 'askRequestDate' }],
        'choose.process': 'process',
        'choose.draft-plan': 'draftPlan',
        'choose.refused': 'refused',
        BACK: 'start',
      },
    },
    askRequestDate: {
      meta: meta({ prompt: 'ehc-request.ask-request-date', input: { kind: 'date', field: 'requestDate' } }),
      on: { DATE: { target: 'deadlines', actions: 'storeDate' }, BACK: 'timeline' },
    },
    deadlines: {
      meta: meta({ prompt: 'ehc-request.deadlines', facts: 'ehc-deadlines' }),
      on: {
        'choose.process': 'process',
        'choose.draft-plan': 'draftPlan',
        'choose.refused': 'refused',
        'choose.change-date': 'askRequestDate',
        BACK: 'timeline',
      },
    },
    process: {
      meta: meta({ topic: 'ehc-assessment-process', prompt: 'ehc-request.process' }),
      on: { 'choose.draft-plan': 'draftPlan', 'choose.refused': 'refused', BACK: 'timeline' },
    },
    draftPlan: {
      meta: meta({ topic: 'ehc-draft-plan', prompt: 'ehc-request.draft-plan' }),
      on: { 'choose.personal-budgets': 'personalBudgets', 'choose.reviews': 'annualReview', 'choose.disagree': 'toDisagreement', BACK: 'timeline' },
    },
    personalBudgets: {
      meta: meta({ topic: 'personal-budgets', prompt: 'ehc-request.personal-budgets' }),
      on: { 'choose.draft-plan': 'draftPlan', 'choose.timeline': 'timeline', BACK: 'start' },
    },
    annualReview: {
      meta: meta({ topic: 'annual-review', prompt: 'ehc-request.annual-review' }),
      on: { 'choose.phase-transfer': 'phaseTransfer', 'choose.disagree': 'toDisagreement', BACK: 'start' },
    },
    phaseTransfer: {
      meta: meta({ topic: 'phase-transfer', prompt: 'ehc-request.phase-transfer' }),
      on: { 'choose.disagree': 'toDisagreement', BACK: 'annualReview' },
    },
    refused: {
      meta: meta({ topic: 'ehc-refused', prompt: 'ehc-request.refused' }),
      on: { 'choose.decision-date': 'askDecisionDate', 'choose.disagree': 'toDisagreement', BACK: 'start' },
    },
    askDecisionDate: {
      meta: meta({ prompt: 'ehc-request.ask-decision-date', input: { kind: 'date', field: 'decisionDate' } }),
      on: { DATE: { target: 'toDisagreement', actions: 'storeDate' }, BACK: 'refused' },
    },
    toDisagreement: { type: 'final', meta: meta({ prompt: 'ehc-request.refused', handover: 'disagreement' }) },
  },
});
