/**
 * The composition root: everything is built here, once, and passed in. Outbound adapters (storage,
 * content, gap log) first, then the assistant core, then the bot and its channels, then the server.
 * Tests build the same app with a few overrides.
 */
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Storage, type TurnContext } from 'botbuilder';
import { pino, type Logger } from 'pino';
import type { Server } from 'restify';
import { validateContent } from '../content/validate.js';
import { loadContent, formatProblem, type ContentStore } from '../content/store.js';
import { JsonlGapLog } from '../content/gaps/gap-log.js';
import { flowContentRefs } from '../flows/registry.js';
import { createStorage } from '../adapters/storage/index.js';
import { KeyedLock } from '../adapters/storage/keyed-lock.js';
import { LocalDirectLine, type DirectLineActivity } from '../adapters/directline/local-directline.js';
import { BridgeCloudAdapter } from '../adapters/directline/bridge.adapter.js';
import { registerTokenRoute } from '../adapters/directline/token.route.js';
import { registerWebChatPage } from '../adapters/webchat/page.route.js';
import { registerTwilioSms } from '../adapters/sms/twilio.route.js';
import { createChannels } from './channels.js';
import { LocalOfferAssistant } from './assistant.js';
import { LocalOfferBot } from './activity-bot.js';
import { Composer } from './compose.js';
import { loadConfig, type Config } from './config.js';
import { createServer } from './server.js';
import { TopicIndex } from './understanding/qa.js';

export interface AppOptions {
  /** Environment variables; process.env when not given. */
  env?: NodeJS.ProcessEnv;
  storage?: Storage;
  logger?: Logger;
  now?: () => Date;
}

export interface App {
  config: Config;
  content: ContentStore;
  storage: Storage;
  server: Server;
  assistant: LocalOfferAssistant;
  logger: Logger;
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export class ContentNotReadyError extends Error {}

/** Content the flows name must exist, or the assistant would fail mid-conversation: refuse to start instead. */
function checkContentForStart(content: ContentStore, logger: Logger): void {
  const problems = validateContent(content, { flowRefs: flowContentRefs() });
  const errors = problems.filter((p) => p.severity === 'error');
  const missing = errors.filter((p) => /flow|does not exist|unknown/i.test(p.message) && /flow|prompt|topic/i.test(`${p.field} ${p.message}`));
  if (errors.length) logger.warn({ event: 'content-problems', errors: errors.length }, 'content has problems: run npm run content:check');
  if (missing.length) throw new ContentNotReadyError(`Content that the pathways need is missing:\n${missing.map(formatProblem).join('\n')}`);
}

export async function buildApp(options: AppOptions = {}): Promise<App> {
  const config = loadConfig(options.env ?? process.env);
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { service: 'local-offer-assistant' } });

  // Outbound adapters.
  const content = loadContent({ councilFile: config.COUNCIL_PROFILE, servicesFile: config.SERVICES_FEED });
  checkContentForStart(content, logger);
  const storage =
    options.storage ??
    createStorage({ kind: config.STORAGE, dir: `${config.DATA_DIR}/conversations`, redisUrl: config.REDIS_URL, ttlMs: config.STATE_TTL_DAYS * 86_400_000 });
  const gaps = new JsonlGapLog(config.gapsFile);

  // The assistant core.
  const assistant = new LocalOfferAssistant({
    content,
    storage,
    index: new TopicIndex(content.topics.values(), content.glossary.values()),
    gaps,
    lock: new KeyedLock(),
    logger,
    resumeAfterMs: config.RESUME_AFTER_HOURS * 3_600_000,
    now: options.now,
  });

  // The bot and its channels.
  const composer = new Composer(content);
  const channels = createChannels({ storage, composer });
  const bot = new LocalOfferBot({
    assistant,
    renderers: channels.renderers,
    intercept: channels.intercept,
    logger,
    keySecret: config.conversationKeySecret,
    allowedTenants: config.TEAMS_ALLOWED_TENANTS,
    apology: () => ({ kind: 'info', paragraphs: [composer.message('turn-error', 'parent')] }),
  });
  const auth = new ConfigurationBotFrameworkAuthentication(
    {},
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    }),
  );
  const adapter = new BridgeCloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The stack without its first line: an error message could in theory echo what someone typed.
    logger.error({ event: 'turn-error', error: error.name, stack: error.stack?.split('\n').slice(1, 6).join('\n') });
    try {
      await bot.apologise(context);
    } catch (err) {
      logger.error({ event: 'apology-failed', error: (err as Error).name });
    }
  };

  const server = createServer({
    adapter,
    logic: bot.run,
    localMode: config.localMode,
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    health: async () => {
      if (content.topics.size === 0) return { ok: false, reason: 'no content loaded' };
      try {
        await storage.write({ 'health/probe': { at: Date.now(), eTag: '*' } });
        await storage.read(['health/probe']);
      } catch (err) {
        return { ok: false, reason: `storage is not working: ${(err as Error).name}` };
      }
      return { ok: true };
    },
  });

  let url = '';
  // Web chat: the local Direct Line service unless an Azure Direct Line secret is configured.
  if (!config.WEBCHAT_ENABLED) {
    logger.info({ event: 'webchat-off' }, 'web chat is off (WEBCHAT_ENABLED=false)');
  } else if (config.DIRECT_LINE_SECRET) {
    registerTokenRoute(server, { mode: 'azure', secret: config.DIRECT_LINE_SECRET, trustedOrigins: config.WEBCHAT_TRUSTED_ORIGINS, logger });
  } else if (config.localMode) {
    const directLine = new LocalDirectLine({
      logger,
      bridge: async (activity: DirectLineActivity) => {
        // Through the same adapter path as every other channel, asking for the replies back.
        return adapter.processExpectingReplies(activity, url || 'http://127.0.0.1', bot.run);
      },
    });
    directLine.register(server);
    registerTokenRoute(server, { mode: 'local', directLine });
  }
  if (config.WEBCHAT_ENABLED) {
    registerWebChatPage(server, {
      council: content.council,
      mode: config.DIRECT_LINE_SECRET ? 'azure' : 'local',
      quickExitUrl: config.QUICK_EXIT_URL,
      frameAncestors: config.WEBCHAT_FRAME_ANCESTORS,
    });
  }

  if (config.TWILIO_AUTH_TOKEN && config.PUBLIC_URL) {
    registerTwilioSms(server, {
      assistant,
      storage,
      pager: channels.smsPager,
      words: channels.smsWords,
      authToken: config.TWILIO_AUTH_TOKEN,
      publicUrl: config.PUBLIC_URL,
      hashKey: config.conversationKeySecret,
      logger,
      now: options.now,
    });
  } else {
    logger.info({ event: 'sms-off' }, 'SMS is off: set TWILIO_AUTH_TOKEN and PUBLIC_URL to receive texts at /api/sms');
  }

  // Expired conversations are removed in small batches, off the request path.
  const sweeper =
    'sweepExpired' in storage
      ? setInterval(() => {
          void (storage as unknown as { sweepExpired(o?: object): Promise<unknown> })
            .sweepExpired({ maxFiles: 500 })
            .catch((err: Error) => logger.warn({ event: 'sweep-failed', error: err.name }));
        }, 10 * 60_000)
      : undefined;
  sweeper?.unref();

  const app: App = {
    config,
    content,
    storage,
    server,
    assistant,
    logger,
    get url() {
      return url;
    },
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => resolve());
      });
      const address = server.address();
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
      return url;
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      const closable = storage as unknown as { close?: () => Promise<void> };
      await closable.close?.();
    },
  };
  return app;
}
