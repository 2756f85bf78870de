/**
 * Configuration, parsed once at start with zod. A bad value stops start-up with a message naming the
 * variable. Whether the unsafe defaults that make local development easy are refused is decided from
 * what the process will do (accept Bot Framework tokens, listen beyond loopback), never from NODE_ENV
 * alone: a forgotten NODE_ENV must not open anything up.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const list = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Local mode only: let the anonymous endpoint listen beyond loopback. */
  ALLOW_REMOTE: bool,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,

  STORAGE: z.enum(['lowdb', 'memory', 'redis']).default('lowdb'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: optionalText,
  STATE_TTL_DAYS: positiveNumber(30),
  RESUME_AFTER_HOURS: positiveNumber(6),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(262_144),
  /** Longest wait for one storage call (and one Redis command) before the turn apologises. */
  STORAGE_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1000),
  REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),

  COUNCIL_PROFILE: optionalText,
  SERVICES_FEED: optionalText,
  GAPS_FILE: optionalText,
  /** The editors' event log (counts and redacted feedback). Default: DATA_DIR/events.jsonl. */
  EVENTS_FILE: optionalText,
  /** Days feedback comments and unanswered questions are kept before they are deleted. */
  FEEDBACK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),

  /** Secret for the keyed hash that turns channel ids and phone numbers into storage keys. */
  CONVERSATION_KEY_SECRET: optionalText,

  TWILIO_AUTH_TOKEN: optionalText,
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),

  DIRECT_LINE_SECRET: optionalText,
  WEBCHAT_TRUSTED_ORIGINS: list,
  /** Serve the web chat page at /. Production needs DIRECT_LINE_SECRET for it. */
  WEBCHAT_ENABLED: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  /** Where the quick exit button goes: a harmless, fast page such as a weather or news site. */
  QUICK_EXIT_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Council sites allowed to show the chat page in a frame, e.g. https://www.example.gov.uk. */
  WEBCHAT_FRAME_ANCESTORS: list,
  TEAMS_ALLOWED_TENANTS: list,

  /** Talk to a person: hand the conversation to the helpline team in a Teams channel. */
  HANDOFF_ENABLED: bool,
  /** The helpline channel in Teams, as a conversation reference in JSON (see docs/handoff.md). */
  HANDOFF_QUEUE_REFERENCE: optionalText,
  /** How long a request waits for someone to accept before a call back is offered. */
  HANDOFF_WAIT_SECONDS: positiveNumber(180),
  /** Call back requests (they hold a phone number) are deleted from the helpline channel after this. */
  HANDOFF_CALLBACK_RETENTION_DAYS: positiveNumber(14),
  /** Explicit opt-outs, logged at start: let any site ask for a web chat token, or any Teams tenant use the bot. */
  ALLOW_ANY_WEBCHAT_ORIGIN: bool,
  ALLOW_ANY_TEAMS_TENANT: bool,
  /** Entra ID object ids of helpline staff: they get staff mode in Teams. */
  STAFF_AAD_OBJECT_IDS: list.pipe(z.array(z.guid('must be a list of Entra ID object ids (GUIDs)'))),
  /** Local mode only: every Teams user gets staff mode, for testing in the Agents Playground. */
  LOCAL_STAFF_MODE: bool,
  /** GOV.UK Notify, for call summaries staff send to callers. */
  NOTIFY_API_KEY: optionalText,
  NOTIFY_BASE_URL: z.string().url().default('https://api.notifications.service.gov.uk'),
  NOTIFY_SMS_TEMPLATE_ID: optionalText.pipe(z.guid().optional()),
  NOTIFY_EMAIL_TEMPLATE_ID: optionalText.pipe(z.guid().optional()),
});

/** A stored conversation reference for the helpline channel: enough to post to it proactively. */
export const QueueReference = z.object({
  serviceUrl: z.string().url(),
  channelId: z.string().min(1).default('msteams'),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string().min(1) }).optional(),
});
export type QueueReference = z.infer<typeof QueueReference>;

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  /** No Microsoft App Id: anonymous, like the Bot Framework Emulator. */
  localMode: boolean;
  conversationKeySecret: string;
  gapsFile: string;
  /** Set when HANDOFF_ENABLED: the parsed HANDOFF_QUEUE_REFERENCE. */
  handoffQueue?: QueueReference;
  /**
   * Reachable by others: it accepts Bot Framework tokens or listens beyond loopback (or NODE_ENV is
   * production). The unsafe local defaults are refused.
   */
  exposed: boolean;
  /** Opt-outs in force, named by their variable, for the start-up log. */
  optOuts: string[];
  eventsFile: string;
}

const DEV_KEY_SECRET = 'local-development-only-not-for-production';

