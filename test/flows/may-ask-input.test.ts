/**
 * A message is read as a date for the next step only where a choice may lead to a step that asks for one
 * (flows/executor.ts, mayAskInputNext). Wherever one does, from every state reachable from every start,
 * the check must say it may: otherwise a date typed there would be missed. And it must say no somewhere,
 * or it saves nothing.
 */
import { mayAskInputNext, mayAskInputNextAt, sendToFlow, startFlow, startFlowAt, viewFlow, type PersistedFlow } from '../../flows/executor.js';
import { MACHINES, flowContentRefs, type MachineId } from '../../flows/registry.js';
import type { FlowEvent } from '../../flows/types.js';
import { FLOW_INPUTS } from '../helpers/flow-inputs.js';

const machineIds = Object.keys(MACHINES) as MachineId[];

const inputs = FLOW_INPUTS;

const moves: FlowEvent[] = [
  { type: 'BACK' },
  { type: 'DATE', field: 'requestDate', date: '2026-03-03' },
  { type: 'DATE', field: 'decisionDate', date: '2026-04-14' },
  { type: 'DATE', field: 'certificateDate', date: '2026-05-01' },
];

/** Every flow reachable from a start, and from each step that shows a topic, by choices, back and dates. */
function reachable(id: MachineId): PersistedFlow[] {
  const starts = inputs.flatMap((input) => [
    startFlow(id, input).flow,
    ...flowContentRefs()
      .filter((r) => r.machine === id && r.topic)
      .flatMap((r) => startFlowAt(id, r.topic!, input)?.flow ?? []),
  ]);
  const seen = new Map<string, PersistedFlow>();
  const queue = [...starts];
  while (queue.length) {
    const flow = queue.shift()!;
    const key = JSON.stringify(flow.snapshot);
    if (seen.has(key)) continue;
    seen.set(key, flow);
    const view = viewFlow(flow);
    for (const event of [...view.choices.map((c): FlowEvent => ({ type: `choose.${c}` })), ...moves]) {
      const step = sendToFlow(flow, event);
      if (step.changed) queue.push(step.flow);
    }
  }
  return [...seen.values()];
}

test.each(machineIds)('%s: wherever a choice leads to a step that asks for a date, the check says it may', (id) => {
  let asks = 0;
  let not = 0;
  for (const flow of reachable(id)) {
    const view = viewFlow(flow);
    const leads = view.choices.some((c) => {
      const peek = sendToFlow(flow, { type: `choose.${c}` });
      return peek.changed && Boolean(peek.view.meta.input);
    });
    if (leads) {
      expect({ state: view.state, may: mayAskInputNext(view) }).toEqual({ state: view.state, may: true });
      asks++;
    } else if (!mayAskInputNext(view)) not++;
  }
  expect(asks + not).toBeGreaterThan(0);
});

test('the check says no at most steps, and yes where a date is asked next', () => {
  const views = machineIds.flatMap((id) => reachable(id).map(viewFlow));
  const no = views.filter((v) => !mayAskInputNext(v));
  expect(no.length).toBeGreaterThan(views.length / 2);
  expect(views.some((v) => mayAskInputNext(v))).toBe(true);
});

test('a topic step is checked as startFlowAt would start it, and a topic no step shows may not ask', () => {
  for (const ref of flowContentRefs().filter((r) => r.topic)) {
    const started = startFlowAt(ref.machine as MachineId, ref.topic!, { profile: {} })!;
    expect(mayAskInputNextAt(ref.machine as MachineId, ref.topic!)).toBe(mayAskInputNext(started.view));
  }
  expect(mayAskInputNextAt('disagreement', 'no-such-topic')).toBe(false);
});
