/**
 * Handoff to a person, as one small machine. Pure: the service sends events and does the input and
 * output; states name the message each one shows, never words.
 *
 * requested (asking whether to share the conversation) -> queued (card in the helpline channel)
 *   -> withAgent (relayed both ways) -> completed.
 * No one accepts (timeout), the queue cannot be reached (failed) or it is out of hours: a callback offer,
 * then the number and the best time, then callbackRequested. "Never mind" cancels at any point.
 * completed, cancelled and callbackRequested are final: the person is back with the bot where they were.
 */
import { assign, initialTransition, setup, transition, type SnapshotFrom } from 'xstate';

export type CallbackReason = 'timeout' | 'failed' | 'out-of-hours';
export type CallbackTime = 'morning' | 'afternoon' | 'any';

export interface HandoffContext {
  caseRef: string;
  /** The person agreed to share this conversation with the helpline team. */
  share: boolean;
  reason?: CallbackReason;
  agentName?: string;
  /** Held only between the callback questions, then sent to the helpline team and dropped. */
  phone?: string;
  when?: CallbackTime;
}

export type HandoffEvent =
  | { type: 'AGREE'; share: boolean }
  | { type: 'QUEUED' }
  | { type: 'QUEUE_FAILED' }
  | { type: 'ACCEPT'; agentName: string }
  | { type: 'TIMEOUT' }
  | { type: 'END' }
  | { type: 'CANCEL' }
  | { type: 'CALLBACK_YES' }
  | { type: 'NUMBER'; phone: string }
  | { type: 'TIME'; when: CallbackTime };

export const HANDOFF_MACHINE_VERSION = 1;

export const handoffMachine = setup({
  types: {
    context: {} as HandoffContext,
    events: {} as HandoffEvent,
    input: {} as { caseRef: string; outOfHours: boolean },
  },
  guards: {
    outOfHours: ({ context }) => context.reason === 'out-of-hours',
  },
}).createMachine({
  id: 'handoff',
  context: ({ input }) => ({ caseRef: input.caseRef, share: false, reason: input.outOfHours ? 'out-of-hours' : undefined }),
  initial: 'start',
  states: {
    start: {
      always: [{ guard: 'outOfHours', target: 'callbackOffered' }, { target: 'requested' }],
    },
    requested: {
      meta: { message: 'handoff.consent' },
      on: {
        AGREE: { target: 'queueing', actions: assign({ share: ({ event }) => event.share }) },
        CANCEL: 'cancelled',
      },
    },
    /** The card is being posted to the helpline channel. */
    queueing: {
      on: {
        QUEUED: 'queued',
        QUEUE_FAILED: { target: 'callbackOffered', actions: assign({ reason: 'failed' as const }) },
        CANCEL: 'cancelled',
      },
    },
    queued: {
      meta: { message: 'handoff.queued' },
      on: {
        ACCEPT: { target: 'withAgent', actions: assign({ agentName: ({ event }) => event.agentName }) },
        TIMEOUT: { target: 'callbackOffered', actions: assign({ reason: 'timeout' as const }) },
        QUEUE_FAILED: { target: 'callbackOffered', actions: assign({ reason: 'failed' as const }) },
        CANCEL: 'cancelled',
      },
    },
    withAgent: {
      on: { END: 'completed', CANCEL: 'completed' },
    },
    callbackOffered: {
      meta: { message: 'handoff.callback.offer' },
      on: { CALLBACK_YES: 'callbackNumber', CANCEL: 'cancelled' },
    },
    callbackNumber: {
      meta: { message: 'handoff.callback.number' },
      on: { NUMBER: { target: 'callbackTime', actions: assign({ phone: ({ event }) => event.phone }) }, CANCEL: 'cancelled' },
    },
    callbackTime: {
      meta: { message: 'handoff.callback.time' },
      on: { TIME: { target: 'callbackRequested', actions: assign({ when: ({ event }) => event.when }) }, CANCEL: 'cancelled' },
    },
    completed: { type: 'final' },
    cancelled: { type: 'final' },
    callbackRequested: { type: 'final' },
  },
});

export const HANDOFF_STATES = [
  'requested',
  'queueing',
  'queued',
  'withAgent',
  'callbackOffered',
  'callbackNumber',
  'callbackTime',
  'completed',
  'cancelled',
  'callbackRequested',
] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** What is stored: the machine, its version, the state and the context. */
export interface PersistedHandoff {
  machine: 'handoff';
  version: number;
  state: HandoffState;
  context: HandoffContext;
}

type Snapshot = SnapshotFrom<typeof handoffMachine>;

function persist(snapshot: Snapshot): PersistedHandoff {
  return { machine: 'handoff', version: HANDOFF_MACHINE_VERSION, state: snapshot.value as HandoffState, context: snapshot.context };
}

export function startHandoff(caseRef: string, outOfHours: boolean): PersistedHandoff {
  const [snapshot] = initialTransition(handoffMachine, { caseRef, outOfHours });
  return persist(snapshot);
}

/** Sends one event. `changed` is false when the event means nothing in this state. */
export function sendHandoff(from: PersistedHandoff, event: HandoffEvent): { handoff: PersistedHandoff; changed: boolean } {
  const snapshot = handoffMachine.resolveState({ value: from.state, context: from.context });
  const [next] = transition(handoffMachine, snapshot, event);
  const handoff = persist(next);
  return { handoff, changed: handoff.state !== from.state || JSON.stringify(handoff.context) !== JSON.stringify(from.context) };
}

export function isFinal(state: HandoffState): boolean {
  return state === 'completed' || state === 'cancelled' || state === 'callbackRequested';
}

export function messageOf(state: HandoffState): string | undefined {
  const node = handoffMachine.getStateNodeById(`handoff.${state}`);
  return (node.meta as { message?: string } | undefined)?.message;
}
