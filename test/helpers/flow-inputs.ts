import type { FlowInput } from '../../flows/types.js';

/** Starting inputs that between them reach every branch a flow takes on who is asking, their stage and a known date. */
export const FLOW_INPUTS: FlowInput[] = [
  { profile: {} },
  { profile: { who: 'parent', stage: 'early-years' } },
  { profile: { who: 'parent', stage: 'school' } },
  { profile: { who: 'young-person', stage: 'post-16' } },
  { profile: { who: 'practitioner' }, dates: { decisionDate: '2026-04-14' } },
];
