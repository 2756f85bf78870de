/**
 * The executor runs each machine's pure functions with one inert scope per machine instead of xstate's
 * transition() and initialTransition(), which build a new one on every call. Every snapshot it gives must
 * be the one xstate's own functions give: checked from every start, over every state reachable with
 * every event (choices, back, dates, profile changes).
 */
import { initialTransition, transition } from 'xstate';
import { sendToFlow, startFlow, type PersistedFlow } from '../../flows/executor.js';
import { MACHINES, flowContentRefs, type MachineId } from '../../flows/registry.js';
import type { FlowEvent } from '../../flows/types.js';
import { FLOW_INPUTS } from '../helpers/flow-inputs.js';

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
    { type: 'PROFILE', profile: { who: 'young-person', stage: 'post-16' } },
  ];
}

const inputs = FLOW_INPUTS;

const machineIds = Object.keys(MACHINES) as MachineId[];

test.each(machineIds)('%s: every snapshot the executor makes is the one xstate makes', (id) => {
  const machine = MACHINES[id].machine;
  const persisted = (s: Parameters<typeof machine.getPersistedSnapshot>[0]) => JSON.stringify(machine.getPersistedSnapshot(s));
  let compared = 0;
  const seen = new Set<string>();
  for (const input of inputs) {
    const [reference] = initialTransition(machine, input);
    const { flow } = startFlow(id, input);
    expect(JSON.stringify(flow.snapshot)).toBe(persisted(reference));
    const queue: Array<{ flow: PersistedFlow; reference: typeof reference }> = [{ flow, reference }];
    while (queue.length) {
      const at = queue.shift()!;
      const key = JSON.stringify(at.flow.snapshot);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const event of eventsFor(id)) {
        const step = sendToFlow(at.flow, event);
        const expected = at.reference.status === 'active' && at.reference.can(event) ? transition(machine, at.reference, event)[0] : at.reference;
        expect({ event: event.type, snapshot: JSON.stringify(step.flow.snapshot) }).toEqual({ event: event.type, snapshot: persisted(expected) });
        compared++;
        if (step.changed) queue.push({ flow: step.flow, reference: expected });
      }
    }
  }
  // Enough of the machine was walked for the comparison to mean something.
  expect(seen.size).toBeGreaterThan(3);
  expect(compared).toBeGreaterThan(30);
});
