/**
 * The web chat page and its three assets: Microsoft's Web Chat bundle (served from node_modules, so the
 * page needs no CDN), our browser script and our stylesheet. The page is served with a strict
 * Content-Security-Policy and is never cached, because it is where a family's conversation appears.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { CouncilProfile } from '../../content/schema.js';
import { AZURE_DIRECT_LINE, normaliseOrigin } from '../directline/token.route.js';
import { themeFor } from './colours.js';
import { renderPage } from './page.template.js';

export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

export interface WebChatPageDeps {
  council: CouncilProfile;
  mode: 'local' | 'azure';
  /** Where Quick exit goes: a neutral site that gives nothing away. */
  quickExitUrl?: string;
  /** Sites that may show the page in a frame (the council's own site). Only this server when empty. */
  frameAncestors?: string[];
}

interface Asset {
  body: Buffer;
  gzipped?: Buffer;
  etag: string;
  type: string;
  cacheControl: string;
}

function httpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Web chat page: ${what} "${value}" is not a web address.`);
  }
  // A javascript: or data: address in a profile would run on our page.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Web chat page: ${what} must start with https:// (it is "${value}").`);
  return url.href;
}

function webChatBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  const marker = `${sep}node_modules${sep}botframework-webchat${sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error('Web chat page: botframework-webchat is not installed.');
  return join(entry.slice(0, at + marker.length), 'dist', 'webchat.js');
}

function asset(body: Buffer, type: string, cacheControl: string): Asset {
  return { body, type, cacheControl, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

export function contentSecurityPolicy(mode: 'local' | 'azure', frameAncestors: string[]): string {
  const connect = mode === 'azure' ? `'self' ${AZURE_DIRECT_LINE.replace(/\/v3\/directline$/, '')} wss://directline.botframework.com` : `'self'`;
  const ancestors = frameAncestors.length ? `'self' ${frameAncestors.join(' ')}` : `'self'`;
  return [
    `default-src 'self'`,
    `script-src 'self'`,
    // Web Chat writes its styles into <style> elements at run time.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `connect-src ${connect}`,
    `frame-ancestors ${ancestors}`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `object-src 'none'`,
  ].join('; ');
}

function sendAsset(req: Request, res: Response, item: Asset): void {
  res.setHeader('Content-Type', item.type);
  res.setHeader('Cache-Control', item.cacheControl);
  res.setHeader('ETag', item.etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === item.etag) {
    res.writeHead(304);
    res.end();
    return;
  }
  // Web Chat is about 4 MB: compressed once, on first request, it is under a quarter of that on a phone.
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) item.gzipped ??= gzipSync(item.body, { level: 9 });
  const body = gzip && item.gzipped ? item.gzipped : item.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.writeHead(200);
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function registerWebChatPage(server: Server, deps: WebChatPageDeps): void {
  const council: CouncilProfile = {
    ...deps.council,
    privacyNoticeUrl: httpUrl(deps.council.privacyNoticeUrl, 'the privacy notice address'),
    localOfferUrl: httpUrl(deps.council.localOfferUrl, 'the Local Offer address'),
  };
  const quickExitUrl = httpUrl(deps.quickExitUrl ?? DEFAULT_QUICK_EXIT_URL, 'the quick exit address');
  const frameAncestors = (deps.frameAncestors ?? []).map((o) => {
    const origin = normaliseOrigin(o);
    if (!origin) throw new Error(`Web chat page: "${o}" is not a site address like https://www.example.gov.uk`);
    return origin;
  });

  const here = dirname(fileURLToPath(import.meta.url));
  const files = { webchat: webChatBundlePath(), app: join(here, 'public', 'app.js'), styles: join(here, 'public', 'styles.css') };
  // A missing file still stops the start; reading and hashing them (Web Chat is about 4 MB, some 50 ms)
  // waits for the first request for the page or one of them, which the assistant's turns never need.
  for (const file of Object.values(files)) if (!statSync(file).isFile()) throw new Error(`Web chat page: ${file} is not a file.`);
  let built: { assets: Record<keyof typeof files, Asset>; html: Buffer } | undefined;
  const build = () => {
    if (built) return built;
    const assets: Record<keyof typeof files, Asset> = {
      // Same URL for a whole Web Chat version, so a day's cache is safe; ours change with every deploy.
      webchat: asset(readFileSync(files.webchat), 'application/javascript; charset=utf-8', 'public, max-age=86400'),
      app: asset(readFileSync(files.app), 'application/javascript; charset=utf-8', 'no-cache'),
      styles: asset(readFileSync(files.styles), 'text/css; charset=utf-8', 'no-cache'),
    };
    const version = (a: Asset) => a.etag.slice(1, 9);
    const html = Buffer.from(
      renderPage({
        council,
        theme: themeFor(council.colours),
        mode: deps.mode,
        quickExitUrl,
        assets: {
          webchat: `/webchat/webchat.js?v=${version(assets.webchat)}`,
          app: `/webchat/app.js?v=${version(assets.app)}`,
          styles: `/webchat/styles.css?v=${version(assets.styles)}`,
        },
      }),
    );
    return (built = { assets, html });
  };
  const csp = contentSecurityPolicy(deps.mode, frameAncestors);

  const page = async (req: Request, res: Response) => {
    const { html } = build();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    // The page must not come back from a cache or the back button after Quick exit.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', html.length);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : html);
  };
  server.get('/', page);
  server.head('/', page);

  for (const [name, file] of [
    ['webchat', 'webchat.js'],
    ['app', 'app.js'],
    ['styles', 'styles.css'],
  ] as const) {
    const handler = async (req: Request, res: Response) => sendAsset(req, res, build().assets[name]);
    server.get(`/webchat/${file}`, handler);
    server.head(`/webchat/${file}`, handler);
  }
}
