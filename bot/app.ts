/**
 * The composition root: everything is built here, once, and passed in. Outbound adapters (storage,
 * content, gap log) first, then the assistant core, then the bot and its channels, then the server.
 * Tests build the same app with a few overrides.
 */
import { ConfigurationServiceClientCredentialFactory, type Storage, type TurnContext } from 'botbuilder';
import { pino, type Logger } from 'pino';
import type { Server } from 'restify';
import { BLOCKING_PROBLEM_CODES, validateContent } from '../content/validate.js';
import { loadContent, formatProblem, type ContentStore } from '../content/store.js';
import { JsonlGapLog } from '../content/gaps/gap-log.js';
import { JsonlEventLog } from './feedback/events.js';
import { FEEDBACK_MESSAGE_IDS } from './feedback/feedback.js';
import { scheduleRetention } from './feedback/retention.js';
import { flowContentRefs } from '../flows/registry.js';
import { BoundedStorage, createStorage } from '../adapters/storage/index.js';
import { KeyedLock } from '../adapters/storage/keyed-lock.js';
import { LocalDirectLine, type DirectLineActivity } from '../adapters/directline/local-directline.js';
import { BridgeCloudAdapter } from '../adapters/directline/bridge.adapter.js';
import { ReusedClientsAuthentication } from '../adapters/botframework/reused-clients.authentication.js';
import { registerTokenRoute } from '../adapters/directline/token.route.js';
import { registerWebChatPage } from '../adapters/webchat/page.route.js';
import { registerTwilioSms } from '../adapters/sms/twilio.route.js';
import { createChannels } from './channels.js';
import { LocalOfferAssistant } from './assistant.js';
import { LocalOfferBot } from './activity-bot.js';
import { Composer } from './compose.js';
import { loadConfig, type Config } from './config.js';
import { createServer } from './server.js';
import { createHandoff } from './handoff/index.js';
import { safetyReplyFor } from './safeguarding/crisis-reply.js';
import { healthCheck } from './health.js';
import { requiredMessageIds } from './message-ids.js';
import { RememberingTopicIndex } from './understanding/remembered-search.js';
import { readIndexSnapshot } from './understanding/index-snapshot.js';
import { StaffDesk } from './staff/desk.js';
import { staffRecogniser } from './staff/recognise.js';
import { practiseTurns } from './warm-up.js';
import { NotifySummarySender } from '../adapters/notify/notify.sender.js';

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
  /** The built-in Direct Line service, when web chat runs in local mode. */
  directLine?: LocalDirectLine;
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
  /** Practice turns on the real topic index, in a separate assistant that stores and records nothing (warm-up.ts). */
  practise(): Promise<number>;
}

export class ContentNotReadyError extends Error {}

/**
 * Content the flows name, and every message the code sends (crisis numbers and the turn-error apology
 * included), must exist, or the assistant would fail mid-conversation: refuse to start instead. Gated
 * on problem codes, so rewording a problem cannot switch the check off.
 */
export function checkContentForStart(content: ContentStore, logger: Pick<Logger, 'warn'>): void {
  const problems = validateContent(content, { flowRefs: flowContentRefs(), messageRefs: requiredMessageIds(), readability: false });
  const errors = problems.filter((p) => p.severity === 'error');
  const missing = errors.filter((p) => p.code !== undefined && BLOCKING_PROBLEM_CODES.has(p.code));
  if (errors.length) logger.warn({ event: 'content-problems', errors: errors.length }, 'content has problems: run npm run content:check');
  if (missing.length) throw new ContentNotReadyError(`Content that the pathways need is missing:\n${missing.map(formatProblem).join('\n')}`);
}

