/**
 * The one place machines are run. Each bot turn restores the stored snapshot, applies one event with
 * the machine's pure transition function and stores the new snapshot; no actor is started. Snapshots are stamped with machine id and version;
 * an unknown, old or broken one is migrated or reported, never allowed to throw out of a turn.
 */
import { createActor, type AnyMachineSnapshot, type StateValue } from 'xstate';
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

type Machine = (typeof MACHINES)[MachineId]['machine'];
type Snapshot = ReturnType<Machine['resolveState']>;
type NodeLike = ReturnType<typeof stateNodesOf>[number];

/**
 * Runs a machine's pure transition functions (no actor is started: the machines only assign context, so
 * there is nothing to execute). A guard or assign that throws, or a stored snapshot naming a state the
 * machine does not have, is reported as a broken snapshot rather than thrown out of a turn.
 */
function pure<T>(machine: MachineId, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof FlowRestoreError) throw err;
    throw new FlowRestoreError('broken-snapshot', machine);
  }
}

function machineOf(machine: MachineId): Machine {
  return MACHINES[machine].machine;
}

/**
 * xstate's transition() and initialTransition() build a new inert actor scope on every call: an actor,
 * an actor system, and the machine's initial snapshot worked out once more, about 0.1 ms each, most of
 * what a step costs. They then call the machine's own pure functions with that scope, as done here with
 * one scope per machine, made once: the machines only assign context and start no child actors, so
 * nothing is ever registered in the scope's system, and the actions its executor would be handed are
 * never run (xstate's functions only return them). Same snapshots, checked against xstate's own
 * functions for every state and event of every machine (test/flows/executor-scope.test.ts).
 */
type Scope = Parameters<Machine['transition']>[2];
const scopes = new Map<MachineId, Scope>();
function scopeOf(machine: MachineId): Scope {
  let scope = scopes.get(machine);
  if (!scope) {
    // Never started: only its identity and system are read, as with xstate's own inert scope.
    const self = createActor(machineOf(machine));
    const none = () => undefined;
    scope = { self, id: '', sessionId: '', logger: none, defer: none, emit: none, system: self.system, stopChild: none, actionExecutor: none };
    scopes.set(machine, scope);
  }
  return scope;
}

function initialSnapshot(machine: MachineId, input: FlowInput): Snapshot {
  return pure(machine, () => machineOf(machine).getInitialSnapshot(scopeOf(machine), input));
}

/** A stored (persisted) snapshot back as a machine snapshot, checked against the machine's states. */
function restoreSnapshot(machine: MachineId, stored: unknown): Snapshot {
  if (typeof stored !== 'object' || stored === null || !('value' in stored) || !('context' in stored)) throw new FlowRestoreError('broken-snapshot', machine);
  const { value, context, historyValue, status } = stored as {
    value: StateValue;
    context: FlowContext;
    historyValue?: Snapshot['historyValue'];
    status?: string;
  };
  if (status === 'error' || typeof context !== 'object' || context === null) throw new FlowRestoreError('broken-snapshot', machine);
  return pure(machine, () => machineOf(machine).resolveState({ value, context, historyValue }));
}

function persistedOf(machine: MachineId, snapshot: Snapshot): PersistedFlow {
  return { machine, version: MACHINES[machine].version, snapshot: machineOf(machine).getPersistedSnapshot(snapshot) };
}

/** Each machine's state nodes by key, built once: a view is looked up on every turn. */
const nodeIndex = new Map<MachineId, Map<string, NodeLike>>();
function nodeOf(machine: MachineId, key: string): NodeLike | undefined {
  let index = nodeIndex.get(machine);
  if (!index) {
    index = new Map(stateNodesOf(machineOf(machine)).map((n) => [n.key, n]));
    nodeIndex.set(machine, index);
  }
  return index.get(key);
}

function stateKey(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
}

