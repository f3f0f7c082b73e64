import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent } from '../../src/cli/args.js';
import { ExitCode, exitCodeFor } from '../../src/cli/exit-codes.js';
import { HuurayConflictError } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { campaignDir, writeRecipients } from './campaign-files.js';
import { runCli } from './run-cli.js';

// Issue 15, "no surprises": the same input is read the same way by every command, messages name the
// flag the user typed, and --json always yields exactly one JSON document. In-process.
let sandbox: Sandbox;
let product: string;
let template: string;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 16 });
  const found = sandbox.state.products.find((p) => p.currency === 'DKK' && p.active && p.denominations.includes(5000));
  if (!found) throw new Error('seed 16 has no active DKK product with a 50.00 face value');
  product = found.token;
  sandbox.state.setStock(product, 5000, 1_000);
  template = String(sandbox.state.account().templates.find((t) => t.Type === 'Email')?.Id);
  env = { HUURAY_BASE_URL: sandbox.url, HUURAY_API_TOKEN: sandbox.token, HUURAY_API_SECRET: sandbox.secret };
});
afterAll(() => sandbox.close());

const cli = (...args: string[]) => runCli(args, { env, cwd: campaignDir() });
const sendArgs = (refId: string, currency = 'DKK') =>
  ['send', '--product', product, '--value', '50.00', '--currency', currency, '--template', template].concat([
    '--ref-id',
    refId,
    '--email',
    'ada@example.com',
  ]);

