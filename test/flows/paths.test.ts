/**
 * Paths generated from the machines themselves: every state can be reached from the start, and every
 * content id a state names exists in the content store, with a label for each choice it offers.
 */
import { getShortestPaths } from '@xstate/graph';
import { loadContent } from '../../content/store.js';
import { MACHINES, flowContentRefs, stateNodesOf, type MachineId } from '../../flows/registry.js';
import type { FlowEvent, FlowInput } from '../../flows/types.js';

const content = loadContent();

function eventsFor(machine: MachineId): FlowEvent[] {
  const choices = new Set(
    flowContentRefs()
      .filter((r) => r.machine === machine)
      .flatMap((r) => r.choices),
  );
  return [
    ...[...choices].map((id): FlowEvent => ({ type: `choose.${id}` })),
    { type: 'BACK' },
    { type: 'DATE', field: 'requestDate', date: '2026-03-03' },
    { type: 'DATE', field: 'decisionDate', date: '2026-04-14' },
    { type: 'DATE', field: 'certificateDate', date: '2026-05-01' },
  ];
}

const inputs: Record<string, FlowInput> = {
  'parent, early years': { profile: { who: 'parent', stage: 'early-years' } },
  'parent, school': { profile: { who: 'parent', stage: 'school' } },
  'young person': { profile: { who: 'young-person', stage: 'post-16' } },
  'new person': { profile: {} },
};

describe.each(Object.keys(MACHINES) as MachineId[])('%s machine', (machineId) => {
  const { machine } = MACHINES[machineId];
  const reached = new Set<string>();
  for (const input of Object.values(inputs)) {
    const paths = getShortestPaths(machine, { events: eventsFor(machineId), input, serializeEvent: (e) => JSON.stringify(e) });
    for (const path of paths) {
      const value = path.state.value;
      reached.add(typeof value === 'string' ? value : JSON.stringify(value));
    }
  }

  test('every state is reachable from the start', () => {
    const all = stateNodesOf(machine).map((n) => n.key);
    const transient = stateNodesOf(machine)
      .filter((n) => !n.meta)
      .map((n) => n.key);
    const unreachable = all.filter((key) => !reached.has(key) && !transient.includes(key));
    expect(unreachable).toEqual([]);
  });

  test('every state names content that exists', () => {
    const missing: string[] = [];
    for (const ref of flowContentRefs().filter((r) => r.machine === machineId)) {
      if (ref.topic && !content.topics.has(ref.topic)) missing.push(`${ref.state}: topic ${ref.topic}`);
      const prompt = ref.prompt ? content.prompts.get(ref.prompt) : undefined;
      if (!prompt) missing.push(`${ref.state}: prompt ${ref.prompt}`);
      for (const choice of ref.choices) if (!prompt?.choices[choice]) missing.push(`${ref.state}: choice ${ref.prompt}/${choice}`);
    }
    expect(missing).toEqual([]);
  });

  test('every non-final state offers a way on', () => {
    const stuck = flowContentRefs()
      .filter((r) => r.machine === machineId && !r.meta?.handover && !r.meta?.input)
      .filter((r) => r.choices.length === 0)
      .map((r) => r.state);
    expect(stuck).toEqual([]);
  });
});
