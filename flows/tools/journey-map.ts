/**
 * Draws every pathway as a Mermaid flowchart, with the words people see, so content editors and
 * service owners can review a journey without reading code. `npm run flows:map` writes docs/journeys.md;
 * `npm run flows:map -- --check` fails when it is out of date.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../../content/store.js';
import { MACHINES, flowContentRefs, stateNodesOf, type MachineId } from '../registry.js';

interface TransitionLike {
  eventType: string;
  target?: ReadonlyArray<{ key: string }>;
}

const content = loadContent();
const quote = (s: string) => `"${s.replace(/"/g, "'")}"`;

function mapOf(machineId: MachineId): string {
  const lines = ['flowchart TD'];
  const refs = new Map(
    flowContentRefs()
      .filter((r) => r.machine === machineId)
      .map((r) => [r.state, r]),
  );
  for (const node of stateNodesOf(MACHINES[machineId].machine)) {
    const ref = refs.get(node.key);
    const topic = ref?.topic ? content.topics.get(ref.topic)?.title : undefined;
    const handover = ref?.meta?.handover ? `go to: ${ref.meta.handover}` : undefined;
    const label = topic ?? handover ?? (ref?.meta?.input ? 'asks for a date' : ref?.prompt ? content.prompts.get(ref.prompt)?.text.slice(0, 60) : node.key);
    lines.push(`  ${node.key}[${quote(label ?? node.key)}]`);
    const transitions = [...((node as unknown as { transitions: Map<string, TransitionLike[]> }).transitions?.values() ?? [])].flat();
    for (const t of transitions) {
      for (const target of t.target ?? []) {
        const choice = t.eventType.startsWith('choose.') && ref?.prompt ? content.prompts.get(ref.prompt)?.choices[t.eventType.slice(7)]?.label : undefined;
        const edge = choice ?? t.eventType;
        lines.push(`  ${node.key} -->|${quote(edge)}| ${target.key}`);
      }
    }
  }
  return lines.join('\n');
}

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/journeys.md');
const doc = [
  '# Journey maps',
  '',
  'Drawn from the pathway machines by `npm run flows:map`. Do not edit by hand: change the machine or the content, then run it again.',
  '',
  ...(Object.keys(MACHINES) as MachineId[]).flatMap((id) => [`## ${id}`, '', '```mermaid', mapOf(id), '```', '']),
].join('\n');
if (process.argv.includes('--check')) {
  // In npm test: the committed maps must match the machines and content as they are now.
  if (!existsSync(out) || readFileSync(out, 'utf8') !== doc) {
    console.error(`${out} is out of date: run npm run flows:map and commit the result.`);
    process.exit(1);
  }
  console.log(`${out} is up to date.`);
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, doc);
  console.log(`Wrote ${out}`);
}
