/**
 * Walking a pathway on staff's behalf: one answer moves the flow on, handing over between machines the
 * same way the family-facing assistant does. Changing an earlier answer replays the answers before it
 * from the start, so the pathways stay pure and know nothing about staff.
 */
import { sendToFlow, startFlow, viewFlow, type FlowView, type PersistedFlow } from '../../flows/executor.js';
import type { FlowEvent, FlowInput } from '../../flows/types.js';
import type { StepTaken } from './call.js';

export interface Position {
  flow: PersistedFlow;
  view: FlowView;
}

export function startCall(): Position {
  return startFlow('intake', { profile: {} });
}

export function positionOf(flow: PersistedFlow): Position {
  return { flow, view: viewFlow(flow) };
}

/** The event an answer sends, or null for "not sure", which moves nothing. */
export function eventOf(step: StepTaken): FlowEvent | null {
  if (step.choice) return { type: `choose.${step.choice}` };
  if (step.date) return { type: 'DATE', field: step.date.field, date: step.date.iso };
  return null;
}

/** One answer. Null when the step does not take it. */
export function answer(from: Position, event: FlowEvent): Position | null {
  const result = sendToFlow(from.flow, event);
  if (!result.changed) return null;
  const view = result.view;
  const handover = view.done ? view.meta.handover : undefined;
  if (!handover) return { flow: result.flow, view };
  const input: FlowInput = { profile: view.context.profile, dates: view.context.dates };
  return startFlow(handover === 'menu' ? 'intake' : handover, input);
}

/** Replays answers from the start of the call. Answers that no longer apply are dropped. */
export function replay(taken: StepTaken[]): { position: Position; kept: StepTaken[] } {
  let position = startCall();
  const kept: StepTaken[] = [];
  for (const step of taken) {
    const event = eventOf(step);
    if (!event) {
      if (step.machine === position.view.machine && step.state === position.view.state) kept.push(step);
      continue;
    }
    const next = answer(position, event);
    if (!next) continue;
    kept.push({ ...step, machine: position.view.machine, state: position.view.state });
    position = next;
  }
  return { position, kept };
}
