import { describe, expect, it } from 'vitest';
import { Output } from '../../src/cli/output.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startTestSandbox } from '../helpers/sandbox-huuray.js';
import { type CliRun, runCli } from './run-cli.js';

// ESC sequences that erase the line and move the cursor, a carriage return, a C1 CSI, and bidi controls:
// together they can forge a line of output such as a balance.
const EVIL = 'Evil\u001b[2K\u001b[1A\rDKK 1,000,000.00\u009b31m \u202Emoc.elgoog\u202C \u2066x\u2069\u200F\u061C';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

const env = (sandbox: Sandbox) => ({
  HUURAY_BASE_URL: sandbox.url,
  HUURAY_API_TOKEN: sandbox.token,
  HUURAY_API_SECRET: sandbox.secret,
});

function expectSafe(run: CliRun): void {
  expect(run.stdout).not.toMatch(UNSAFE);
  expect(run.stderr).not.toMatch(UNSAFE);
}

describe('the CLI prints no control or bidi character from the API (issue 8)', () => {
  it('a BrandName with ESC sequences and U+202E, in the table and in --json', async () => {
    const sandbox = await startTestSandbox({ seed: 81, catalogueSize: 5 });
    for (const product of sandbox.state.products) (product as { brandName: string }).brandName = EVIL;
    const table = await runCli(['catalogue'], { env: env(sandbox) });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Evil');
    expectSafe(table);
    const json = await runCli(['catalogue', '--json'], { env: env(sandbox) });
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).not.toContain('\\u001b');
    expectSafe(json);
  });

  it('a StatusMessage with the same, as an error on stderr and as --json', async () => {
    const sandbox = await startTestSandbox({ seed: 82, catalogueSize: 5 });
    sandbox.state.faults.next('Balance', { kind: 'refuse', status: 403, message: EVIL });
    const human = await runCli(['balance'], { env: env(sandbox) });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('Evil');
    expectSafe(human);
    sandbox.state.faults.next('Balance', { kind: 'refuse', status: 403, message: EVIL });
    const json = await runCli(['balance', '--json'], { env: env(sandbox) });
    expect(json.code).toBe(1);
    expect(json.stdout).not.toContain('\\u001b');
    expectSafe(json);
  });

  it('an echoing proxy: no token, nonce or hash in the CLI output', async () => {
    const sandbox = await startTestSandbox({ seed: 83, catalogueSize: 5 });
    sandbox.state.faults.next('Balance', { kind: 'echo', status: 400 });
    const run = await runCli(['balance', '--json'], { env: env(sandbox) });
    expect(run.code).toBe(1);
    const echoed = sandbox.state.requestLog.at(-1)?.echoed ?? '';
    const values = [...echoed.matchAll(/x-api-(?:token|nonce|hash): ([^;]+)/g)].map((m) => m[1] ?? '');
    expect(values).toHaveLength(3);
    for (const value of [...values, sandbox.secret]) {
      expect(run.stdout).not.toContain(value);
      expect(run.stderr).not.toContain(value);
    }
  });
});

describe('Output keeps its own colours and only those', () => {
  it('styles survive on a colour terminal; an API string cannot forge one', () => {
    let written = '';
    const write = (text: string) => {
      written += text;
      return true;
    };
    const tty = { isTTY: true, write } as unknown as NodeJS.WriteStream;
    const out = new Output({ json: false, showCodes: false, env: {}, stdout: tty, stderr: tty });
    out.say(`${out.style('bold', 'Balance')} ${EVIL} [x:bold:on]`);
    expect(written).toContain('\u001b[1mBalance\u001b[22m');
    expect(written.replace('\u001b[1m', '').replace('\u001b[22m', '')).not.toMatch(UNSAFE);
    expect(written).toContain('[x:bold:on]');
  });
});
