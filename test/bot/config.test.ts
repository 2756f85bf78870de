import { ConfigError, isLoopbackHost, loadConfig } from '../../bot/config.js';

describe('configuration', () => {
  test('defaults run locally on loopback', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3978);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.localMode).toBe(true);
    expect(c.STORAGE).toBe('lowdb');
    expect(c.STATE_TTL_DAYS).toBe(30);
  });

  test.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ STORAGE: 'mongo' }, /STORAGE/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ STATE_TTL_DAYS: '-1' }, /STATE_TTL_DAYS/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
    [{ STORAGE: 'redis' }, /REDIS_URL/],
    [{ TWILIO_AUTH_TOKEN: 'abc' }, /PUBLIC_URL/],
  ])('%j is refused, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  test('local mode refuses to listen beyond loopback unless told to', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST/);
    const remote = { HOST: '0.0.0.0', ALLOW_REMOTE: 'true', CONVERSATION_KEY_SECRET: 'k'.repeat(32), WEBCHAT_ENABLED: 'false' };
    expect(loadConfig(remote).HOST).toBe('0.0.0.0');
    expect(loadConfig(remote).exposed).toBe(true);
  });

  test('production refuses to start without credentials', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId/);
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id' })).toThrow(/MicrosoftAppPassword/);
  });
});

describe('failing closed: decided by credentials and listen address, not NODE_ENV', () => {
  // A complete, safe configuration for a bot that accepts Bot Framework tokens, with NODE_ENV unset.
  const safe = {
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppPassword: 'app-password',
    HOST: '0.0.0.0',
    CONVERSATION_KEY_SECRET: 'a-random-value-of-at-least-32-chars!',
    DIRECT_LINE_SECRET: 'dl-secret',
    WEBCHAT_TRUSTED_ORIGINS: 'https://localoffer.example.org',
    TEAMS_ALLOWED_TENANTS: '11111111-2222-3333-4444-555555555555',
  };

  test('the complete configuration starts, exposed, with no opt-outs', () => {
    const c = loadConfig(safe);
    expect(c.exposed).toBe(true);
    expect(c.localMode).toBe(false);
    expect(c.optOuts).toEqual([]);
  });

  const without = (key: keyof typeof safe) => Object.fromEntries(Object.entries(safe).filter(([k]) => k !== key));

  test.each([
    ['no CONVERSATION_KEY_SECRET (the public default)', without('CONVERSATION_KEY_SECRET'), /CONVERSATION_KEY_SECRET/],
    ['the public default typed in', { ...safe, CONVERSATION_KEY_SECRET: 'local-development-only-not-for-production' }, /CONVERSATION_KEY_SECRET/],
    ['a short CONVERSATION_KEY_SECRET', { ...safe, CONVERSATION_KEY_SECRET: 'short' }, /CONVERSATION_KEY_SECRET/],
    ['memory storage', { ...safe, STORAGE: 'memory' }, /STORAGE: "memory"/],
    ['web chat on with no Direct Line secret', without('DIRECT_LINE_SECRET'), /DIRECT_LINE_SECRET/],
    ['web chat with no trusted origins', without('WEBCHAT_TRUSTED_ORIGINS'), /WEBCHAT_TRUSTED_ORIGINS.*ALLOW_ANY_WEBCHAT_ORIGIN=true/],
    ['no allowed Teams tenants', without('TEAMS_ALLOWED_TENANTS'), /TEAMS_ALLOWED_TENANTS.*ALLOW_ANY_TEAMS_TENANT=true/],
    ['no app password', without('MicrosoftAppPassword'), /MicrosoftAppPassword/],
  ])('with MicrosoftAppId and NODE_ENV unset, %s is refused', (_label, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('accepting Bot Framework tokens is exposed even on loopback', () => {
    expect(() => loadConfig({ ...safe, HOST: '127.0.0.1', CONVERSATION_KEY_SECRET: '' })).toThrow(/CONVERSATION_KEY_SECRET/);
    expect(() => loadConfig({ ...safe, HOST: '127.0.0.1', STORAGE: 'memory' })).toThrow(/STORAGE/);
  });

  test.each([
    ['the default key secret', { CONVERSATION_KEY_SECRET: '' }, /CONVERSATION_KEY_SECRET/],
    ['memory storage', { STORAGE: 'memory' }, /STORAGE/],
    ['the built-in Direct Line', { WEBCHAT_ENABLED: 'true' }, /DIRECT_LINE_SECRET/],
  ])('anonymous local mode listening beyond loopback refuses %s', (_label, change, message) => {
    const remote = { HOST: '0.0.0.0', ALLOW_REMOTE: 'true', CONVERSATION_KEY_SECRET: 'k'.repeat(32), WEBCHAT_ENABLED: 'false', ...change };
    expect(() => loadConfig(remote)).toThrow(message);
  });

  test('every problem is listed at once', () => {
    const message = (() => {
      try {
        loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', STORAGE: 'memory' });
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    for (const name of ['CONVERSATION_KEY_SECRET', 'STORAGE', 'DIRECT_LINE_SECRET', 'WEBCHAT_TRUSTED_ORIGINS', 'TEAMS_ALLOWED_TENANTS'])
      expect(message).toContain(name);
  });

  test('opt-outs are explicit and reported for the start-up log', () => {
    const c = loadConfig({ ...without('TEAMS_ALLOWED_TENANTS'), ALLOW_ANY_TEAMS_TENANT: 'true' });
    expect(c.optOuts).toEqual(['ALLOW_ANY_TEAMS_TENANT']);
    const d = loadConfig({ ...without('WEBCHAT_TRUSTED_ORIGINS'), ALLOW_ANY_WEBCHAT_ORIGIN: 'true' });
    expect(d.optOuts).toEqual(['ALLOW_ANY_WEBCHAT_ORIGIN']);
  });

  test('local development on loopback keeps its easy defaults whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      const c = loadConfig(NODE_ENV ? { NODE_ENV } : {});
      expect(c.exposed).toBe(false);
      expect(c.STORAGE).toBe('lowdb');
    }
  });
});

describe('web chat and other settings', () => {
  test('web chat settings', () => {
    const c = loadConfig({ QUICK_EXIT_URL: 'https://www.bbc.co.uk/weather', WEBCHAT_FRAME_ANCESTORS: 'https://a.example, https://b.example' });
    expect(c.WEBCHAT_ENABLED).toBe(true);
    expect(c.QUICK_EXIT_URL).toBe('https://www.bbc.co.uk/weather');
    expect(c.WEBCHAT_FRAME_ANCESTORS).toEqual(['https://a.example', 'https://b.example']);
    expect(() => loadConfig({ QUICK_EXIT_URL: 'nowhere' })).toThrow(/QUICK_EXIT_URL/);
    expect(() => loadConfig({ WEBCHAT_ENABLED: 'perhaps' })).toThrow(/WEBCHAT_ENABLED/);
  });

  test('loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', 'example.org', '127.0.0.1.example.org'].some(isLoopbackHost)).toBe(false);
  });
});
