import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../helpers/per-test.js';
import { campaignDir, runArgs, writeRecipients } from './campaign-files.js';
import { type CliAccountOptions, startCliAccount } from './cli-account.js';
import { parseJson, runCli } from './run-cli.js';

// Against the sandbox as the CLI test account; each test scripts its faults.
const startAccount = closedAfterEach(startCliAccount);

async function setup(options: CliAccountOptions = {}) {
  const account = await startAccount(options);
  const dir = campaignDir();
  return { account, dir, cli: (...args: string[]) => runCli(args, { env: account.env, cwd: dir }) };
}

interface StatusJson {
  counts: { total: number; sent: number; reconciled: number; failed: number; unknown: number; pending: number };
  rows: { refId: string; state: string }[];
}

describe('huuray campaign: refusing bad files', () => {
  it('lists every bad row with its line number and sends nothing', async () => {
    const { account, dir, cli } = await setup();
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      [
        'name,email,phone,value',
        'Ada,ada@example.com,,',
        'No Mail,,+4512345678,',
        'Bad Value,bv@example.com,,fifty',
        'Twice,ADA@example.com,,',
        'Fraction,fr@example.com,,1.234',
      ].join('\n'),
    );
    const run = await cli(...runArgs(file, 'bad', '--yes'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 3: email is missing/);
    expect(run.stderr).toMatch(/line 4: value/);
    expect(run.stderr).toMatch(/line 5: duplicate recipient ADA@example.com \(first on line 2\)/);
    expect(run.stderr).toMatch(/line 6: value .*decimal places/);
    expect(account.sandbox.state.requestLog).toHaveLength(0);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /the file is empty/],
    ['a header-only file', Buffer.from('name,email,phone\n'), /no rows/],
    [
      'a Latin-1 file',
      Buffer.from('name,email\nSøren,s@example.com\n', 'latin1'),
      /line 2: the file is not valid UTF-8/,
    ],
    ['unknown columns', Buffer.from('name,mail\nA,a@example.com\n'), /unknown column.*"mail"/],
  ])('refuses %s with exit 2 and no request', async (_what, content, message) => {
    const { account, dir, cli } = await setup();
    const file = join(dir, 'x.csv');
    writeFileSync(file, content);
    const run = await cli(...runArgs(file, 'x', '--yes'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(account.sandbox.state.requestLog).toHaveLength(0);
  });
});

describe('huuray campaign run and status', () => {
  it('previews, sends every row, writes the report, and a re-run sends nothing', async () => {
    const { account, dir, cli } = await setup();
    const file = writeRecipients(dir, 12);

    const dry = await cli(...runArgs(file, 'q4', '--dry-run'));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('12 gift card(s), face value DKK 600.00; cost DKK 570.00 after 5% discount');
    expect(account.count('Order')).toBe(0);

    const run = await cli('--json', ...runArgs(file, 'q4', '--yes', '--concurrency', '4', '--report', 'out.csv'));
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson<StatusJson>(run).counts).toMatchObject({ total: 12, sent: 12, failed: 0, unknown: 0 });
    expect(run.stderr).toMatch(/\[12\/12\] line \d+ p\d+@example.com \(q4-[0-9a-f]{16}\): done \(created\)/);
    const report = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(report[0]).toBe('line,refId,name,email,state,orderUid,source,error,message');
    expect(report.slice(1).every((l) => l.includes(',sent,'))).toBe(true);
    expect(report).toHaveLength(13);

    const status = await cli('--json', 'campaign', 'status', '--name', 'q4');
    expect(status.code, status.stderr).toBe(0);
    expect(parseJson<StatusJson>(status).counts).toMatchObject({ total: 12, sent: 12 });

    const again = await cli(...runArgs(file, 'q4'));
    expect(again.code, again.stderr).toBe(0); // nothing to send, so no --yes needed
    expect(again.stdout).toContain('12 already done');
    expect(account.refIds()).toHaveLength(12);
  });

  it('refuses to resume with other parameters (exit 2)', async () => {
    const { account, dir, cli } = await setup();
    const file = writeRecipients(dir, 3);
    expect((await cli(...runArgs(file, 'pin', '--yes'))).code).toBe(0);
    const changed = await cli(...runArgs(file, 'pin', '--yes').map((a) => (a === '50.00' ? '75.00' : a)));
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/value \(minor units\).*5000.*7500/);
    expect(account.refIds()).toHaveLength(3);
  });

  it('records refusals, exits 1, and retries them only with --retry-failed', async () => {
    const { account, dir, cli } = await setup();
    account.sandbox.state.faults.next('Order', {
      kind: 'refuse',
      status: 422,
      message: 'You have nothing left on your account',
    });
    const file = writeRecipients(dir, 3);
    const first = await cli(...runArgs(file, 'refuse', '--yes', '--concurrency', '1'));
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/p\d+@example.com +refuse-[0-9a-f]{16} +failed \(refused\).*HuurayUnprocessableError/);
    const second = await cli(...runArgs(file, 'refuse', '--yes'));
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('1 refused earlier (--retry-failed to send them)');
    const third = await cli(...runArgs(file, 'refuse', '--yes', '--retry-failed'));
    expect(third.code, third.stderr).toBe(0);
    expect(account.refIds()).toHaveLength(3);
  });

  it('--json: a campaign with refused rows writes its report as the one JSON document and exits 1', async () => {
    const { account, dir, cli } = await setup();
    account.sandbox.state.faults.next('Order', { kind: 'refuse', status: 422, message: 'Refused' });
    const file = writeRecipients(dir, 2);
    const run = await cli('--json', ...runArgs(file, 'onedoc', '--yes', '--concurrency', '1'));
    expect(run.code).toBe(1);
    expect(parseJson<StatusJson>(run).counts).toMatchObject({ total: 2, failed: 1 });
    expect(run.stderr).toMatch(/some rows were not sent/);
  });

  it('status exits 2 for a campaign without a journal', async () => {
    const { cli } = await setup();
    const run = await cli('campaign', 'status', '--name', 'nothing-here');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no campaign journal/);
  });
});
