/**
 * The one place machines are run. Each bot turn restores an actor from its stored snapshot, sends one
 * event, takes the new snapshot and stops the actor. Snapshots are stamped with machine id and version;
 * an unknown, old or broken one is migrated or reported, never allowed to throw out of a turn.
 */
import { createActor, type AnyActorRef, type AnyMachineSnapshot } from 'xstate';
import { choicesOf, isMachineId, MACHINES, stateNodesOf, type MachineId } from './registry.js';
import type { FlowContext, FlowEvent, FlowInput, StepMeta } from './types.js';

export interface PersistedFlow {
  machine: MachineId;
  version: number;
  snapshot: unknown;
}

export interface FlowView {
  machine: MachineId;
  state: string;
  meta: StepMeta;
  choices: string[];
  context: FlowContext;
  done: boolean;
}

export type RestoreFailure = 'unknown-machine' | 'old-version' | 'broken-snapshot';

export class FlowRestoreError extends Error {
  constructor(
    readonly reason: RestoreFailure,
    readonly machine: string,
  ) {
    super(`Cannot restore the ${machine} flow: ${reason}`);
  }
}

/** Starts an actor and makes sure an error inside it is caught here rather than becoming an uncaughtException. */
function startActor(machine: MachineId, options: { snapshot?: unknown; input?: FlowInput }): AnyActorRef {
  const entry = MACHINES[machine];
  let failed: unknown;
  const actor = createActor(entry.machine, {
    ...(options.snapshot !== undefined ? { snapshot: options.snapshot as AnyMachineSnapshot } : {}),
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  actor.subscribe({
    error: (err) => {
      failed = err ?? new Error('actor error');
    },
  });
  actor.start();
  if (failed !== undefined || actor.getSnapshot().status === 'error') {
    actor.stop();
    throw new FlowRestoreError('broken-snapshot', machine);
  }
  return actor;
}

function stateKey(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
}

function viewOfSnapshot(machine: MachineId, snapshot: AnyMachineSnapshot): FlowView {
  const key = stateKey(snapshot);
  const node = stateNodesOf(MACHINES[machine].machine).find((n) => n.key === key);
  if (!node || !node.meta) throw new FlowRestoreError('broken-snapshot', machine);
  return {
    machine,
    state: key,
    meta: node.meta as StepMeta,
    choices: snapshot.status === 'done' ? [] : choicesOf(node),
    context: snapshot.context as FlowContext,
    done: snapshot.status === 'done',
  };
}

function persist(machine: MachineId, actor: AnyActorRef): PersistedFlow {
  return { machine, version: MACHINES[machine].version, snapshot: actor.getPersistedSnapshot() };
}

export function startFlow(machine: MachineId, input: FlowInput): { flow: PersistedFlow; view: FlowView } {
  const actor = startActor(machine, { input });
  try {
    return { flow: persist(machine, actor), view: viewOfSnapshot(machine, actor.getSnapshot()) };
  } finally {
    actor.stop();
  }
}

/** Brings a stored flow up to the current version, or throws FlowRestoreError. */
function upgrade(stored: PersistedFlow): PersistedFlow {
  if (!isMachineId(stored.machine)) throw new FlowRestoreError('unknown-machine', String(stored.machine));
  const entry = MACHINES[stored.machine];
  if (stored.version === entry.version) return stored;
  const migrated = stored.version < entry.version ? entry.migrate?.(stored.version, stored.snapshot) : undefined;
  if (migrated === undefined) throw new FlowRestoreError('old-version', stored.machine);
  return { machine: stored.machine, version: entry.version, snapshot: migrated };
}

export function viewFlow(stored: PersistedFlow): FlowView {
  const flow = upgrade(stored);
  const actor = startActor(flow.machine, { snapshot: flow.snapshot });
  try {
    return viewOfSnapshot(flow.machine, actor.getSnapshot());
  } finally {
    actor.stop();
  }
}

export interface StepResult {
  flow: PersistedFlow;
  view: FlowView;
  /** False when the event changed nothing: usually the person typed something this state does not take. */
  changed: boolean;
}

export function sendToFlow(stored: PersistedFlow, event: FlowEvent): StepResult {
  const flow = upgrade(stored);
  const actor = startActor(flow.machine, { snapshot: flow.snapshot });
  try {
    const before = actor.getSnapshot() as AnyMachineSnapshot;
    const canTake = before.can(event);
    if (canTake) actor.send(event);
    const after = actor.getSnapshot() as AnyMachineSnapshot;
    if (after.status === 'error') throw new FlowRestoreError('broken-snapshot', flow.machine);
    const changed = canTake && (stateKey(before) !== stateKey(after) || before.context !== after.context);
    return { flow: persist(flow.machine, actor), view: viewOfSnapshot(flow.machine, after), changed };
  } finally {
    actor.stop();
  }
}

/**
 * Starts a pathway at the state that shows a topic, for "take me through this step by step" after a
 * typed question. Returns null when no state of that pathway shows the topic.
 */
export function startFlowAt(machine: MachineId, topic: string, input: FlowInput): { flow: PersistedFlow; view: FlowView } | null {
  const entry = MACHINES[machine];
  const node = stateNodesOf(entry.machine).find((n) => (n.meta as StepMeta | undefined)?.topic === topic);
  if (!node) return null;
  const fresh = startActor(machine, { input });
  const context = fresh.getSnapshot().context as FlowContext;
  fresh.stop();
  const snapshot = entry.machine.resolveState({ value: node.key, context });
  const actor = startActor(machine, { snapshot: entry.machine.getPersistedSnapshot(snapshot) });
  try {
    return { flow: persist(machine, actor), view: viewOfSnapshot(machine, actor.getSnapshot()) };
  } finally {
    actor.stop();
  }
}
