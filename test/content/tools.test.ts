/** The editors' command-line tools, run as editors run them. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOpenReferralFeed } from '../../content/services/open-referral.js';
import { FIXTURES, ROOT, SAMPLE_COUNCIL } from './paths.js';

const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
const run = (tool: string, args: string[]) =>
  spawnSync(tsx, [join(ROOT, 'content', 'tools', `${tool}.ts`), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
const dir = mkdtempSync(join(tmpdir(), 'content-tools-'));

test('import-services reports the bad records, exits 1, and writes a clean feed and the normalised services', () => {
  const out = join(dir, 'clean.json');
  const normalised = join(dir, 'services.json');
  const result = run('import-services', [join(FIXTURES, 'oruk', 'bad-feed.json'), '--out', out, '--normalised', normalised]);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('ERROR bad-feed.json [bad-email] email:');
  expect(result.stdout).toContain('2 services imported; 9 record problems, 1 warning.');
  const clean = importOpenReferralFeed(JSON.parse(readFileSync(out, 'utf8')), 'clean.json');
  expect(clean.problems).toEqual([]);
  expect(clean.services.map((s) => s.id)).toEqual(['good-v3', 'good-v1']);
  expect((JSON.parse(readFileSync(normalised, 'utf8')) as { id: string }[]).map((s) => s.id)).toEqual(['good-v3', 'good-v1']);
});

test('import-services without a file explains how to use it', () => {
  const result = run('import-services', []);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/Usage: npm run content:import-services -- <feed.json>/);
});

test('check prints problems grouped by file and fails on errors', () => {
  const result = run('check', ['--root', join(FIXTURES, 'content', 'broken'), '--council', SAMPLE_COUNCIL]);
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/\ntopics\/broken\.yaml\n {2}ERROR {3}\[/);
  expect(result.stdout).toContain('  ERROR   [bad-links] related: "no-such-topic" is not a topic in the content store');
  // Within a file, errors come before warnings.
  const section = result.stdout.split('\ntopics/broken.yaml\n')[1]!.split('\n\n')[0]!;
  expect(section.lastIndexOf('ERROR')).toBeLessThan(section.indexOf('warning'));
  expect(result.stdout).toMatch(/\nglossary\/broken\.yaml\n/);
  expect(result.stdout).toMatch(/\d+ errors, \d+ warnings\.\n$/);
});

test('check explains a council profile that cannot be loaded', () => {
  const council = join(dir, 'bad-council.yaml');
  writeFileSync(council, 'id: Bad Id\nname: x\n');
  const result = run('check', ['--root', join(FIXTURES, 'content', 'valid'), '--council', council]);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('The content could not be loaded');
  expect(result.stdout).toMatch(/bad-council\.yaml\n {2}ERROR {3}\[council\] id:/);
});

test('audit writes Markdown and HTML reports', () => {
  const md = join(dir, 'audit.md');
  const html = join(dir, 'audit.html');
  const sample = ['--root', join(FIXTURES, 'content', 'audit'), '--council', SAMPLE_COUNCIL, '--rules', join(FIXTURES, 'content', 'audit-rules')];
  const result = run('audit', [...sample, '--out', md, '--html', html]);
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('Audit: 1 Yes, 4 Partial, 1 No (6 lines). Report written to');
  expect(readFileSync(md, 'utf8')).toContain('| line-yes | Short breaks, said and linked | **Yes** | short-breaks |');
  expect(existsSync(html)).toBe(true);
  const strict = run('audit', [...sample, '--strict']);
  expect(strict.status).toBe(1);
  expect(strict.stdout).toMatch(/^# Local Offer content audit/);
});

test('gaps groups a log by likely topic', () => {
  const log = join(dir, 'gaps.jsonl');
  const line = (question: string, topic: string, score: number) =>
    JSON.stringify({ at: '2026-11-20T10:00:00.000Z', channel: 'sms', question, closest: [{ topic, score }] });
  writeFileSync(
    log,
    [line('what is respite', 'short-breaks', 0.5), line('respite at weekends', 'short-breaks', 0.4), line('blue badge', 'transport', 0.1)].join('\n') + '\n',
  );
  const result = run('gaps', ['--file', log]);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/3 questions the assistant could not answer/);
  expect(result.stdout).toMatch(/ {3}2 {2}short-breaks/);
  expect(result.stdout).toContain('No likely topic: content may be missing');
});
