/**
 * Every machine the assistant runs, with the version stamped on its stored snapshots. Bump a version
 * whenever a change would make an older snapshot meaningless (a state renamed or removed, context
 * reshaped), and add a migration below if live conversations can be carried over.
 */
import type { AnyStateMachine } from 'xstate';
import type { PathwayId } from '../content/schema.js';
import { adulthoodMachine } from './adulthood.machine.js';
import { disagreementMachine } from './disagreement.machine.js';
import { ehcRequestMachine } from './ehc-request.machine.js';
import { intakeMachine } from './intake.machine.js';
import { worriedMachine } from './worried.machine.js';
import { CHOICE_PREFIX, type StepMeta } from './types.js';

export type MachineId = 'intake' | PathwayId;

export interface MachineEntry {
  machine: AnyStateMachine;
  version: number;
  /**
   * Carries a snapshot from an older version forward. Return undefined when it cannot be carried, and
   * the conversation restarts this pathway politely with the person's answers kept.
   */
  migrate?: (fromVersion: number, snapshot: unknown) => unknown;
}

export const MACHINES: Record<MachineId, MachineEntry> = {
  intake: { machine: intakeMachine, version: 1 },
  worried: { machine: worriedMachine, version: 1 },
  'ehc-request': { machine: ehcRequestMachine, version: 1 },
  disagreement: { machine: disagreementMachine, version: 1 },
  adulthood: { machine: adulthoodMachine, version: 1 },
};

export const PATHWAY_IDS = ['worried', 'ehc-request', 'disagreement', 'adulthood'] as const satisfies readonly PathwayId[];

export function isMachineId(value: unknown): value is MachineId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(MACHINES, value);
}

/** A state as the rest of the product sees it: its content ids and the choices it offers. */
export interface FlowContentRef {
  machine: string;
  state: string;
  topic?: string;
  prompt?: string;
  choices: string[];
  meta?: StepMeta;
}

interface NodeLike {
  key: string;
  meta?: unknown;
  config: { on?: Record<string, unknown> };
  states: Record<string, NodeLike>;
}

/** The choices a state offers, in the order the machine lists them. */
export function choicesOf(node: NodeLike): string[] {
  return Object.keys(node.config.on ?? {})
    .filter((type) => type.startsWith(CHOICE_PREFIX))
    .map((type) => type.slice(CHOICE_PREFIX.length));
}

export function stateNodesOf(machine: AnyStateMachine): NodeLike[] {
  const out: NodeLike[] = [];
  const walk = (node: NodeLike) => {
    for (const child of Object.values(node.states)) {
      out.push(child);
      walk(child);
    }
  };
  walk(machine.root);
  return out;
}

/** Every content id every machine names, for the content check and the path tests. */
export function flowContentRefs(): FlowContentRef[] {
  return (Object.keys(MACHINES) as MachineId[]).flatMap((id) =>
    stateNodesOf(MACHINES[id].machine)
      .filter((node) => node.meta)
      .map((node) => {
        const meta = node.meta as StepMeta;
        return { machine: id, state: node.key, topic: meta.topic, prompt: meta.prompt, choices: choicesOf(node), meta };
      }),
  );
}
