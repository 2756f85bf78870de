/**
 * npm run content:check [-- --council my-council.yaml] [--services feed.json] [--root content-folder]
 * Loads every content file, runs the deep checks against the pathways, and prints what is wrong,
 * grouped by file. Errors fail the check (and so `npm test`); warnings are printed and pass.
 * A council can check its own profile and services feed with --council and --services.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentLoadError, loadContent } from '../store.js';
import { validateContent } from '../validate.js';
import { loadAuditRules } from '../audit.js';
import { flowContentRefs } from '../../flows/registry.js';
import type { ContentProblem } from '../schema.js';
import { requiredMessageIds } from '../../bot/message-ids.js';
import { loadYouSaid, YOU_SAID_FILE } from '../reports/you-said.js';

function printGrouped(problems: ContentProblem[]): void {
  const byFile = new Map<string, ContentProblem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\n${file}`);
    const ordered = [...list].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    for (const p of ordered) console.log(`  ${p.severity === 'error' ? 'ERROR  ' : 'warning'} [${p.id}] ${p.field}: ${p.message}`);
  }
}

function summarise(problems: ContentProblem[]): number {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  printGrouped(problems);
  console.log(`\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
  return errors;
}

function main(): number {
  const { values } = parseArgs({ options: { root: { type: 'string' }, council: { type: 'string' }, services: { type: 'string' } } });
  let store;
  try {
    store = loadContent({ root: values.root, councilFile: values.council, servicesFile: values.services });
  } catch (err) {
    if (err instanceof ContentLoadError) {
      console.log('The content could not be loaded. Fix these first:');
      summarise(err.problems);
      return 1;
    }
    throw err;
  }
  // A content folder without its own audit rules is checked against the shipped ones.
  const rulesDir = values.root && existsSync(join(values.root, 'audit')) ? join(values.root, 'audit') : undefined;
  const rules = loadAuditRules(rulesDir);
  const auditTags = rules.lines.flatMap((line) => line.requirements.flatMap((r) => r.evidence.tags ?? []));
  const youSaidFile = values.root ? join(values.root, 'feedback', 'you-said-we-did.yaml') : YOU_SAID_FILE;
  const youSaid = loadYouSaid(youSaidFile, new Set(store.topics.keys()));
  const problems = [
    ...store.problems,
    ...rules.problems,
    ...youSaid.problems,
    ...validateContent(store, { flowRefs: flowContentRefs(), auditTags, messageRefs: requiredMessageIds() }),
  ];
  console.log(
    `Checked ${store.topics.size} topics, ${store.glossary.size} glossary terms, ${store.prompts.size} prompts, ${store.messages.size} messages and ${store.services.length} services for ${store.council.name}.`,
  );
  const errors = summarise(problems);
  if (errors === 0) console.log('Content check passed.');
  return errors ? 1 : 0;
}
process.exitCode = main();
