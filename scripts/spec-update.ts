/**
 * npm run spec:update -- <file or URL> [--report out.md] [--no-checks] [--root dir]
 *
 * Vendors a new Huuray v4 spec, regenerates generated/, runs the spec-sensitive checks and prints a
 * Markdown change report. Exit 0: nothing breaking; 1: a breaking change or a step to redo; 2: refused.
 * `--root` points at another checkout (the tests use a temp copy); `--no-checks` skips tsc and vitest.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './spec/location.js';
import { updateSpec } from './spec/update.js';

const USAGE = 'usage: npm run spec:update -- <file or URL> [--report out.md] [--no-checks] [--root dir]';

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { report: { type: 'string' }, 'no-checks': { type: 'boolean' }, root: { type: 'string' } },
  });
}
try {
  parsed = parse();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const [source, ...extra] = parsed.positionals;
if (source === undefined || extra.length > 0) {
  console.error(USAGE);
  process.exit(2);
}
const outcome = await updateSpec({
  root: parsed.values.root === undefined ? REPO_ROOT : resolve(parsed.values.root),
  source,
  runChecks: parsed.values['no-checks'] !== true,
});
process.stdout.write(outcome.markdown);
if (parsed.values.report !== undefined) await writeFile(parsed.values.report, outcome.markdown);
process.exitCode = outcome.exitCode;
