/**
 * Pathway: preparing for adulthood. Reviews from Year 9, the four outcomes, post-16 options, work and
 * Access to Work, university and DSA, the move to adult health and social care, plans up to 25, and a
 * young person's own rights from 16.
 */
import { setup } from 'xstate';
import { initialContext, sharedGuards } from './guards.js';
import type { FlowContext, FlowEvent, FlowInput, StepMeta } from './types.js';

const meta = (m: StepMeta) => m;

export const adulthoodMachine = setup({
  types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
  guards: sharedGuards,
}).createMachine({
  id: 'adulthood',
  context: initialContext,
  initial: 'start',
  states: {
    start: {
      meta: meta({ prompt: 'adulthood.start' }),
      on: {
        'choose.year-9': 'year9',
        'choose.options': 'options',
        'choose.work': 'work',
        'choose.university': 'university',
        'choose.adult-services': 'adultServices',
        'choose.plan-to-25': 'planTo25',
        'choose.rights': 'rights',
      },
    },
    year9: {
      meta: meta({ topic: 'pfa-year-9-reviews', prompt: 'adulthood.year-9' }),
      on: { 'choose.outcomes': 'outcomes', 'choose.options': 'options', BACK: 'start' },
    },
    outcomes: {
      meta: meta({ topic: 'pfa-outcomes', prompt: 'adulthood.outcomes' }),
      on: { 'choose.work': 'work', 'choose.housing': 'housing', 'choose.community': 'community', 'choose.adult-services': 'adultServices', BACK: 'year9' },
    },
    options: {
      meta: meta({ topic: 'post-16-options', prompt: 'adulthood.options' }),
      on: {
        'choose.internships': 'internships',
        'choose.apprenticeships': 'apprenticeships',
        'choose.specialist': 'specialist',
        'choose.college-support': 'collegeSupport',
        BACK: 'start',
      },
    },
    internships: {
      meta: meta({ topic: 'supported-internships', prompt: 'adulthood.internships' }),
      on: { 'choose.access-to-work': 'accessToWork', 'choose.apprenticeships': 'apprenticeships', BACK: 'options' },
    },
    apprenticeships: {
      meta: meta({ topic: 'apprenticeships-and-traineeships', prompt: 'adulthood.apprenticeships' }),
      on: { 'choose.access-to-work': 'accessToWork', 'choose.internships': 'internships', BACK: 'options' },
    },
    specialist: {
      meta: meta({ topic: 'section-41-and-specialist-colleges', prompt: 'adulthood.specialist' }),
      on: { 'choose.college-support': 'collegeSupport', 'choose.plan-to-25': 'planTo25', BACK: 'options' },
    },
    collegeSupport: {
      meta: meta({ topic: 'sen-support-in-college', prompt: 'adulthood.college-support' }),
      on: { 'choose.plan-to-25': 'planTo25', 'choose.specialist': 'specialist', BACK: 'options' },
    },
    work: {
      meta: meta({ topic: 'employment-support', prompt: 'adulthood.work' }),
      on: { 'choose.access-to-work': 'accessToWork', 'choose.internships': 'internships', BACK: 'start' },
    },
    accessToWork: {
      meta: meta({ topic: 'access-to-work', prompt: 'adulthood.access-to-work' }),
      on: { 'choose.work': 'work', 'choose.university': 'university', BACK: 'work' },
    },
    university: {
      meta: meta({ topic: 'higher-education-dsa', prompt: 'adulthood.university' }),
      on: { 'choose.plan-to-25': 'planTo25', 'choose.rights': 'rights', BACK: 'start' },
    },
    adultServices: {
      meta: meta({ prompt: 'adulthood.adult-services' }),
      on: { 'choose.health': 'adultHealth', 'choose.social-care': 'adultCare', BACK: 'start' },
    },
    adultHealth: {
      meta: meta({ topic: 'adult-health-transition', prompt: 'adulthood.adult-health' }),
      on: { 'choose.social-care': 'adultCare', BACK: 'adultServices' },
    },
    adultCare: {
      meta: meta({ topic: 'adult-social-care-transition', prompt: 'adulthood.adult-care' }),
      on: { 'choose.health': 'adultHealth', 'choose.housing': 'housing', BACK: 'adultServices' },
    },
    housing: {
      meta: meta({ topic: 'housing-and-independent-living', prompt: 'adulthood.housing' }),
      on: { 'choose.community': 'community', 'choose.adult-services': 'adultServices', BACK: 'outcomes' },
    },
    community: {
      meta: meta({ topic: 'community-and-leisure', prompt: 'adulthood.community' }),
      on: { 'choose.housing': 'housing', 'choose.work': 'work', BACK: 'outcomes' },
    },
    planTo25: {
      meta: meta({ topic: 'ehc-plan-to-25', prompt: 'adulthood.plan-to-25' }),
      on: { 'choose.university': 'university', 'choose.rights': 'rights', 'choose.disagree': 'toDisagreement', BACK: 'start' },
    },
    rights: {
      meta: meta({ topic: 'young-person-rights', prompt: 'adulthood.rights' }),
      on: { 'choose.plan-to-25': 'planTo25', 'choose.disagree': 'toDisagreement', BACK: 'start' },
    },
    toDisagreement: { type: 'final', meta: meta({ prompt: 'adulthood.rights', handover: 'disagreement' }) },
  },
});
