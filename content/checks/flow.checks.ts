/**
 * Checks that the content and the pathway machines agree: every topic, prompt and choice a machine names
 * exists, every choice a prompt labels is offered somewhere, and every step has staff wording.
 */
import type { FlowContentRef } from '../../flows/registry.js';
import type { Checker } from './checker.js';

export function checkFlowRefs(c: Checker, refs: FlowContentRef[]): void {
  const offeredByPrompt = new Map<string, Set<string>>();
  for (const ref of refs) {
    const file = `flows/${ref.machine}.machine.ts`;
    const where = `${ref.machine}.${ref.state}`;
    if (ref.topic && !c.store.topics.has(ref.topic)) {
      c.error(
        'missing-flow-topic',
        file,
        where,
        'meta.topic',
        `the ${ref.machine} flow shows topic "${ref.topic}" at state ${ref.state}, but it does not exist: add the topic`,
      );
    }
    if (!ref.prompt) continue;
    const prompt = c.store.prompts.get(ref.prompt);
    if (!prompt) {
      c.error(
        'missing-flow-prompt',
        file,
        where,
        'meta.prompt',
        `the ${ref.machine} flow asks prompt "${ref.prompt}" at state ${ref.state}, but it does not exist: add it under flows/`,
      );
      continue;
    }
    const offered = offeredByPrompt.get(prompt.id) ?? new Set<string>();
    ref.choices.forEach((choice) => offered.add(choice));
    offeredByPrompt.set(prompt.id, offered);
    for (const choice of ref.choices) {
      if (!prompt.choices[choice]) {
        c.error(
          'missing-choice-label',
          c.fileOf('prompt', prompt.id),
          prompt.id,
          `choices.${choice}`,
          `the ${ref.machine} flow offers choice "${choice}" at state ${ref.state}, but it does not exist in this prompt: add a label for it`,
        );
      }
    }
  }
  for (const [promptId, offered] of offeredByPrompt) {
    const prompt = c.store.prompts.get(promptId);
    for (const choice of Object.keys(prompt?.choices ?? {})) {
      if (!offered.has(choice)) {
        c.error(
          'unused-choice',
          c.fileOf('prompt', promptId),
          promptId,
          `choices.${choice}`,
          `no pathway state that asks this prompt offers choice "${choice}": remove it or check its id`,
        );
      }
    }
  }
}

/**
 * Staff mode reads every step aloud, so every step a person can stand at needs staff wording, and
 * staff wording must name a real step. Final states only hand over to another pathway and are never shown.
 */
export function checkStaffWording(c: Checker, refs: FlowContentRef[]): void {
  const steps = new Set<string>();
  for (const ref of refs) {
    const where = `${ref.machine}.${ref.state}`;
    steps.add(where);
    if (ref.meta?.handover) continue;
    if (!c.store.staffSteps.has(where)) {
      c.error(
        'missing-staff-wording',
        `staff/${ref.machine}.yaml`,
        where,
        'id',
        `the ${ref.machine} flow has step ${ref.state}, but it has no staff wording: add a record with id "${where}"`,
      );
    }
  }
  for (const id of c.store.staffSteps.keys()) {
    if (!steps.has(id)) c.error('unknown-staff-step', c.fileOf('staff', id), id, 'id', 'no pathway has this step: check the pathway and state name');
  }
}
