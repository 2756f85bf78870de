/**
 * Tests that need a program from outside npm (Chromium, redis-server, the Teams Playground). When one
 * is missing the suite is skipped with a loud reason saying what to install; with
 * REQUIRE_EXTERNAL_TOOLS=1 (as .ci/run sets) it fails instead, so CI never skips silently.
 */
import { createServer } from 'node:net';

/** A program the tests need, and how to get it. */
export interface NeededTool {
  name: string;
  install: string;
}

export function missingToolDecision(tool: string, env: NodeJS.ProcessEnv, install = `apt-get install ${tool}`): { action: 'fail' | 'skip'; message: string } {
  if (env.REQUIRE_EXTERNAL_TOOLS === '1') {
    return { action: 'fail', message: `${tool} is not installed and REQUIRE_EXTERNAL_TOOLS=1: install it (${install}).` };
  }
  const bar = '!'.repeat(72);
  return {
    action: 'skip',
    message:
      `\n${bar}\nSKIPPING tests that need ${tool}: it is not installed.\n` +
      `Install it (${install}), or set REQUIRE_EXTERNAL_TOOLS=1 to make this a failure.\n${bar}`,
  };
}

/** describe() when every tool is there; otherwise a loud skip, or one failing test when tools are required. */
export function describeNeeding(name: string, missing: NeededTool[], body: () => void, env: NodeJS.ProcessEnv = process.env): void {
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const decision = missingToolDecision(missing.map((t) => t.name).join(' and '), env, missing.map((t) => t.install).join('; '));
  if (decision.action === 'fail') {
    describe(name, () => {
      test(`${missing.map((t) => t.name).join(' and ')} installed`, () => {
        throw new Error(decision.message);
      });
    });
    return;
  }
  console.warn(`${decision.message}\n(suite: ${name})`);
  describe.skip(name, body);
}

/** A free TCP port on loopback, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