function viewOfSnapshot(machine: MachineId, snapshot: AnyMachineSnapshot): FlowView {
  const key = stateKey(snapshot);
  const node = nodeOf(machine, key);
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

export function startFlow(machine: MachineId, input: FlowInput): { flow: PersistedFlow; view: FlowView } {
  const snapshot = initialSnapshot(machine, input);
  return { flow: persistedOf(machine, snapshot), view: viewOfSnapshot(machine, snapshot) };
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
  return viewOfSnapshot(flow.machine, restoreSnapshot(flow.machine, flow.snapshot));
}

export interface StepResult {
  flow: PersistedFlow;
  view: FlowView;
  /** False when the event changed nothing: usually the person typed something this state does not take. */
  changed: boolean;
}

export function sendToFlow(stored: PersistedFlow, event: FlowEvent): StepResult {
  const flow = upgrade(stored);
  const before = restoreSnapshot(flow.machine, flow.snapshot);
  const canTake = before.status === 'active' && pure(flow.machine, () => before.can(event));
  const after = canTake ? pure(flow.machine, () => machineOf(flow.machine).transition(before, event, scopeOf(flow.machine))) : before;
  if (after.status === 'error') throw new FlowRestoreError('broken-snapshot', flow.machine);
  const changed = canTake && (stateKey(before) !== stateKey(after) || before.context !== after.context);
  return { flow: canTake ? persistedOf(flow.machine, after) : { ...flow }, view: viewOfSnapshot(flow.machine, after), changed };
}

/**
 * Starts a pathway at the state that shows a topic, for "take me through this step by step" after a
 * typed question. Returns null when no state of that pathway shows the topic.
 */
export function startFlowAt(machine: MachineId, topic: string, input: FlowInput): { flow: PersistedFlow; view: FlowView } | null {
  const entry = MACHINES[machine];
  const node = stateNodesOf(entry.machine).find((n) => (n.meta as StepMeta | undefined)?.topic === topic);
  if (!node) return null;
  const context = initialSnapshot(machine, input).context as FlowContext;
  const snapshot = pure(machine, () => entry.machine.resolveState({ value: node.key, context }));
  return { flow: persistedOf(machine, snapshot), view: viewOfSnapshot(machine, snapshot) };
}

/**
 * Whether a step can lead straight to one that asks for something typed (a date): through any of its
 * transitions, to the state it targets, that state's own states, or where they go on without an event.
 * Read from the machine's definition once per state. A step that can lead to none need not have the
 * message read as a date (chrono-node's parse, the slow part) to learn that no choice takes one.
 */
const leadsToInput = new Map<string, boolean>();
/** What of xstate's StateNode this reads: its transitions, by event, without one, and after a delay. */
interface Hops {
  target?: readonly Walked[];
}
interface Walked {
  meta?: unknown;
  states: Record<string, Walked>;
  parent?: Walked;
  on: Record<string, readonly Hops[]>;
  always?: readonly Hops[];
  after: readonly Hops[];
}
function mayAskInputAfter(machine: MachineId, node: NodeLike): boolean {
  const key = `${machine}\u0000${node.key}`;
  let found = leadsToInput.get(key);
  if (found === undefined) {
    const from = node as unknown as Walked;
    const seen = new Set<Walked>();
    const reach = (n: Walked): void => {
      if (seen.has(n)) return;
      seen.add(n);
      for (const child of Object.values(n.states)) reach(child);
      for (const t of [...(n.always ?? []), ...n.after]) for (const target of t.target ?? [n]) reach(target);
    };
    for (let at: Walked | undefined = from; at; at = at.parent) {
      for (const hops of [...Object.values(at.on), at.after]) for (const t of hops) for (const target of t.target ?? [from]) reach(target);
    }
    found = [...seen].some((n) => Boolean((n.meta as StepMeta | undefined)?.input));
    leadsToInput.set(key, found);
  }
  return found;
}

/** Whether a choice at this step may lead to a step that asks for something typed (see mayAskInputAfter). */
export function mayAskInputNext(view: FlowView): boolean {
  const node = nodeOf(view.machine, view.state);
  return node ? mayAskInputAfter(view.machine, node) : true;
}

/** The same for the state startFlowAt(machine, topic) would start at; false when there is none, as startFlowAt gives null. */
export function mayAskInputNextAt(machine: MachineId, topic: string): boolean {
  const node = stateNodesOf(MACHINES[machine].machine).find((n) => (n.meta as StepMeta | undefined)?.topic === topic);
  return node ? mayAskInputAfter(machine, node) : false;
}