export class ConfigError extends Error {}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const localMode = !e.MicrosoftAppId;
  const acceptsTokens = !localMode;
  const beyondLoopback = !isLoopbackHost(e.HOST);
  const exposed = acceptsTokens || beyondLoopback || e.NODE_ENV === 'production';
  const why = acceptsTokens ? 'with MicrosoftAppId set' : beyondLoopback ? `when listening on ${e.HOST}` : 'in production';

  if (e.NODE_ENV === 'production' && localMode) problems.push('- MicrosoftAppId: required in production (anonymous mode is for local development only)');
  if (acceptsTokens && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword)
    problems.push('- MicrosoftAppPassword: required with MicrosoftAppId (or set MicrosoftAppType=UserAssignedMSI)');
  if (exposed) {
    if (!e.CONVERSATION_KEY_SECRET || e.CONVERSATION_KEY_SECRET === DEV_KEY_SECRET || e.CONVERSATION_KEY_SECRET.length < 32)
      problems.push(
        `- CONVERSATION_KEY_SECRET: required ${why}: a random value of at least 32 characters (the public default would let anyone turn storage keys back into phone numbers)`,
      );
    if (e.STORAGE === 'memory') problems.push(`- STORAGE: "memory" loses every conversation on restart; use lowdb or redis ${why}`);
    if (e.WEBCHAT_ENABLED && !e.DIRECT_LINE_SECRET)
      problems.push(`- DIRECT_LINE_SECRET: required for web chat ${why} (the built-in Direct Line is for local use); or set WEBCHAT_ENABLED=false`);
    if (e.WEBCHAT_ENABLED && e.WEBCHAT_TRUSTED_ORIGINS.length === 0 && !e.ALLOW_ANY_WEBCHAT_ORIGIN)
      problems.push(
        `- WEBCHAT_TRUSTED_ORIGINS: required for web chat ${why}: the council sites that may ask for a token; or set ALLOW_ANY_WEBCHAT_ORIGIN=true`,
      );
  }
  if (acceptsTokens && e.TEAMS_ALLOWED_TENANTS.length === 0 && !e.ALLOW_ANY_TEAMS_TENANT)
    problems.push('- TEAMS_ALLOWED_TENANTS: required with MicrosoftAppId: the Teams tenant ids that may use the bot; or set ALLOW_ANY_TEAMS_TENANT=true');
  if (e.MicrosoftAppType === 'SingleTenant' && !localMode && !e.MicrosoftAppTenantId)
    problems.push('- MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  if (localMode && beyondLoopback && !e.ALLOW_REMOTE) {
    problems.push(
      `- HOST: "${e.HOST}" is not loopback. Without MicrosoftAppId the endpoint is anonymous, so it listens on 127.0.0.1 only. Set ALLOW_REMOTE=true to override.`,
    );
  }
  if (e.STORAGE === 'redis' && !e.REDIS_URL) problems.push('- REDIS_URL: required when STORAGE is redis');
  if (e.TWILIO_AUTH_TOKEN && !e.PUBLIC_URL) problems.push('- PUBLIC_URL: required when TWILIO_AUTH_TOKEN is set (Twilio signs PUBLIC_URL + /api/sms)');
  const handoffQueue = e.HANDOFF_ENABLED ? parseQueueReference(e.HANDOFF_QUEUE_REFERENCE, localMode, problems) : undefined;
  if (e.LOCAL_STAFF_MODE && !localMode) problems.push('- LOCAL_STAFF_MODE: for local testing only; list staff in STAFF_AAD_OBJECT_IDS instead');
  if (e.NOTIFY_API_KEY && (!e.NOTIFY_SMS_TEMPLATE_ID || !e.NOTIFY_EMAIL_TEMPLATE_ID))
    problems.push('- NOTIFY_SMS_TEMPLATE_ID and NOTIFY_EMAIL_TEMPLATE_ID: required when NOTIFY_API_KEY is set');
  if (e.NODE_ENV === 'production' && e.NOTIFY_API_KEY && !e.NOTIFY_BASE_URL.startsWith('https://'))
    problems.push('- NOTIFY_BASE_URL: must be https in production');
  if (problems.length) throw new ConfigError(`Configuration is not valid:\n${problems.join('\n')}`);

  return {
    ...e,
    localMode,
    conversationKeySecret: e.CONVERSATION_KEY_SECRET ?? DEV_KEY_SECRET,
    gapsFile: e.GAPS_FILE ?? `${e.DATA_DIR}/gaps.jsonl`,
    handoffQueue,
    exposed,
    optOuts: [
      ...(exposed && e.WEBCHAT_ENABLED && e.ALLOW_ANY_WEBCHAT_ORIGIN ? ['ALLOW_ANY_WEBCHAT_ORIGIN'] : []),
      ...(acceptsTokens && e.ALLOW_ANY_TEAMS_TENANT ? ['ALLOW_ANY_TEAMS_TENANT'] : []),
    ],
    eventsFile: e.EVENTS_FILE ?? `${e.DATA_DIR}/events.jsonl`,
  };
}

/**
 * The anonymous adapter of local mode would post to any address, so there the helpline channel must be
 * on loopback (the connector stand-in); with credentials it must be https. Anything else stops start-up.
 */
function parseQueueReference(raw: string | undefined, localMode: boolean, problems: string[]): QueueReference | undefined {
  const name = '- HANDOFF_QUEUE_REFERENCE';
  if (!raw) {
    problems.push(`${name}: required when HANDOFF_ENABLED is true (the helpline channel's conversation reference, as JSON)`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    problems.push(`${name}: not valid JSON`);
    return undefined;
  }
  const parsed = QueueReference.safeParse(json);
  if (!parsed.success) {
    problems.push(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(reference)'} ${i.message}`).join('; ')}`);
    return undefined;
  }
  const url = new URL(parsed.data.serviceUrl);
  if (localMode && !isLoopbackHost(url.hostname))
    problems.push(`${name}: in local mode serviceUrl must be loopback (the anonymous adapter would post anywhere)`);
  if (!localMode && url.protocol !== 'https:') problems.push(`${name}: serviceUrl must be https`);
  return parsed.data;
}
