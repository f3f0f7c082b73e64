import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignDir } from './campaign-files.js';
import { parseJson, runBinary, spawnCli } from './run-cli.js';
import { useSandboxAccount } from './sandbox-account.js';

// The few cases that start the real `huuray` binary (through tsx), as users do: help, one send, a
// closed pipe, and the typed confirmation on a pseudo-terminal. Everything else runs in-process
// (run-cli.ts); the SIGINT and SIGKILL campaign tests spawn it too, in their own files.
const account = useSandboxAccount(11);
const money = () => ['--product', account().product.token, '--value', '50.00', '--currency', 'DKK'];

describe('the real binary, end to end', () => {
  // Most cases run in-process (run-cli.ts); these few start the binary itself, as users do.
  it('--help exits 0 with usage and examples', async () => {
    const run = await runBinary(['--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: huuray');
    expect(run.stdout).toContain('Examples:');
  });

  it('sends one gift card', async () => {
    const run = await runBinary(
      [
        '--json',
        'send',
        ...money(),
        '--template',
        account().email,
        '--ref-id',
        'cli-bin-send',
        '--email',
        'bin@example.com',
      ].concat(['--yes']),
      { env: account().env, cwd: campaignDir() },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson<{ source: string }>(run).source).toBe('created');
    expect(
      account()
        .sandbox.state.orders()
        .filter((o) => o.refId === 'cli-bin-send'),
    ).toHaveLength(1);
  });
});

describe('huuray in a pipeline', () => {
  it('exits quietly when the reader closes the pipe early (huuray --help | head -1)', async () => {
    const child = spawnCli(['--help']);
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});

describe('confirmation on a terminal', { timeout: 120_000 }, () => {
  // util-linux `script` gives the CLI a real pseudo-terminal, so the typed confirmation path runs as a
  // person would meet it; its own stdin (a pipe here) is what the person types.
  async function onTerminal(
    args: string[],
    answer: string,
    colour: Record<string, string | undefined> = { NO_COLOR: '1' },
  ): Promise<{ code: number | null; screen: string }> {
    const node = process.execPath;
    const command = [
      node,
      '--import',
      import.meta.resolve('tsx'),
      join(import.meta.dirname, '../../src/cli/main.ts'),
      ...args,
    ]
      .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
      .join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      // Its .huuray/orders.jsonl lands in a scratch directory, never in the repository.
      cwd: campaignDir(),
      env: { ...process.env, ...account().env, NO_COLOR: undefined, ...colour },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    // A safety net far above a busy machine's start-up time, never an assertion about speed.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      if (screen.includes('Type yes to') && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`);
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    clearTimeout(timer);
    return { code, screen };
  }

  const sendArgs = (refId: string) => [
    'send',
    ...money(),
    '--template',
    account().email,
    '--ref-id',
    refId,
    '--email',
    'tty@example.com',
  ];

  it('sends after "yes" is typed', async () => {
    const { code, screen } = await onTerminal(sendArgs('cli-tty-yes'), 'yes');
    expect(screen).toContain('Will send 1 gift card');
    expect(code, screen).toBe(0);
    expect(
      account()
        .sandbox.state.orders()
        .filter((o) => o.refId === 'cli-tty-yes'),
    ).toHaveLength(1);
  });

  it('uses colour on a terminal, and none with NO_COLOR', async () => {
    expect((await onTerminal(['balance'], '', {})).screen).toContain('\u001b[1m');
    expect((await onTerminal(['balance'], '', { NO_COLOR: '1' })).screen).not.toContain('\u001b[');
  });

  it('sends nothing on any other answer (exit 2)', async () => {
    const { code, screen } = await onTerminal(sendArgs('cli-tty-no'), 'y');
    expect(code, screen).toBe(2);
    expect(screen).toContain('not confirmed; nothing was sent');
    expect(
      account()
        .sandbox.state.orders()
        .filter((o) => o.refId === 'cli-tty-no'),
    ).toHaveLength(0);
  });
});
