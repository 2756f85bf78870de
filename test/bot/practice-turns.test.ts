/**
 * The practice turns taken after start (bot/warm-up.ts) touch nothing of the real assistant's: no stored
 * conversation, no gap or event written, nothing logged. And a question asked afterwards gets exactly the
 * reply it gets from an assistant that has not practised.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { MemoryStorage } from 'botbuilder';
import { pino } from 'pino';
import { buildApp, type App } from '../../bot/app.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const QUESTIONS = ['how long do i have to appeal', 'wot is sen support', 'can my child get free transport to school', 'and how long does that take'];

async function appWith(lines: string[]): Promise<{ app: App; storage: MemoryStorage; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-practice-'));
  const storage = new MemoryStorage();
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const app = await buildApp({
    env: { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, STORAGE: 'memory', WEBCHAT_ENABLED: 'false' },
    storage,
    logger,
  });
  return { app, storage, dir };
}

const ask = async (app: App) => {
  const replies = [];
  for (const text of QUESTIONS) replies.push(await app.assistant.turn({ conversationKey: 'asked', channel: 'webchat', text }));
  return JSON.stringify(replies);
};

test('practice turns store, record and log nothing, and change no reply', async () => {
  const lines: string[] = [];
  const practised = await appWith(lines);
  const fresh = await appWith([]);
  try {
    const before = lines.length;
    const turns = await practised.app.practise();
    expect(turns).toBeGreaterThan(practised.app.content.topics.size);
    // The start-up retention sweep may log meanwhile; nothing else may.
    expect(lines.slice(before).filter((l) => !l.includes('"event":"retention-sweep"'))).toEqual([]);
    expect((practised.storage as unknown as { memory: Record<string, unknown> }).memory).toEqual({});
    for (const file of [practised.app.config.gapsFile, practised.app.config.eventsFile]) expect(existsSync(file) ? readFileSync(file, 'utf8') : '').toBe('');
    expect(await ask(practised.app)).toBe(await ask(fresh.app));
  } finally {
    await practised.app.close();
    await fresh.app.close();
  }
});
