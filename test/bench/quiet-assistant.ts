/**
 * The assistant core as the benchmarks build it: the content and topic index each benchmark loads (so
 * no benchmark warms another's caches), no gap log, no locking and nothing logged.
 */
import { LocalOfferAssistant, type AssistantDeps } from '../../bot/assistant.js';

export const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A pathway walk typed the way people type it, repeated: start, who, stage, pathway, a few steps, menu. */
export const PATHWAY_WALK = ['hi', '1', 'school', 'worried about my child', '1', '2', 'wot is sen support', 'back', 'menu'];

export function quietAssistant(deps: Pick<AssistantDeps, 'content' | 'index' | 'storage'> & Partial<AssistantDeps>): LocalOfferAssistant {
  return new LocalOfferAssistant({
    gaps: { record: async () => undefined },
    lock: { run: (_key, fn) => fn() },
    logger: quietLogger,
    resumeAfterMs: 6 * 3_600_000,
    ...deps,
  });
}

/** Call i of a walk benchmark: 50 conversations in turn, each moving one step along the walk per call. */
export async function walkStep(assistant: LocalOfferAssistant, i: number): Promise<void> {
  const conversation = i % 50;
  const step = Math.floor(i / 50) % PATHWAY_WALK.length;
  await assistant.turn({ conversationKey: `bench-${conversation}`, channel: 'webchat', text: PATHWAY_WALK[step] });
}
