/**
 * Starts the assistant. Configuration and content are checked first; a problem stops start-up with a
 * message that says what to fix.
 */
import { buildApp, ContentNotReadyError } from './app.js';
import { ConfigError } from './config.js';
import { warmUp } from './warm-up.js';

async function main(): Promise<void> {
  const app = await buildApp();
  const url = await app.listen();
  const mode = app.config.localMode ? 'local mode (anonymous, loopback only)' : 'Bot Framework authentication on';
  app.logger.info(
    { event: 'started', url, mode, storage: app.config.STORAGE, council: app.content.council.name },
    `Local Offer Assistant: web chat at ${url} (${mode})`,
  );
  // The name taggers used to redact kept questions, and the bank holiday rules, load in about a second:
  // after start, not before it, so the port opens sooner and the first turn that needs them does not wait.
  // Then practice turns, one at a time between real ones, so the first people to write do not pay for
  // compiling the hot code and filling the index's caches (warm-up.ts).
  setTimeout(() => {
    warmUp();
    app.practise().then(
      (turns) => app.logger.info({ event: 'practised', turns }),
      (err: unknown) => app.logger.warn({ event: 'practice-failed', error: (err as Error).name }),
    );
  }, 1_000).unref();
  const stop = async (signal: string) => {
    app.logger.info({ event: 'stopping', signal });
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

// A process that cannot serve safely should not half-start.
main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ContentNotReadyError) {
    console.error(err.message);
  } else {
    console.error('The assistant could not start:', (err as Error).name, (err as Error).message);
  }
  process.exit(1);
});

// Nothing a user sends should reach here; if something does, log it without message text and keep serving.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled rejection:', (reason as Error)?.name ?? typeof reason);
});
