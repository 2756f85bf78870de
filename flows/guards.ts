/**
 * Guards and actions shared by every pathway machine, named so tests can swap them with .provide().
 */
import type { FlowContext, FlowEvent, FlowInput } from './types.js';

export const initialContext = ({ input }: { input: FlowInput }): FlowContext => ({
  profile: { ...input.profile },
  dates: { ...(input.dates ?? {}) },
});

export const sharedGuards = {
  isEarlyYears: ({ context }: { context: FlowContext }) => context.profile.stage === 'early-years',
  isPost16: ({ context }: { context: FlowContext }) => context.profile.stage === 'post-16',
  isYoungPerson: ({ context }: { context: FlowContext }) => context.profile.who === 'young-person',
  hasRequestDate: ({ context }: { context: FlowContext }) => Boolean(context.dates.requestDate),
  hasDecisionDate: ({ context }: { context: FlowContext }) => Boolean(context.dates.decisionDate),
};

/** The context change for a typed date; machines wrap it in assign() inside their own setup(). */
export function withDate(context: FlowContext, event: FlowEvent): Partial<FlowContext> {
  return event.type === 'DATE' ? { dates: { ...context.dates, [event.field]: event.date } } : {};
}
