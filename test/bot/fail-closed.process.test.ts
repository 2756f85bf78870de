/**
 * The real start command with Bot Framework credentials and NODE_ENV unset, as the issue found it:
 * it must refuse to start, say why, and never listen.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/external-tools.js';

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const { NODE_ENV: _unset, NODE_OPTIONS: _vm, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 30 s: it started when it should have refused\n${stdout}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test('with MicrosoftAppId, the default key secret and NODE_ENV unset, npm start refuses on 0.0.0.0 and never listens', async () => {
  const port = await freePort();
  const result = await start({
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppPassword: 'app-password',
    HOST: '0.0.0.0',
    PORT: String(port),
    STORAGE: 'memory',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'loa-fail-closed-')),
  });
  expect(result.code).toBe(1);
  for (const name of ['CONVERSATION_KEY_SECRET', 'STORAGE', 'DIRECT_LINE_SECRET', 'WEBCHAT_TRUSTED_ORIGINS', 'TEAMS_ALLOWED_TENANTS']) {
    expect(result.stderr).toContain(name);
  }
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
}, 40_000);
