import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type AuthenticateResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = AuthenticateResult['claimsIdentity'];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** More than the few service URLs and audiences one bot is ever sent (Teams' regions, the emulator). */
const MAX_CLIENTS = 64;

/** A small map that forgets its least recently used entry past `max`: a Map keeps insertion order. */
class Recent<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
  /** Forgets `key` if it still holds `value`. */
  forget(key: string, value: V): void {
    if (this.entries.get(key) === value) this.entries.delete(key);
  }
  get size(): number {
    return this.entries.size;
  }
}

/** The bot's app id in a set of claims, read as botframework-connector reads it to pick the credentials. */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/**
 * Bot Framework authentication that keeps the outbound clients it makes. botbuilder's CloudAdapter asks
 * for a new ConnectorClient and UserTokenClient on every turn, and each builds a whole Azure HTTP
 * pipeline (6 to 8% of a turn's CPU in a profile), though a turn answered with deliveryMode
 * expectReplies never uses either. Here a client is made once for each app id, service URL and
 * audience, and reused, as botbuilder's older BotFrameworkAdapter did with its connector clients.
 *
 * Nothing about authentication changes: every inbound request is still checked by
 * `authenticateRequest` in full, every time (no result is remembered), and refused when the check
 * fails. A reused ConnectorClient keeps the credentials it was made with, which fetch and renew the
 * bot's token for each reply posted to a service URL. botbuilder offers no option for this, hence the
 * subclass; only the factories it hands out are wrapped.
 */
export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Recent<Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly tokenClients = new Recent<Promise<UserTokenClient>>(MAX_CLIENTS);

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthenticateResult> {
    return this.withReusedClients(await super.authenticateRequest(...args));
  }

  override async authenticateStreamingRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateStreamingRequest']>
  ): Promise<AuthenticateResult> {
    return this.withReusedClients(await super.authenticateStreamingRequest(...args));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.remembered(this.tokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  /** How many outbound clients are kept (for tests). */
  get kept(): { connectors: number; tokenClients: number } {
    return { connectors: this.connectors.size, tokenClients: this.tokenClients.size };
  }

  private withReusedClients(result: AuthenticateResult): AuthenticateResult {
    const inner = result.connectorFactory;
    return inner ? { ...result, connectorFactory: this.reusing(inner, appIdOf(result.claimsIdentity)) } : result;
  }

  /** A factory whose clients are made by `inner` once per service URL and audience, then reused. */
  private reusing(inner: ConnectorFactory, appId: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        // Every factory for one app id is configured alike (same credentials factory, login URL and scope).
        this.remembered(this.connectors, `${appId}\u0000${serviceUrl}\u0000${audience ?? ''}`, () => inner.create(serviceUrl, audience)),
    };
  }

  private remembered<T>(cache: Recent<Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    const kept = cache.get(key);
    if (kept) return kept;
    const made = make();
    cache.set(key, made);
    // A client that could not be made is not kept: the next turn tries again.
    made.catch(() => cache.forget(key, made));
    return made;
  }
}
