import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkContentForStart, ContentNotReadyError } from '../../bot/app.js';
import { requiredMessageIds } from '../../bot/message-ids.js';
import { flowContentRefs } from '../../flows/registry.js';
import type { ContentStore } from '../../content/store.js';
import { sharedContent } from '../helpers/harness.js';

const quiet = { warn: () => undefined };

function without(kind: 'messages' | 'topics', id: string): ContentStore {
  const content = sharedContent();
  const copy = new Map(content[kind] as Map<string, unknown>);
  expect(copy.delete(id)).toBe(true);
  return { ...content, [kind]: copy };
}

describe('the start-up content check', () => {
  test('the shipped content starts', () => {
    expect(() => checkContentForStart(sharedContent(), quiet)).not.toThrow();
  });

  test.each(['turn-error', 'crisis.intro', 'crisis.self-harm', 'crisis.carry-on', 'welcome.privacy', 'handover.adulthood'])(
    'a missing message the code sends (%s) stops start-up, naming it',
    (id) => {
      const check = () => checkContentForStart(without('messages', id), quiet);
      expect(check).toThrow(ContentNotReadyError);
      expect(check).toThrow(`"${id}"`);
    },
  );

  test('a missing topic that a pathway shows stops start-up', () => {
    const topic = flowContentRefs().find((r) => r.topic)!.topic!;
    expect(() => checkContentForStart(without('topics', topic), quiet)).toThrow(ContentNotReadyError);
  });

  test('every message id written in the code is in the list the check uses', () => {
    const ids = new Set(sharedContent().messages.keys());
    const required = new Set(requiredMessageIds());
    const files = ['bot', 'adapters', 'flows'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, f)),
    );
    const used = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'([a-z0-9]+(?:[.-][a-z0-9]+)*)'/g)) if (ids.has(match[1]!)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((id) => !required.has(id))).toEqual([]);
  });
});
