/**
 * npm run spec:update -- <file or URL> [--report out.md] [--no-checks]
 *
 * Vendors a new Huuray v4 spec, regenerates generated/, runs the spec-sensitive checks and prints a
 * Markdown change report. Exit 0: nothing breaking; 1: a breaking change or a failed step; 2: refused.
 */
import { writeFile } from 'node:fs/promises';
import { REPO_ROOT } from './spec/location.js';
import { updateSpec } from './spec/update.js';

const args = process.argv.slice(2);
const reportAt = args.indexOf('--report');
const reportFile = reportAt === -1 ? undefined : args[reportAt + 1];
const source = args.find((arg, i) => !arg.startsWith('--') && (reportAt === -1 || i !== reportAt + 1));
if (source === undefined || (reportAt !== -1 && reportFile === undefined)) {
  console.error('usage: npm run spec:update -- <file or URL> [--report out.md] [--no-checks]');
  process.exit(2);
}
const outcome = await updateSpec({ root: REPO_ROOT, source, runChecks: !args.includes('--no-checks') });
process.stdout.write(outcome.markdown);
if (reportFile !== undefined) await writeFile(reportFile, outcome.markdown);
process.exitCode = outcome.exitCode;
