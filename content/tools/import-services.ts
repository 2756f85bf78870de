/**
 * npm run content:import-services -- <feed.json> [--out cleaned.json] [--normalised services.json]
 * Reads an Open Referral UK feed, prints every record it had to skip and why, and can write:
 * --out: the feed's good records only, as a feed the assistant loads (content/data/services/);
 * --normalised: the services as the assistant will show them, for checking by eye.
 * Exits 1 when any record was skipped, so a scheduled import notices.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../store.js';
import { feedRecords, importOpenReferralFeed } from '../services/open-referral.js';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, normalised: { type: 'string' } },
  });
  const input = positionals[0];
  if (!input) {
    console.error('Usage: npm run content:import-services -- <feed.json> [--out cleaned.json] [--normalised services.json]');
    return 2;
  }
  let feed: unknown;
  try {
    feed = JSON.parse(readFileSync(input, 'utf8'));
  } catch (err) {
    console.error(`${input} cannot be read as JSON: ${(err as Error).message}`);
    return 1;
  }
  const { services, problems } = importOpenReferralFeed(feed, basename(input));
  for (const p of problems) console.log(formatProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.log(
    `${services.length} services imported; ${errors} record problem${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}.`,
  );

  if (values.out) {
    // Keep the original records (not our normalised form) so the file stays a valid ORUK feed.
    const kept = new Set(services.map((s) => s.id));
    const records = (feedRecords(feed) ?? []).filter((r) => {
      const id = (r as { id?: unknown })?.id;
      return (typeof id === 'string' || typeof id === 'number') && kept.delete(String(id).trim());
    });
    writeFileSync(values.out, `${JSON.stringify({ total_items: records.length, contents: records }, null, 2)}\n`);
    console.log(`Wrote ${records.length} records to ${values.out}.`);
  }
  if (values.normalised) {
    writeFileSync(values.normalised, `${JSON.stringify(services, null, 2)}\n`);
    console.log(`Wrote ${services.length} normalised services to ${values.normalised}.`);
  }
  return errors ? 1 : 0;
}

process.exitCode = main();
