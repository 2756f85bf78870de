import { KeyedLock } from '../../adapters/storage/keyed-lock.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  test('work for one key runs one at a time, in arrival order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string) =>
      lock.run('conversation/1', async () => {
        running += 1;
        most = Math.max(most, running);
        log.push(`start ${name}`);
        await tick();
        await tick();
        log.push(`end ${name}`);
        running -= 1;
        return name;
      });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map(job));
    expect(results).toEqual(['a', 'b', 'c', 'd']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
  });

  test('different keys do not wait for each other', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    const first = lock.run('conversation/1', () => gate.promise);
    let otherRan = false;
    await lock.run('conversation/2', () => {
      otherRan = true;
    });
    expect(otherRan).toBe(true);
    gate.resolve();
    await first;
  });

  test('a failure reaches its caller and releases the key for the next', async () => {
    const lock = new KeyedLock();
    const failing = lock.run('k', async () => {
      throw new Error('turn failed');
    });
    const throwingSync = lock.run('k', () => {
      throw new Error('sync failure');
    });
    const next = lock.run('k', () => 'carried on');
    await expect(failing).rejects.toThrow('turn failed');
    await expect(throwingSync).rejects.toThrow('sync failure');
    await expect(next).resolves.toBe('carried on');
    expect(lock.size).toBe(0);
  });

  test('idle keys are forgotten, so memory does not grow with the number of conversations', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    const held = lock.run('busy', () => gate.promise);
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => lock.run(`conversation/${i}`, async () => i)));
    expect(lock.size).toBe(1);
    const waiting = lock.run('busy', () => 'second');
    expect(lock.size).toBe(1);
    gate.resolve();
    await held;
    await waiting;
    expect(lock.size).toBe(0);
  });

  test('whenIdle settles after everything queued so far', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    let done = false;
    void lock.run('k', async () => {
      await gate.promise;
      done = true;
    });
    let idle = false;
    const waiting = lock.whenIdle().then(() => {
      idle = true;
    });
    await tick();
    expect(idle).toBe(false);
    gate.resolve();
    await waiting;
    expect(done).toBe(true);
  });
});
