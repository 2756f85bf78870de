/**
 * Collects content problems, each naming the file, the record, the field and what to do, and finds the
 * file a record came from.
 */
import type { ContentProblem } from '../schema.js';
import type { ContentStore } from '../store.js';

export class Checker {
  readonly problems: ContentProblem[] = [];

  constructor(readonly store: ContentStore) {}

  error(code: string, file: string, id: string, field: string, message: string): void {
    this.problems.push({ severity: 'error', code, file, id, field, message });
  }

  warn(code: string, file: string, id: string, field: string, message: string): void {
    this.problems.push({ severity: 'warning', code, file, id, field, message });
  }

  fileOf(kind: 'topic' | 'glossary' | 'prompt' | 'message' | 'staff', id: string): string {
    return this.store.origin.get(`${kind}:${id}`) ?? `(${kind} not from a file)`;
  }

  get councilFile(): string {
    return this.store.origin.get('council') ?? `council/${this.store.council.id}.yaml`;
  }
}
