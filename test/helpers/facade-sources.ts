import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../scripts/spec/location.js';

// Where the client reads response bodies: everything under src/ but the sandbox (the API's stand-in),
// the CLI and campaigns (which read the facade's objects, not wire bodies), and the field list itself.
const NOT_READING_WIRE = ['src/sandbox/', 'src/cli/', 'src/campaign/', 'src/core/wire-fields.ts'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The source text of every file that reads wire bodies, one entry per file. */
export const facadeSources: readonly string[] = files(join(REPO_ROOT, 'src'))
  .filter((path) => !NOT_READING_WIRE.some((skip) => relative(REPO_ROOT, path).replaceAll('\\', '/').startsWith(skip)))
  .map((path) => readFileSync(path, 'utf8'));
