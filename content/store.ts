/**
 * Loads the content store from YAML and JSON files and validates every record with zod.
 * A bad record is reported and left out; the rest still loads, so one typo never takes the assistant down.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CouncilProfile, GlossaryTerm, Message, Prompt, Service, StaffStep, Topic, type ContentProblem } from './schema.js';
import { importOpenReferralFeed } from './services/open-referral.js';
import { readParsedCopy } from './parsed-copies.js';

/** A record's id for problem reports, before the record is validated: its own id when it has one, else its place in the list. */
export function recordIdOf(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
  return typeof id === 'string' ? id : `#${index + 1}`;
}

export const CONTENT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), 'data');
export const DEFAULT_COUNCIL = join(CONTENT_ROOT, 'council', 'sample-council.yaml');

export interface ContentStore {
  root: string;
  topics: Map<string, Topic>;
  glossary: Map<string, GlossaryTerm>;
  prompts: Map<string, Prompt>;
  messages: Map<string, Message>;
  /** Staff wording per pathway step, keyed "<machine>.<state>". */
  staffSteps: Map<string, StaffStep>;
  council: CouncilProfile;
  services: Service[];
  /** Where each record came from, so problems can name the file. Keyed "kind:id". */
  origin: Map<string, string>;
  problems: ContentProblem[];
}

export interface LoadOptions {
  root?: string;
  councilFile?: string;
  servicesFile?: string;
}

export class ContentLoadError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `The content store could not be loaded:\n${problems
        .filter((p) => p.severity === 'error')
        .map(formatProblem)
        .join('\n')}`,
    );
  }
}

export function formatProblem(p: ContentProblem): string {
  return `${p.severity.toUpperCase()} ${p.file} [${p.id}] ${p.field}: ${p.message}`;
}

function listFiles(dir: string, ext: RegExp): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, ext) : ext.test(name) ? [full] : [];
  });
}

function readStructured(file: string, root: string, problems: ContentProblem[]): unknown {
  const rel = relative(root, file) || file;
  try {
    // The build's parsed copy (content/parsed-copies.ts) spares parsing YAML at start.
    if (/\.ya?ml$/.test(file)) {
      const copy = readParsedCopy(file);
      if (copy !== undefined) return copy;
    }
    const text = readFileSync(file, 'utf8');
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    problems.push({ severity: 'error', file: rel, id: '-', field: '-', message: `cannot be read: ${(err as Error).message}` });
    return undefined;
  }
}

function issuesToProblems(file: string, id: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({
    severity: 'error' as const,
    file,
    id,
    field: issue.path.length ? issue.path.join('.') : '-',
    message: issue.message,
  }));
}

/** Parses a file holding a list of records, keeping the valid ones. */
function loadRecords<S extends z.ZodType<{ id: string }>>(
  kind: string,
  schema: S,
  files: string[],
  root: string,
  into: Map<string, z.infer<S>>,
  origin: Map<string, string>,
  problems: ContentProblem[],
): void {
  for (const file of files) {
    const rel = relative(root, file);
    const data = readStructured(file, root, problems);
    if (data === undefined) continue;
    if (!Array.isArray(data)) {
      problems.push({ severity: 'error', file: rel, id: '-', field: '-', message: `must be a list of ${kind} records (each starting with "- id:")` });
      continue;
    }
    const records: unknown[] = data;
    records.forEach((raw, index) => {
      const id = recordIdOf(raw, index);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        problems.push(...issuesToProblems(rel, id, parsed.error));
        return;
      }
      const record = parsed.data;
      if (into.has(record.id)) {
        problems.push({ severity: 'error', file: rel, id: record.id, field: 'id', message: `is used twice (also in ${origin.get(`${kind}:${record.id}`)})` });
        return;
      }
      into.set(record.id, record);
      origin.set(`${kind}:${record.id}`, rel);
    });
  }
}

export function loadContent(options: LoadOptions = {}): ContentStore {
  const root = options.root ?? CONTENT_ROOT;
  const problems: ContentProblem[] = [];
  const origin = new Map<string, string>();
  const topics = new Map<string, Topic>();
  const glossary = new Map<string, GlossaryTerm>();
  const prompts = new Map<string, Prompt>();
  const messages = new Map<string, Message>();
  const staffSteps = new Map<string, StaffStep>();
  const yaml = /\.ya?ml$/;

  loadRecords('topic', Topic, listFiles(join(root, 'topics'), yaml), root, topics, origin, problems);
  loadRecords('glossary', GlossaryTerm, listFiles(join(root, 'glossary'), yaml), root, glossary, origin, problems);
  loadRecords('prompt', Prompt, listFiles(join(root, 'flows'), yaml), root, prompts, origin, problems);
  loadRecords('message', Message, listFiles(join(root, 'messages'), yaml), root, messages, origin, problems);
  loadRecords('staff', StaffStep, listFiles(join(root, 'staff'), yaml), root, staffSteps, origin, problems);

  const councilFile = options.councilFile ?? join(root, 'council', 'sample-council.yaml');
  const councilRel = relative(root, councilFile) || councilFile;
  const councilRaw = readStructured(councilFile, root, problems);
  const councilParsed = CouncilProfile.safeParse(councilRaw);
  if (!councilParsed.success && councilRaw !== undefined) problems.push(...issuesToProblems(councilRel, 'council', councilParsed.error));

  const servicesFile = options.servicesFile ?? join(root, 'services', 'sample-council.oruk.json');
  const feed = readStructured(servicesFile, root, problems);
  const imported = feed === undefined ? { services: [], problems: [] } : importOpenReferralFeed(feed, relative(root, servicesFile) || servicesFile);
  problems.push(...imported.problems);

  if (!councilParsed.success) throw new ContentLoadError(problems);
  return { root, topics, glossary, prompts, messages, staffSteps, council: councilParsed.data, services: imported.services, origin, problems };
}
