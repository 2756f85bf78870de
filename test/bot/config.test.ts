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
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_REMOTE: 'true' }).HOST).toBe('0.0.0.0');
  });

  test('production refuses to start without credentials', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId/);
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id' })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p' })).toThrow(/CONVERSATION_KEY_SECRET/);
    const base = { NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', CONVERSATION_KEY_SECRET: 'x'.repeat(32), HOST: '0.0.0.0' };
    expect(() => loadConfig(base)).toThrow(/DIRECT_LINE_SECRET/);
    expect(loadConfig({ ...base, DIRECT_LINE_SECRET: 's' }).localMode).toBe(false);
    expect(loadConfig({ ...base, WEBCHAT_ENABLED: 'false' }).WEBCHAT_ENABLED).toBe(false);
  });

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