export async function buildApp(options: AppOptions = {}): Promise<App> {
  const config = loadConfig(options.env ?? process.env);
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { service: 'local-offer-assistant' } });
  for (const setting of config.optOuts) logger.warn({ event: 'opt-out', setting }, `${setting}=true: a safety check is off by choice`);

  // Outbound adapters.
  const content = loadContent({ councilFile: config.COUNCIL_PROFILE, servicesFile: config.SERVICES_FEED });
  checkContentForStart(content, logger);
  const rawStorage =
    options.storage ??
    createStorage({
      kind: config.STORAGE,
      dir: `${config.DATA_DIR}/conversations`,
      redisUrl: config.REDIS_URL,
      ttlMs: config.STATE_TTL_DAYS * 86_400_000,
      // A little longer than the storage limit, so that limit (which lets waiting answers be read first) decides.
      redisCommandTimeoutMs: config.STORAGE_TIMEOUT_MS + 250,
      redisConnectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS,
    });
  // Every storage call in a turn is time-limited, so a store that stops answering costs an apology, not a stall.
  const storage = new BoundedStorage(rawStorage, config.STORAGE_TIMEOUT_MS);
  const gaps = new JsonlGapLog(config.gapsFile);
  const events = new JsonlEventLog(config.eventsFile);
  const missingFeedback = FEEDBACK_MESSAGE_IDS.filter((id) => !content.messages.has(id));
  if (missingFeedback.length) throw new ContentNotReadyError(`Feedback wording is missing from content/data/messages: ${missingFeedback.join(', ')}`);

  // The assistant core, and handoff to the helpline team when it is switched on.
  let localDirectLine: LocalDirectLine | undefined;
  const handoff = createHandoff({
    config,
    content,
    storage,
    logger,
    now: options.now,
    adapter: () => adapter,
    renderers: () => channels.renderers,
    localInbox: () => localDirectLine,
  });
  // The build's snapshot of the index when it is for this content (index-snapshot.ts), else built here.
  const index = new RememberingTopicIndex(content.topics.values(), content.glossary.values(), undefined, undefined, readIndexSnapshot());
  const assistant = new LocalOfferAssistant({
    content,
    storage,
    index,
    gaps,
    events,
    lock: new KeyedLock(),
    logger,
    resumeAfterMs: config.RESUME_AFTER_HOURS * 3_600_000,
    now: options.now,
    handoff,
    staff: new StaffDesk({
      content,
      storage,
      logger,
      now: options.now,
      sender:
        config.NOTIFY_API_KEY && config.NOTIFY_SMS_TEMPLATE_ID && config.NOTIFY_EMAIL_TEMPLATE_ID
          ? new NotifySummarySender({
              apiKey: config.NOTIFY_API_KEY,
              baseUrl: config.NOTIFY_BASE_URL,
              smsTemplateId: config.NOTIFY_SMS_TEMPLATE_ID,
              emailTemplateId: config.NOTIFY_EMAIL_TEMPLATE_ID,
            })
          : undefined,
    }),
  });
  if (handoff) handoff.resumeStep = (key) => assistant.currentStep(key);

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
    handoff,
    apology: () => ({
      kind: 'info',
      paragraphs: [composer.hasMessage('turn-error') ? composer.message('turn-error', 'parent') : 'Sorry, something went wrong. Please try again.'],
    }),
    crisisFor: (text) => safetyReplyFor(text, composer),
    isStaff: staffRecogniser({ objectIds: config.STAFF_AAD_OBJECT_IDS, everyone: config.LOCAL_STAFF_MODE }),
  });
  // Checks every inbound request in full; the outbound clients it makes are reused across turns.
  const auth = new ReusedClientsAuthentication(
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
    httpLogger: logger,
    authenticate: config.localMode ? undefined : (activity, header) => auth.authenticateRequest(activity, header),
    health: healthCheck({ storage, topics: () => content.topics.size, timeoutMs: config.STORAGE_TIMEOUT_MS }),
  });

  let url = '';
  let directLine: LocalDirectLine | undefined;
  // Web chat: the local Direct Line service unless an Azure Direct Line secret is configured.
  if (!config.WEBCHAT_ENABLED) {
    logger.info({ event: 'webchat-off' }, 'web chat is off (WEBCHAT_ENABLED=false)');
  } else if (config.DIRECT_LINE_SECRET) {
    registerTokenRoute(server, { mode: 'azure', secret: config.DIRECT_LINE_SECRET, trustedOrigins: config.WEBCHAT_TRUSTED_ORIGINS, logger });
  } else if (config.localMode) {
    directLine = new LocalDirectLine({
      logger,
      bridge: async (activity: DirectLineActivity) => {
        // Through the same adapter path as every other channel, asking for the replies back.
        return adapter.processExpectingReplies(activity, url || 'http://127.0.0.1', bot.run);
      },
    });
    directLine.register(server);
    localDirectLine = directLine;
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
      crisisTexts: (text: string) => safetyReplyFor(text, composer)?.paragraphs ?? null,
      logger,
      now: options.now,
    });
  } else {
    logger.info({ event: 'sms-off' }, 'SMS is off: set TWILIO_AUTH_TOKEN and PUBLIC_URL to receive texts at /api/sms');
  }

  // Expired conversations are removed in small batches, off the request path.
  const sweeper =
    'sweepExpired' in rawStorage
      ? setInterval(() => {
          void (rawStorage as unknown as { sweepExpired(o?: object): Promise<unknown> })
            .sweepExpired({ maxFiles: 500 })
            .catch((err: Error) => logger.warn({ event: 'sweep-failed', error: err.name }));
        }, 10 * 60_000)
      : undefined;
  sweeper?.unref();
  // Feedback comments and unanswered questions are deleted after FEEDBACK_RETENTION_DAYS: at start and daily.
  const stopRetention = scheduleRetention({ events, gaps, days: config.FEEDBACK_RETENTION_DAYS, now: options.now }, logger);

  const app: App = {
    config,
    content,
    storage,
    server,
    assistant,
    logger,
    directLine,
    get url() {
      return url;
    },
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => resolve());
      });
      await handoff?.start();
      const address = server.address();
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
      return url;
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      handoff?.stop();
      stopRetention();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      const closable = rawStorage as unknown as { close?: () => Promise<void> };
      await closable.close?.();
    },
    practise: () => practiseTurns({ content, index }),
  };
  return app;
}
