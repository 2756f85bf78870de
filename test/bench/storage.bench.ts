/**
 * Storage cost per bot turn (one read and one write of a conversation) for the lowdb store with 100,
 * 1,000 and 10,000 stored conversations. The per-key layout should cost the same at every size. For
 * contrast, the same turn against a single lowdb JSON file holding every conversation, which grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from 'botbuilder';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { LowdbStorage } from '../../adapters/storage/lowdb.storage.js';
import { bench, summarise } from './harness.js';

const SIZES = [100, 1_000, 10_000];
const PER_FILE = 'turn read+write, lowdb per-key files';
const ONE_FILE = 'turn read+write, one lowdb file (contrast)';

/** About the size of a real conversation: a persisted XState snapshot plus a little profile. */
function conversation(i: number): Record<string, unknown> {
  return {
    record: {
      schema: 1,
      profile: { who: i % 3 === 0 ? 'young-person' : 'parent', stage: 'school' },
      dates: { requestDate: '2026-10-01' },
      flow: {
        machine: 'ehc-request',
        version: 3,
        snapshot: {
          status: 'active',
          value: { asking: 'who-is-asking' },
          context: {
            answers: { age: 9, setting: 'primary', worries: ['reading', 'friendships', 'sleep'] },
            visited: ['start', 'who', 'age', 'setting'],
            turn: i % 17,
          },
          historyValue: {},
          children: {},
        },
      },
      offers: [{ kind: 'step', id: 'ask-setting' }, { kind: 'topic', id: 'sen-support' }, { kind: 'menu' }],
      lastActive: '2026-11-22T10:00:00.000Z',
      awaitingResume: false,
      notes: 'x'.repeat(400),
    },
  };
}

/** A fixed, evenly spread sequence of picks (mulberry32), so every run touches the same conversations. */
function picker(size: number): () => string {
  let state = 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return `webchat/conversations/${Math.floor(unit * size)}`;
  };
}

async function populate(storage: Storage, size: number): Promise<void> {
  const batch = 200;
  for (let start = 0; start < size; start += batch) {
    const changes: Record<string, unknown> = {};
    for (let i = start; i < Math.min(size, start + batch); i += 1) changes[`webchat/conversations/${i}`] = conversation(i);
    await storage.write(changes);
  }
}

for (const size of SIZES) {
  let dir = '';
  let storage: LowdbStorage;
  let next: () => string;
  bench(
    `${PER_FILE}, ${size.toLocaleString('en-GB')} stored`,
    async () => {
      const key = next();
      const items = await storage.read([key]);
      const item = items[key] as Record<string, unknown>;
      await storage.write({ [key]: { ...item, touched: Date.now() } });
    },
    {
      iterations: 2000,
      warmup: 100,
      maxMs: 4000,
      setup: async () => {
        dir = mkdtempSync(join(tmpdir(), 'loa-bench-'));
        storage = new LowdbStorage({ dir });
        next = picker(size);
        await populate(storage, size);
      },
      teardown: () => rmSync(dir, { recursive: true, force: true }),
    },
  );
}

for (const size of SIZES) {
  let dir = '';
  let db: Low<Record<string, unknown>>;
  let next: () => string;
  bench(
    `${ONE_FILE}, ${size.toLocaleString('en-GB')} stored`,
    async () => {
      const key = next();
      await db.read();
      db.data[key] = { ...(db.data[key] as Record<string, unknown>), touched: Date.now() };
      await db.write();
    },
    {
      iterations: 200,
      warmup: 3,
      maxMs: 2500,
      setup: async () => {
        dir = mkdtempSync(join(tmpdir(), 'loa-bench-'));
        db = new Low(new JSONFile<Record<string, unknown>>(join(dir, 'db.json')), {});
        next = picker(size);
        for (let i = 0; i < size; i += 1) db.data[`webchat/conversations/${i}`] = conversation(i);
        await db.write();
      },
      teardown: () => rmSync(dir, { recursive: true, force: true }),
    },
  );
}

summarise((results) => {
  const lines: string[] = [];
  const stored = (name: string): string => /([\d,]+ stored)$/.exec(name)?.[1] ?? name;
  for (const label of [PER_FILE, ONE_FILE]) {
    const rows = results.filter((r) => r.name.startsWith(label));
    const smallest = rows[0];
    const largest = rows[rows.length - 1];
    if (!smallest || !largest || rows.length < 2) continue;
    lines.push(
      `${label}: median with ${stored(largest.name)} is ${(largest.medianUs / smallest.medianUs).toFixed(2)}x the median with ${stored(smallest.name)}`,
    );
  }
  return lines.join('\n') || undefined;
});
