/**
 * Intake: asks once who is asking and the stage, then offers the four pathways. Every conversation
 * starts here, and "menu" comes back here with the answers kept.
 */
import { assign, setup } from 'xstate';
import { initialContext, sharedGuards } from './guards.js';
import type { Stage } from '../content/schema.js';
import type { FlowContext, FlowEvent, FlowInput, StepMeta, Who } from './types.js';

const meta = (m: StepMeta) => m;
const setWho = (who: Who) => ({ type: 'setWho' as const, params: { who } });
const setStage = (stage: Stage) => ({ type: 'setStage' as const, params: { stage } });

export const intakeMachine = setup({
  types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowInput },
  guards: {
    ...sharedGuards,
    profileComplete: ({ context }) => Boolean(context.profile.who && context.profile.stage),
  },
  actions: {
    setWho: assign(({ context }, params: { who: Who }) => ({ profile: { ...context.profile, who: params.who } })),
    setStage: assign(({ context }, params: { stage: Stage }) => ({ profile: { ...context.profile, stage: params.stage } })),
    clearProfile: assign({ profile: () => ({}) }),
  },
}).createMachine({
  id: 'intake',
  context: initialContext,
  initial: 'start',
  states: {
    start: {
      always: [{ guard: 'profileComplete', target: 'menu' }, { target: 'who' }],
    },
    who: {
      meta: meta({ prompt: 'intake.who' }),
      on: {
        'choose.parent': { target: 'stage', actions: setWho('parent') },
        // A young person is 16 to 25 by definition, so the stage question would only slow them down.
        'choose.young-person': { target: 'menu', actions: [setWho('young-person'), setStage('post-16')] },
        'choose.practitioner': { target: 'stage', actions: setWho('practitioner') },
      },
    },
    stage: {
      meta: meta({ prompt: 'intake.stage' }),
      on: {
        'choose.early-years': { target: 'menu', actions: setStage('early-years') },
        'choose.school': { target: 'menu', actions: setStage('school') },
        'choose.post-16': { target: 'menu', actions: setStage('post-16') },
        BACK: 'who',
      },
    },
    menu: {
      meta: meta({ prompt: 'intake.menu' }),
      on: {
        'choose.worried': 'toWorried',
        'choose.ehc-request': 'toEhcRequest',
        'choose.disagreement': 'toDisagreement',
        'choose.adulthood': 'toAdulthood',
        'choose.find-service': 'findService',
        'choose.change-details': { target: 'who', actions: 'clearProfile' },
        BACK: [{ guard: 'isYoungPerson', target: 'who' }, { target: 'stage' }],
      },
    },
    findService: {
      meta: meta({ prompt: 'intake.find-service', serviceSearch: true }),
      on: { 'choose.other-help': 'menu', BACK: 'menu' },
    },
    toWorried: { type: 'final', meta: meta({ prompt: 'intake.menu', handover: 'worried' }) },
    toEhcRequest: { type: 'final', meta: meta({ prompt: 'intake.menu', handover: 'ehc-request' }) },
    toDisagreement: { type: 'final', meta: meta({ prompt: 'intake.menu', handover: 'disagreement' }) },
    toAdulthood: { type: 'final', meta: meta({ prompt: 'intake.menu', handover: 'adulthood' }) },
  },
});
