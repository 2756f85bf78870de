/**
 * npm run teams:package: builds the Teams app package (manifest.json, color.png, outline.png in a zip)
 * for upload in Teams or the Teams admin centre. The council's name, web addresses and colour come from
 * the council profile; the ids come from the environment:
 * - MicrosoftAppId: the bot's Azure app registration id (the bot id in the manifest).
 * - TEAMS_APP_ID: the Teams app's own id, if it should differ from the bot id (optional).
 * - COUNCIL_PROFILE: another council profile than the sample (optional).
 * - TEAMS_PACKAGE_DIR: where to write the zip (optional, default dist/teams).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { z } from 'zod';
import { loadContent } from '../../content/store.js';
import { colorIcon, outlineIcon } from './icons.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const MANIFEST_TEMPLATE = join(HERE, 'manifest', 'manifest.json');
const PROJECT_ROOT = resolve(HERE, '..', '..');

export class TeamsPackageError extends Error {}

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID like 00000000-0000-0000-0000-000000000000');
const https = z.string().url().startsWith('https://', 'must be an https:// address');

/** The fields Teams refuses a package without (from the v1.17 schema), and their limits. */
export const TeamsManifest = z
  .object({
    manifestVersion: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.0.0'),
    id: guid,
    developer: z.object({ name: z.string().min(1).max(32), websiteUrl: https, privacyUrl: https, termsOfUseUrl: https }),
    name: z.object({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }),
    description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
    icons: z.object({ color: z.literal('color.png'), outline: z.literal('outline.png') }),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'),
    bots: z.array(z.object({ botId: guid, scopes: z.array(z.enum(['personal', 'team', 'groupChat'])).min(1) }).passthrough()).min(1),
  })
  .passthrough();

export interface PackageOptions {
  env?: NodeJS.ProcessEnv;
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: z.infer<typeof TeamsManifest>;
}

function fill(template: string, values: Record<string, string>): string {
  // JSON-escaped, so a council name with quotes cannot break the manifest.
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : JSON.stringify(values[name]).slice(1, -1),
  );
  const left = filled.match(/\{\{[A-Z_]+\}\}/g);
  if (left) throw new TeamsPackageError(`The manifest template has placeholders with no value: ${[...new Set(left)].join(', ')}`);
  return filled;
}

/** The manifest for this council and these ids, checked against Teams' required fields. */
export function buildManifest(env: NodeJS.ProcessEnv = process.env): z.infer<typeof TeamsManifest> {
  const botId = env.MicrosoftAppId?.trim() || env.TEAMS_APP_ID?.trim();
  const appId = env.TEAMS_APP_ID?.trim() || botId;
  if (!botId || !appId) {
    throw new TeamsPackageError(
      "Set MicrosoftAppId to the bot's Azure app registration id (a GUID) before packaging for Teams. " +
        'TEAMS_APP_ID can set a different id for the Teams app itself.',
    );
  }
  const content = loadContent({ councilFile: env.COUNCIL_PROFILE?.trim() || undefined });
  const council = content.council;
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const text = fill(readFileSync(MANIFEST_TEMPLATE, 'utf8'), {
    VERSION: version,
    TEAMS_APP_ID: appId,
    BOT_ID: botId,
    COUNCIL_NAME: council.name,
    WEBSITE_URL: council.localOfferUrl,
    PRIVACY_URL: council.privacyNoticeUrl,
    // Councils publish no separate terms for the Local Offer: its home page carries them.
    TERMS_URL: council.localOfferUrl,
    ACCENT_COLOUR: council.colours.primary,
  });
  const parsed = TeamsManifest.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new TeamsPackageError(`The Teams manifest is not valid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export async function buildTeamsPackage(options: PackageOptions = {}): Promise<PackageResult> {
  const env = options.env ?? process.env;
  const manifest = buildManifest(env);
  const content = loadContent({ councilFile: env.COUNCIL_PROFILE?.trim() || undefined });
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  zip.file('color.png', colorIcon(content.council.colours.primary));
  zip.file('outline.png', outlineIcon());
  const outDir = resolve(options.outDir ?? env.TEAMS_PACKAGE_DIR ?? join(PROJECT_ROOT, 'dist', 'teams'));
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `${content.council.id}-local-offer-assistant.zip`);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { zipPath, manifest };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildTeamsPackage()
    .then(({ zipPath, manifest }) => console.log(`Teams package for "${manifest.name.full}" written to ${zipPath}`))
    .catch((err: Error) => {
      console.error(err instanceof TeamsPackageError ? err.message : err);
      process.exitCode = 1;
    });
}