/** stdout holds exactly one JSON document (JSON.parse fails on two). */
function oneDocument(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('currency codes in any case', () => {
  it.each([
    ['send', () => [...sendArgs('in-dkk', 'dkk'), '--dry-run']],
    [
      'issue',
      () =>
        ['issue', '--product', product, '--value', '50', '--currency', 'dkk', '--quantity', '2'].concat([
          '--ref-id',
          'in-issue',
          '--dry-run',
        ]),
    ],
    ['stock', () => ['stock', '--product', product, '--value', '50.00', '--currency', 'dkk']],
    ['catalogue', () => ['catalogue', '--currency', 'dkk']],
    ['rates', () => ['rates', '--from', 'eur', '--to', 'dkk']],
  ])('%s accepts dkk as DKK', async (_command, args) => {
    const run = await cli('--json', ...args());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/Invalid currency/);
    oneDocument(run.stdout);
  });

  it('campaign run accepts dkk as DKK', async () => {
    const dir = campaignDir();
    const file = writeRecipients(dir, 2);
    const run = await runCli(
      ['campaign', 'run', file, '--name', 'lower', '--product', product, '--value', '50', '--currency', 'dkk'].concat([
        '--template',
        template,
        '--dry-run',
      ]),
      { env, cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('face value DKK 100.00');
  });

  it('refuses a code that is not three letters, naming --currency', async () => {
    const run = await cli(...sendArgs('in-bad', 'DK'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--currency/);
  });
});

describe('messages name the flag the user typed', () => {
  it('--value 0 is reported as --value, never valueMinor', async () => {
    const run = await cli(...sendArgs('in-zero').map((a) => (a === '50.00' ? '0' : a)), '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--value/);
    expect(run.stderr).not.toMatch(/valueMinor/);
  });

  it('a bad --email is reported as --email', async () => {
    const run = await cli(...sendArgs('in-mail').map((a) => (a === 'ada@example.com' ? 'nope' : a)), '--yes');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--email/);
    expect(run.stderr).not.toMatch(/recipient\.email/);
  });

  it('a typo in a required flag is named, with a suggestion, before any "required option" message', async () => {
    const run = await cli(...sendArgs('in-typo').map((a) => (a === '--product' ? '--prodcut' : a)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--prodcut'/);
    expect(run.stderr).toMatch(/Did you mean --product\?/);
    expect(run.stderr).not.toMatch(/required option/);
  });

  it('a missing required flag is still reported (exit 2)', async () => {
    const run = await cli('stock');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--product <token>' not specified/);
  });
});

describe('help', () => {
  it('marks required options', async () => {
    const run = await cli('send', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--product <token>\s+product token .*\(required\)/);
    expect(run.stdout).toMatch(/--email <email>\s+recipient email\n/);
  });

  it.each([
    'balance',
    'catalogue',
    'templates',
    'stock',
    'rates',
    'search',
    'send',
    'issue',
    'resend',
    'cancel',
    'campaign',
    'sandbox',
  ])('%s --help has examples', async (command) => {
    const run = await cli(command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain(`$ huuray ${command}`);
  });
});

describe('--json always writes exactly one JSON document, and usage errors exit 2', () => {
  it.each([
    ['an unknown option', ['balance', '--frobnicate']],
    ['a missing required option', ['stock']],
    ['an unknown command', ['frobnicate']],
    ['a bad option value', ['search', '--voucher', 'x']],
    ['sandbox --port 80000', ['sandbox', '--port', '80000']],
  ])('%s', async (_what, args) => {
    const run = await cli('--json', ...args);
    expect(run.code).toBe(2);
    const document = oneDocument(run.stdout) as { error: { exitCode: number; type: string; message: string } };
    expect(document.error).toMatchObject({ exitCode: 2, type: 'UsageError' });
    expect(document.error.message).not.toBe('');
  });

  it('--help and --version with --json: the text on stderr, one document on stdout', async () => {
    const help = await cli('--json', 'send', '--help');
    expect(help.code).toBe(0);
    expect(help.stderr).toContain('Usage: huuray send');
    expect((oneDocument(help.stdout) as { text: string }).text).toContain('Usage: huuray send');
    const version = await cli('--json', '--version');
    expect((oneDocument(version.stdout) as { text: string }).text).toMatch(/\d+\.\d+\.\d+/);
  });

  it('sandbox --port 80000 exits 2 without --json too', async () => {
    const run = await cli('sandbox', '--port', '80000');
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toMatch(/port number from 1 to 65535/);
  });

  it('a command that prints its result and then fails writes one document', async () => {
    const run = await cli('--json', 'search', '--ref-id', 'in-no-such-order');
    expect(run.code).toBe(1);
    expect(oneDocument(`{"v":${run.stdout}}`)).toEqual({ v: null });
  });

  it('a refusal in the preview is one document with the reason', async () => {
    const run = await cli('--json', ...sendArgs('in-refused').map((a) => (a === product ? 'prod_none' : a)), '--yes');
    expect(run.code).toBe(2);
    expect((oneDocument(run.stdout) as { error: { message: string } }).error.message).toMatch(/not in your account/);
  });
});

describe('--sandbox', () => {
  it.each([
    ['search', ['search', '--ref-id', 'x']],
    ['resend', ['resend', '--order', 'x', '--yes']],
    ['cancel', ['cancel', '--order', 'x', '--yes']],
  ])('%s, which needs earlier orders, is refused with a hint to run `huuray sandbox`', async (_c, args) => {
    const run = await runCli(['--sandbox', ...args], { cwd: campaignDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs orders placed by earlier commands/);
    expect(run.stderr).toMatch(/run `huuray sandbox` in another shell/);
  });

  it('says once on stderr that its state does not last', async () => {
    const run = await runCli(['--json', '--sandbox', 'balance'], { cwd: campaignDir() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/--sandbox starts a fresh sandbox for this command only/g)).toHaveLength(1);
    oneDocument(run.stdout);
  });
});

describe('exit codes and formats shared with the library and the demo', () => {
  it('maps HuurayConflictError from the facade to exit 2', () => {
    const conflict = new HuurayConflictError('send', 'r-1', [{ field: 'valueMinor', earlier: 5000, now: 7500 }]);
    expect(exitCodeFor(conflict)).toBe(ExitCode.usage);
  });

  it('the demo prints discounts as the CLI does', { timeout: 120_000 }, async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), 'scripts/demo.ts'],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
    );
    const discounts = stdout.match(/\S+% discount/g) ?? [];
    expect(discounts.length).toBeGreaterThan(0);
    for (const d of discounts) expect(d).toMatch(/^\d+(\.\d{1,2})?% discount$/);
    expect(stdout).not.toMatch(/ -\d+(\.\d+)?%/);
  });

  it('formats discounts one way: no sign, at most two decimals', async () => {
    expect([percent(3.57), percent(7.2), percent(5), percent(12.345)]).toEqual(['3.57%', '7.2%', '5%', '12.35%']);
    const table = await cli('catalogue', '--currency', 'DKK');
    expect(table.stdout).not.toMatch(/-\d+(\.\d+)?%/);
  });
});
