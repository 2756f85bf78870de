/**
 * The page and its assets over HTTP: security headers, caching, escaping of council text, and markup that
 * needs no inline script.
 */
import { gunzipSync } from 'node:zlib';
import { Script } from 'node:vm';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { registerWebChatPage } from '../../adapters/webchat/page.route.js';
import { bareServer, scriptedBot, startChannelServer, testCouncil, type ChannelServer } from './fixtures.js';

const open: ChannelServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(page: Parameters<typeof startChannelServer>[0]['page'] = {}) {
  const s = await startChannelServer({ bridge: scriptedBot().bridge, page });
  open.push(s);
  return s;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
}

function directives(csp: string): Record<string, string> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

describe('GET /', () => {
  test('serves the page with a strict policy and no caching', async () => {
    const s = await start();
    const res = await get(`${s.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'connect-src': "'self'",
      'frame-ancestors': "'self'",
    });
  });

  test('in Azure mode the page may also reach Azure Direct Line, and named sites may frame it', async () => {
    const s = await start({ mode: 'azure', frameAncestors: ['https://www.fernvale.example.org/'] });
    const csp = directives((await get(`${s.url}/`)).headers.get('content-security-policy') ?? '');
    expect(csp['connect-src']).toBe("'self' https://directline.botframework.com wss://directline.botframework.com");
    expect(csp['frame-ancestors']).toBe("'self' https://www.fernvale.example.org");
    const html = (await get(`${s.url}/`)).text;
    expect(html).toContain('data-mode="azure"');
  });

  test('has the council name, the privacy notice, quick exit, landmarks and one h1, and no inline script', async () => {
    const s = await start();
    const html = (await get(`${s.url}/`)).text;
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en-GB">/);
    expect(html).toContain('<p class="site-header__council">Fernvale Borough Council</p>');
    expect(html).toContain(`<a class="toolbar__link" href="${testCouncil.privacyNoticeUrl}">Privacy notice</a>`);
    expect(html).toMatch(/<a class="quick-exit" id="quick-exit" role="button" href="https:\/\/www\.bbc\.co\.uk\/weather"/);
    expect(html).toContain('id="start-again"');
    expect(html).toContain('01632 960 100');
    for (const landmark of ['<header', '<main', '<footer']) expect(html.split(landmark)).toHaveLength(2);
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(html).toMatch(/<a class="skip-link"[^>]*href="#chat"/);
    // Every script has a src, and no element has an event handler attribute.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toHaveLength(2);
    for (const tag of scripts) expect(tag).toMatch(/ src="\/webchat\/(webchat|app)\.js\?v=[\w-]{8}"/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toMatch(/--primary:#00703c;--on-primary:#ffffff;--accent:#00703c;--on-accent:#ffffff/);
  });

  test('escapes council text and takes a configured quick exit address', async () => {
    const server = bareServer();
    registerWebChatPage(server, {
      council: { ...testCouncil, name: 'Fern <script>alert("x")</script> & Vale' },
      mode: 'local',
      quickExitUrl: 'https://www.google.co.uk/search?q=weather&hl=en',
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as { port: number };
      const html = (await get(`http://127.0.0.1:${port}/`)).text;
      expect(html).toContain('Fern &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Vale');
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('href="https://www.google.co.uk/search?q=weather&amp;hl=en"');
      expect(html).toContain('data-quick-exit-url="https://www.google.co.uk/search?q=weather&amp;hl=en"');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('refuses addresses that would run script, and frame ancestors that are not sites', () => {
    const server = bareServer();
    expect(() => registerWebChatPage(server, { council: { ...testCouncil, privacyNoticeUrl: 'javascript:alert(1)' }, mode: 'local' })).toThrow(
      /privacy notice address must start with https/,
    );
    expect(() => registerWebChatPage(server, { council: testCouncil, mode: 'local', quickExitUrl: 'data:text/html,hi' })).toThrow(/quick exit address/);
    expect(() => registerWebChatPage(server, { council: testCouncil, mode: 'local', frameAncestors: ['*'] })).toThrow(/not a site address/);
  });
});

describe('assets', () => {
  test('Web Chat comes from node_modules, not a CDN, compressed when the browser can take it, and revalidated by ETag', async () => {
    const s = await start();
    const bundle = readFileSync(
      createRequire(import.meta.url)
        .resolve('botframework-webchat')
        .replace(/lib[\\/]index\.js$/, 'dist/webchat.js'),
    );
    const plain = await get(`${s.url}/webchat/webchat.js`, { 'Accept-Encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plain.body.equals(bundle)).toBe(true);

    const zipped = await fetch(`${s.url}/webchat/webchat.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    // fetch unzips on the way in; the header and the smaller transfer show it was compressed.
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(bundle.length / 3);
    expect(Buffer.from(await zipped.arrayBuffer()).equals(bundle)).toBe(true);

    const etag = plain.headers.get('etag') ?? '';
    const again = await get(`${s.url}/webchat/webchat.js`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toHaveLength(0);
  });

  test.each([
    ['app.js', 'application/javascript; charset=utf-8', 'adapters/webchat/public/app.js'],
    ['styles.css', 'text/css; charset=utf-8', 'adapters/webchat/public/styles.css'],
  ])('%s has its content type and is revalidated on every load', async (file, type, source) => {
    const s = await start();
    const res = await get(`${s.url}/webchat/${file}`, { 'Accept-Encoding': 'identity' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.text).toBe(readFileSync(new URL(`../../${source}`, import.meta.url), 'utf8'));
    const page = (await get(`${s.url}/`)).text;
    expect(page).toContain(`/webchat/${file}?v=${(res.headers.get('etag') ?? '').slice(1, 9)}`);
  });

  test('the browser script stays within ES2019 and never writes to localStorage', () => {
    const script = readFileSync(new URL('../../adapters/webchat/public/app.js', import.meta.url), 'utf8');
    expect(script).not.toMatch(/\?\.|\?\?/);
    expect(script).not.toMatch(/localStorage\.setItem/);
    // It parses as a classic script.
    expect(() => new Script(script)).not.toThrow();
  });

  test('a gzip body is a real gzip of the file', async () => {
    const s = await start();
    const res = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get: httpGet }) => {
        httpGet(`${s.url}/webchat/styles.css`, { headers: { 'Accept-Encoding': 'gzip, deflate' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject);
      }, reject);
    });
    expect(gunzipSync(res).toString('utf8')).toBe(readFileSync(new URL('../../adapters/webchat/public/styles.css', import.meta.url), 'utf8'));
  });
});
