/** npm run teams:package: a zip Teams accepts, with the manifest filled in from the council profile. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { buildManifest, buildTeamsPackage, TeamsPackageError } from '../../adapters/teams/package.js';
import { pngSize } from '../../adapters/teams/icons.js';
import { loadContent } from '../../content/store.js';

const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const APP_ID = 'c7a5b2d1-1111-4222-8333-444455556666';

/** The RGBA pixels of one of our PNGs (8-bit RGBA, filter 0 on every row, as the encoder writes). */
function pixels(png: Buffer): { width: number; height: number; rgba: (x: number, y: number) => number[] } {
  const { width, height } = pngSize(png);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, rgba: (x, y) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)] };
}

describe('teams:package', () => {
  test('writes a zip with manifest.json, color.png 192x192 and outline.png 32x32', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'teams-pkg-'));
    const { zipPath } = await buildTeamsPackage({ env: { MicrosoftAppId: BOT_ID }, outDir });
    expect(zipPath).toBe(join(outDir, 'sample-council-local-offer-assistant.zip'));
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const council = loadContent().council;
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team']);
    expect(manifest.accentColor).toBe(council.colours.primary);
    expect(manifest.developer.name).toBe(council.name);
    expect(manifest.name.full).toContain(council.name);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);

    const color = pixels(await zip.file('color.png')!.async('nodebuffer'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.rgba(2, 2)).toEqual([0x4b, 0x2a, 0x7b, 255]);
    expect(color.rgba(96, 60)).toEqual([255, 255, 255, 255]);

    const outline = pixels(await zip.file('outline.png')!.async('nodebuffer'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = outline.rgba(x, y);
        if (a! > 0) {
          drawn++;
          // White on transparent, as Teams requires of the outline icon.
          expect([r, g, b]).toEqual([255, 255, 255]);
        }
      }
    }
    expect(drawn).toBeGreaterThan(60);
    expect(outline.rgba(0, 0)[3]).toBe(0);
  });

  test('TEAMS_APP_ID sets the app id apart from the bot id', () => {
    const manifest = buildManifest({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: APP_ID });
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
  });

  test('a clear error without an app id, or with one that is not a GUID', () => {
    expect(() => buildManifest({})).toThrow(TeamsPackageError);
    expect(() => buildManifest({})).toThrow(/MicrosoftAppId/);
    expect(() => buildManifest({ MicrosoftAppId: 'my-bot' })).toThrow(/bots\.0\.botId: must be a GUID/);
  });
});
