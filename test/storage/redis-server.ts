/**
 * Starts a throwaway redis-server for a test run: loopback only, a random free port, no persistence,
 * its working files in a temp folder that is removed afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '../helpers/external-tools.js';

export interface RunningRedis {
  url: string;
  /** Freezes the server with SIGSTOP: connections stay open and nothing answers, as in a network partition. */
  pause(): void;
  /** Wakes a paused server with SIGCONT. */
  resume(): void;
  stop(): Promise<void>;
}

export function findOnPath(program: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function startOnce(binary: string, dir: string): Promise<RunningRedis | undefined> {
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let gone = false;
  child.once('exit', () => {
    gone = true;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !gone) {
    if (await ping(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        pause: () => void child.kill('SIGSTOP'),
        resume: () => void child.kill('SIGCONT'),
        stop: async () => {
          // A paused server would not act on SIGTERM.
          child.kill('SIGCONT');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.kill('SIGTERM');
          await exited(child);
          clearTimeout(timer);
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Lost the port to someone else, or too slow: stop it and let the caller try another port.
  child.kill('SIGKILL');
  await exited(child);
  return undefined;
}

export async function startRedisServer(binary: string): Promise<RunningRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-redis-'));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const running = await startOnce(binary, dir);
    if (running) {
      return {
        url: running.url,
        pause: () => running.pause(),
        resume: () => running.resume(),
        stop: async () => {
          await running.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('redis-server did not start on a loopback port after 3 tries');
}
