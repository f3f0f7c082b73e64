import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// `huuray --help` must cost little more than starting node (issue 14: at most 1.5x bare node). It can only if
// building the command tree loads commander and the command definitions and nothing else: each command's
// action, with zod, the facade, csv-parse, cli-progress and the sandbox, is imported when it runs. Pinned on
// what is loaded, not on time: a child process runs the CLI from source with a resolve hook listing modules.
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const TSX = import.meta.resolve('tsx');
const TRACE = join(root, 'test/helpers/import-trace.ts');
const run = promisify(execFile);

/** Runs every argv in one process and returns the exit codes and every module URL resolved on the way. */
async function traced(runs: readonly (readonly string[])[]): Promise<{ codes: number[]; modules: string[] }> {
  const scratch = mkdtempSync(join(tmpdir(), 'huuray-trace-'));
  const traceFile = join(scratch, 'modules.txt');
  const { stdout } = await run(process.execPath, ['--import', TSX, TRACE, traceFile, JSON.stringify(runs)], {
    cwd: scratch,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
  });
  return {
    codes: JSON.parse(stdout) as number[],
    modules: readFileSync(traceFile, 'utf8').split('\n').filter(Boolean),
  };
}

const source = (path: string) => pathToFileURL(join(root, path)).href;

/** What only an action needs; a URL of any of these in the trace of `--help` is start-up time lost. */
const HEAVY: readonly [string, (url: string) => boolean][] = [
  ['zod', (url) => url.includes('/node_modules/zod/')],
  ['csv-parse', (url) => url.includes('/node_modules/csv-parse/')],
  ['cli-progress', (url) => url.includes('/node_modules/cli-progress/')],
  ['strip-ansi', (url) => url.includes('/node_modules/strip-ansi/')],
  ['openapi-fetch', (url) => url.includes('/node_modules/openapi-fetch/')],
  ['the Huuray facade', (url) => url === source('src/huuray.ts')],
  ['generated/ (the zod schemas)', (url) => url.startsWith(source('generated/'))],
  ['the sandbox', (url) => url.startsWith(source('src/sandbox/'))],
  ['campaign code', (url) => url.startsWith(source('src/campaign/'))],
  ['node:readline', (url) => url.startsWith('node:readline')],
  ['node:http', (url) => url === 'node:http'],
];

const heavyIn = (modules: readonly string[]) =>
  HEAVY.filter(([, matches]) => modules.some(matches)).map(([name]) => name);

describe('start-up: help, version and usage errors load only the command definitions', () => {
  it('--help, every command --help, --version and usage errors load none of what actions need', async () => {
    const { codes, modules } = await traced([
      ['--help'],
      ['campaign', 'run', '--help'],
      ['send', '--help'],
      ['worker', '--help'],
      ['reconcile', '--help'],
      ['ledger', 'list', '--help'],
      ['--json', 'sandbox', '--help'],
      ['--version'],
      ['bogus'],
      ['send', '--prodcut', 'x'],
      ['--json', 'send', '--product', 'p'],
      ['issue', '--quantity', '0'],
      ['sandbox', '--port', '70000'],
    ]);
    expect(codes).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2]);
    // The trace works: the program and commander are in it.
    expect(modules).toContain(source('src/cli/program.ts'));
    expect(modules.some((url) => url.includes('/node_modules/commander/'))).toBe(true);
    expect(heavyIn(modules)).toEqual([]);
  });

  it('a command that runs loads its action, and with it the facade and zod (the trace sees them)', async () => {
    // No credentials: the action starts, loads what it needs and stops with a usage error before any request.
    const { codes, modules } = await traced([['balance']]);
    expect(codes).toEqual([2]);
    expect(heavyIn(modules)).toEqual(
      expect.arrayContaining(['zod', 'the Huuray facade', 'generated/ (the zod schemas)']),
    );
  });
});
