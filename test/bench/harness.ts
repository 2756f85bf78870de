/**
 * A small benchmark runner. Bench files (test/bench/*.bench.ts) call bench() and summarise() when
 * imported; run.ts imports them all and calls runBenches(). Each bench is bounded by iterations and by
 * time, and the whole run by a budget, so `npm run bench` always finishes. Set-ups all run before
 * measuring, so keep what they hold (temp dirs, data) modest.
 */
import { performance } from 'node:perf_hooks';

export interface BenchOptions {
  /** Measured runs, unless maxMs runs out first. */
  iterations?: number;
  /** Unmeasured runs first, to warm caches and the JIT. */
  warmup?: number;
  /** Time limit for the measured runs of this bench. */
  maxMs?: number;
  /** Runs before warm-up, untimed (e.g. to populate a store). */
  setup?: () => Promise<void> | void;
  /** Runs after the measured runs, untimed. */
  teardown?: () => Promise<void> | void;
}

export interface BenchResult {
  name: string;
  runs: number;
  medianUs: number;
  p95Us: number;
  meanUs: number;
  setupMs: number;
}

interface Registered {
  name: string;
  fn: (i: number) => Promise<void> | void;
  options: Required<Omit<BenchOptions, 'setup' | 'teardown'>> & Pick<BenchOptions, 'setup' | 'teardown'>;
}

const registered: Registered[] = [];
const summaries: Array<(results: BenchResult[]) => string | undefined> = [];

export function bench(name: string, fn: (i: number) => Promise<void> | void, options: BenchOptions = {}): void {
  registered.push({ name, fn, options: { iterations: 1000, warmup: 50, maxMs: 5000, ...options } });
}

/** Adds a line under the results table, e.g. a ratio that shows whether cost grows with size. */
export function summarise(fn: (results: BenchResult[]) => string | undefined): void {
  summaries.push(fn);
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * Sets every bench up, then measures them in interleaved rounds (a slice of each bench per round), so
 * warm-up, disk write-back and background noise fall on all of them alike rather than on whichever
 * ran first. Set-ups and tear-downs are untimed.
 */
export async function runBenches(options: { budgetMs?: number; rounds?: number; filter?: RegExp; log?: (line: string) => void } = {}): Promise<BenchResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const deadline = performance.now() + (options.budgetMs ?? 55_000);
  const rounds = Math.max(1, options.rounds ?? 10);
  const chosen = registered.filter(({ name }) => !options.filter || options.filter.test(name));
  const states: Array<{ bench: Registered; samples: number[]; setupMs: number; spentMs: number }> = [];
  try {
    for (const bench of chosen) {
      if (performance.now() >= deadline) {
        log(`skipped (time budget used up in set-up): ${bench.name}`);
        continue;
      }
      const setupStart = performance.now();
      // Pushed before set-up so its tear-down runs even if set-up fails half-way.
      const state = { bench, samples: [] as number[], setupMs: 0, spentMs: 0 };
      states.push(state);
      await bench.options.setup?.();
      state.setupMs = performance.now() - setupStart;
      for (let i = 0; i < bench.options.warmup; i += 1) await bench.fn(i);
    }
    for (let round = 0; round < rounds; round += 1) {
      for (const state of states) {
        const { fn, options: o } = state.bench;
        const target = Math.ceil((o.iterations * (round + 1)) / rounds);
        const allowedMs = (o.maxMs * (round + 1)) / rounds;
        const roundStart = performance.now();
        while (state.samples.length < target && state.spentMs + (performance.now() - roundStart) < allowedMs && performance.now() < deadline) {
          const start = performance.now();
          await fn(state.samples.length);
          state.samples.push((performance.now() - start) * 1000);
        }
        state.spentMs += performance.now() - roundStart;
      }
    }
  } finally {
    for (const state of states) await state.bench.options.teardown?.();
  }
  const results = states.map(({ bench, samples, setupMs }): BenchResult => {
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      name: bench.name,
      runs: sorted.length,
      medianUs: quantile(sorted, 0.5),
      p95Us: quantile(sorted, 0.95),
      meanUs: sorted.reduce((sum, s) => sum + s, 0) / Math.max(1, sorted.length),
      setupMs,
    };
  });
  for (const result of results) log(formatRow(result));
  for (const summary of summaries) {
    const line = summary(results);
    if (line) log(line);
  }
  return results;
}

export function formatHeader(): string {
  return `${'bench'.padEnd(62)} ${'runs'.padStart(6)} ${'median µs'.padStart(11)} ${'p95 µs'.padStart(10)} ${'mean µs'.padStart(10)} ${'setup ms'.padStart(9)}`;
}

function formatRow(r: BenchResult): string {
  const n = (value: number, width: number): string => value.toFixed(0).padStart(width);
  return `${r.name.padEnd(62)} ${String(r.runs).padStart(6)} ${n(r.medianUs, 11)} ${n(r.p95Us, 10)} ${n(r.meanUs, 10)} ${n(r.setupMs, 9)}`;
}
