/**
 * Pathway: disagreement and appeal. Informal first steps, SENDIASS, disagreement resolution and
 * mediation, the mediation certificate, what can be appealed, the appeal deadline as a date, complaints
 * and disability discrimination claims.
 */
import { assign, setup } from 'xstate';
import { initialContext, sharedGuards, withDate } from './guards.js';
import type { FlowContext, FlowEvent, FlowInput, StepMeta } from './types.js';

const meta = (m: StepMeta) => m;

export const disagreementMachine = setup({
  types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
  guards: sharedGuards,
  actions: {
    storeDate: assign(({ context, event }) => withDate(context, event)),
    setCertificate: assign((_, params: { certificate: FlowContext['certificate'] }) => ({ certificate: params.certificate })),
  },
}).createMachine({
  id: 'disagreement',
  context: initialContext,
  // Someone handed over with a decision date already came here to work out an appeal.
  initial: 'entry',
  states: {
    entry: {
      always: [{ guard: 'hasDecisionDate', target: 'askCertificate' }, { target: 'start' }],
    },
    start: {
      meta: meta({ prompt: 'disagreement.start' }),
      on: {
        'choose.first-steps': 'firstSteps',
        'choose.advice': 'sendiass',
        'choose.mediation': 'resolutionOrMediation',
        'choose.appeal': 'whatCanBeAppealed',
        'choose.deadline': 'deadline',
        'choose.complaints': 'complaints',
        'choose.discrimination': 'discrimination',
      },
    },
    firstSteps: {
      meta: meta({ topic: 'disagreement-first-steps', prompt: 'disagreement.first-steps' }),
      on: { 'choose.advice': 'sendiass', 'choose.mediation': 'resolutionOrMediation', 'choose.complaints': 'complaints', BACK: 'start' },
    },
    sendiass: {
      meta: meta({ topic: 'disagreement-sendiass', prompt: 'disagreement.sendiass' }),
      on: { 'choose.mediation': 'resolutionOrMediation', 'choose.appeal': 'whatCanBeAppealed', BACK: 'start' },
    },
    resolutionOrMediation: {
      meta: meta({ topic: 'disagreement-resolution-vs-mediation', prompt: 'disagreement.resolution-or-mediation' }),
      on: { 'choose.certificate': 'mediationCertificate', 'choose.appeal': 'whatCanBeAppealed', BACK: 'start' },
    },
    mediationCertificate: {
      meta: meta({ topic: 'mediation-certificate', prompt: 'disagreement.mediation-certificate' }),
      on: { 'choose.appeal': 'whatCanBeAppealed', 'choose.deadline': 'deadline', BACK: 'resolutionOrMediation' },
    },
    whatCanBeAppealed: {
      meta: meta({ topic: 'tribunal-what-can-be-appealed', prompt: 'disagreement.what-can-be-appealed' }),
      on: { 'choose.deadline': 'deadline', 'choose.how-it-works': 'howTribunalWorks', 'choose.certificate': 'mediationCertificate', BACK: 'start' },
    },
    howTribunalWorks: {
      meta: meta({ topic: 'tribunal-how-it-works', prompt: 'disagreement.how-tribunal-works' }),
      on: { 'choose.deadline': 'deadline', 'choose.advice': 'sendiass', BACK: 'whatCanBeAppealed' },
    },
    deadline: {
      meta: meta({ topic: 'tribunal-deadline', prompt: 'disagreement.deadline' }),
      on: {
        'choose.work-out-date': [{ guard: 'hasDecisionDate', target: 'askCertificate' }, { target: 'askDecisionDate' }],
        'choose.certificate': 'mediationCertificate',
        BACK: 'start',
      },
    },
    askDecisionDate: {
      meta: meta({ prompt: 'disagreement.ask-decision-date', input: { kind: 'date', field: 'decisionDate' } }),
      on: { DATE: { target: 'askCertificate', actions: 'storeDate' }, BACK: 'deadline' },
    },
    askCertificate: {
      meta: meta({ prompt: 'disagreement.ask-certificate' }),
      on: {
        'choose.has-certificate': { target: 'askCertificateDate', actions: { type: 'setCertificate', params: { certificate: 'has' } } },
        'choose.no-certificate': { target: 'appealDeadline', actions: { type: 'setCertificate', params: { certificate: 'none-yet' } } },
        'choose.school-only': { target: 'appealDeadline', actions: { type: 'setCertificate', params: { certificate: 'not-needed' } } },
        'choose.change-date': 'askDecisionDate',
        BACK: 'deadline',
      },
    },
    askCertificateDate: {
      meta: meta({ prompt: 'disagreement.ask-certificate-date', input: { kind: 'date', field: 'certificateDate' } }),
      on: { DATE: { target: 'appealDeadline', actions: 'storeDate' }, BACK: 'askCertificate' },
    },
    appealDeadline: {
      meta: meta({ prompt: 'disagreement.appeal-deadline', facts: 'appeal-deadline' }),
      on: {
        'choose.certificate': 'mediationCertificate',
        'choose.how-it-works': 'howTribunalWorks',
        'choose.advice': 'sendiass',
        'choose.change-date': 'askDecisionDate',
        BACK: 'askCertificate',
      },
    },
    complaints: {
      meta: meta({ topic: 'complaints', prompt: 'disagreement.complaints' }),
      on: { 'choose.discrimination': 'discrimination', 'choose.advice': 'sendiass', BACK: 'start' },
    },
    discrimination: {
      meta: meta({ topic: 'disability-discrimination', prompt: 'disagreement.discrimination' }),
      on: { 'choose.complaints': 'complaints', 'choose.advice': 'sendiass', BACK: 'start' },
    },
  },
});
