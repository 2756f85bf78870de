/**
 * The build's parsed copies of the content YAML (content/parsed-copies.ts): the store loads the same
 * records from them as from the YAML, uses them when they are current, and never uses one older than
 * its YAML, so an edit made after the build always counts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARSED_SUFFIX, writeParsedCopies } from '../../content/parsed-copies.js';
import { CONTENT_ROOT, loadContent, type ContentStore } from '../../content/store.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'loa-parsed-'));
  cpSync(CONTENT_ROOT, root, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const records = (store: ContentStore) => ({
  topics: [...store.topics.values()],
  glossary: [...store.glossary.values()],
  prompts: [...store.prompts.values()],
  messages: [...store.messages.values()],
  staffSteps: [...store.staffSteps.values()],
  council: store.council,
  problems: store.problems,
});

/** Sets a file's modification time `seconds` from now. */
const touch = (file: string, seconds: number) => utimesSync(file, new Date(Date.now() + seconds * 1000), new Date(Date.now() + seconds * 1000));

test('the store loads exactly the same content from the parsed copies as from the YAML', () => {
  const fromYaml = loadContent({ root });
  expect(writeParsedCopies(root)).toBeGreaterThan(10);
  const fromCopies = loadContent({ root });
  expect(records(fromCopies)).toEqual(records(fromYaml));
  expect(fromCopies.topics.size).toBeGreaterThan(10);
});

test('a current parsed copy is what the store reads', () => {
  writeParsedCopies(root);
  const yamlFile = join(root, 'glossary', 'terms.yaml');
  const copy = JSON.parse(readFileSync(`${yamlFile}${PARSED_SUFFIX}`, 'utf8')) as Array<{ id: string; meaning: string }>;
  copy[0]!.meaning = 'Read from the parsed copy.';
  writeFileSync(`${yamlFile}${PARSED_SUFFIX}`, JSON.stringify(copy));
  touch(`${yamlFile}${PARSED_SUFFIX}`, 5);
  expect(loadContent({ root }).glossary.get(copy[0]!.id)?.meaning).toBe('Read from the parsed copy.');
});

test('a YAML file edited after the build is read as edited, not from its older parsed copy', () => {
  writeParsedCopies(root);
  const yamlFile = join(root, 'glossary', 'terms.yaml');
  const before = loadContent({ root });
  const first = [...before.glossary.values()][0]!;
  writeFileSync(yamlFile, readFileSync(yamlFile, 'utf8').replace(first.meaning, 'Edited after the build.'));
  touch(yamlFile, 5);
  expect(loadContent({ root }).glossary.get(first.id)?.meaning).toBe('Edited after the build.');
});

test('a YAML file that does not parse gets no copy, so the store still reports it', () => {
  const broken = join(root, 'glossary', 'broken.yaml');
  writeFileSync(broken, '- id: broken\n  term: [unclosed\n');
  writeParsedCopies(root);
  expect(() => readFileSync(`${broken}${PARSED_SUFFIX}`)).toThrow();
  expect(loadContent({ root }).problems.some((p) => p.file.includes('broken.yaml'))).toBe(true);
});
