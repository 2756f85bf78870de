/**
 * Pathway: worried about my child. First steps by stage, SEN support and the graduated approach, what
 * to expect, when an EHC needs assessment is worth asking for, and free impartial advice.
 */
import { setup } from 'xstate';
import { initialContext, sharedGuards } from './guards.js';
import type { FlowContext, FlowEvent, FlowInput, StepMeta } from './types.js';

const meta = (m: StepMeta) => m;
const firstSteps = [
  { guard: 'isEarlyYears' as const, target: 'firstStepsEarlyYears' },
  { guard: 'isPost16' as const, target: 'firstStepsPost16' },
  { target: 'firstStepsSchool' },
];

export const worriedMachine = setup({
  types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
  guards: sharedGuards,
}).createMachine({
  id: 'worried',
  context: initialContext,
  initial: 'start',
  states: {
    start: {
      meta: meta({ prompt: 'worried.start' }),
      on: {
        'choose.first-steps': firstSteps,
        'choose.sen-support': 'senSupport',
        'choose.what-to-expect': 'whatToExpect',
        'choose.assessment': 'whenToAsk',
        'choose.advice': 'advice',
      },
    },
    firstStepsEarlyYears: {
      meta: meta({ topic: 'first-steps-early-years', prompt: 'worried.first-steps-early-years' }),
      on: {
        'choose.progress-check': 'progressCheck',
        'choose.portage': 'portage',
        'choose.sen-support': 'senSupport',
        'choose.advice': 'advice',
        BACK: 'start',
      },
    },
    progressCheck: {
      meta: meta({ topic: 'progress-check-at-two', prompt: 'worried.progress-check' }),
      on: { 'choose.portage': 'portage', 'choose.sen-support': 'senSupport', BACK: 'firstStepsEarlyYears' },
    },
    portage: {
      meta: meta({ topic: 'portage-and-early-support', prompt: 'worried.portage' }),
      on: { 'choose.sen-support': 'senSupport', 'choose.advice': 'advice', BACK: 'firstStepsEarlyYears' },
    },
    firstStepsSchool: {
      meta: meta({ topic: 'first-steps-school', prompt: 'worried.first-steps' }),
      on: { 'choose.sen-support': 'senSupport', 'choose.advice': 'advice', BACK: 'start' },
    },
    firstStepsPost16: {
      meta: meta({ topic: 'first-steps-post-16', prompt: 'worried.first-steps' }),
      on: { 'choose.sen-support': 'senSupport', 'choose.advice': 'advice', BACK: 'start' },
    },
    senSupport: {
      meta: meta({ topic: 'sen-support', prompt: 'worried.sen-support' }),
      on: {
        'choose.what-to-expect': 'whatToExpect',
        'choose.assessment': 'whenToAsk',
        'choose.advice': 'advice',
        BACK: 'start',
      },
    },
    whatToExpect: {
      meta: meta({ topic: 'sen-support-what-to-expect', prompt: 'worried.what-to-expect' }),
      on: { 'choose.assessment': 'whenToAsk', 'choose.advice': 'advice', BACK: 'senSupport' },
    },
    whenToAsk: {
      meta: meta({ topic: 'when-to-ask-for-assessment', prompt: 'worried.when-to-ask' }),
      on: { 'choose.start-request': 'toEhcRequest', 'choose.advice': 'advice', BACK: 'whatToExpect' },
    },
    advice: {
      meta: meta({ topic: 'independent-advice', prompt: 'worried.advice' }),
      on: { 'choose.assessment': 'whenToAsk', 'choose.sen-support': 'senSupport', BACK: 'start' },
    },
    toEhcRequest: { type: 'final', meta: meta({ prompt: 'worried.when-to-ask', handover: 'ehc-request' }) },
  },
});
