/**
 * npm run content:audit [-- --out report.md] [--html report.html] [--strict] [--rules folder]
 *   [--root content-folder] [--council my-council.yaml]
 * Scores the content against the audit rules (Code of Practice 4.30 and the review rubric) and writes
 * a report: Markdown to the screen or a file, and HTML if asked. --strict fails unless every line is Yes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { auditContent, loadAuditRules, renderHtml, renderMarkdown } from '../audit.js';
import { loadContent } from '../store.js';

function main(): number {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      html: { type: 'string' },
      rules: { type: 'string' },
      root: { type: 'string' },
      council: { type: 'string' },
      strict: { type: 'boolean', default: false },
    },
  });
  const store = loadContent({ root: values.root, councilFile: values.council });
  const rules = loadAuditRules(values.rules ?? (values.root ? join(values.root, 'audit') : undefined));
  const report = auditContent(store, rules.lines, { problems: rules.problems });
  const markdown = renderMarkdown(report);
  if (values.out) writeFileSync(values.out, markdown);
  else process.stdout.write(markdown);
  if (values.html) writeFileSync(values.html, renderHtml(report));

  const summary = `Audit: ${report.counts.Yes} Yes, ${report.counts.Partial} Partial, ${report.counts.No} No (${report.lines.length} lines).`;
  // With the report on stdout, the summary goes to stderr so the Markdown stays clean when piped.
  (values.out ? console.log : console.error)(summary + (values.out ? ` Report written to ${values.out}${values.html ? ` and ${values.html}` : ''}.` : ''));
  if (rules.problems.some((p) => p.severity === 'error')) return 1;
  return values.strict && report.counts.Yes !== report.lines.length ? 1 : 0;
}

process.exitCode = main();
