import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Huuray } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { campaignDir } from './campaign-files.js';
import { type CliRun, parseJson, runCli, spawnCli } from './run-cli.js';

// Every subcommand, in-process (binary.test.ts has the real-binary cases), against the stateful
// sandbox, --json parsed, and the sandbox's state checked after each money move.
let sandbox: Sandbox;
let product: string;
let template: string;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
  const found = sandbox.state.products.find((p) => p.currency === 'DKK' && p.active && p.denominations.includes(5000));
  if (!found) throw new Error('seed 11 has no active DKK product with a 50.00 face value');
  product = found.token;
  sandbox.state.setStock(product, 5000, 1_000);
  template = String(sandbox.state.account().templates.find((t) => t.Type === 'Email')?.Id);
  env = { HUURAY_BASE_URL: sandbox.url, HUURAY_API_TOKEN: sandbox.token, HUURAY_API_SECRET: sandbox.secret };
});
afterAll(() => sandbox.close());

const cli = (...args: string[]) => runCli(['--json', ...args], { env });
function ok(run: CliRun): CliRun {
  expect(run.code, run.stderr).toBe(0);
  return run;
}
const dkk = () => sandbox.state.balance('DKK') ?? Number.NaN;
const value = ['--product', () => product, '--value', '50.00', '--currency', 'DKK'] as const;
const money = () => value.map((v) => (typeof v === 'function' ? v() : v));

describe('huuray against the sandbox', () => {
  it('reads balance, catalogue, templates, stock and rates as the sandbox holds them', async () => {
    const balances = parseJson<{ currency: string; amountMinor: number }[]>(ok(await cli('balance')));
    expect(balances.find((b) => b.currency === 'DKK')?.amountMinor).toBe(dkk());

    const danish = parseJson<{ productToken: string }[]>(
      ok(await cli('catalogue', '--country', 'DK', '--currency', 'DKK')),
    );
    expect(danish.map((p) => p.productToken)).toContain(product);

    const templates = parseJson<{ id: number }[]>(ok(await cli('templates')));
    expect(templates.map((t) => String(t.id))).toContain(template);

    const stock = parseJson<{ stock: number }>(ok(await cli('stock', ...money())));
    expect(stock.stock).toBe(sandbox.state.stock(product, 5000));

    const rate = parseJson<{ rate: number }>(ok(await cli('rates', '--from', 'EUR', '--to', 'DKK')));
    expect(rate.rate).toBe((sandbox.state.exchangeRate('EUR', 'DKK')?.rateMicros ?? 0) / 1_000_000);
  });

  it('sends, searches, resends and cancels, and the balance follows', async () => {
    const before = dkk();
    const sent = parseJson<{ orderUid: string; source: string }>(
      ok(
        await cli(
          'send',
          ...money(),
          '--template',
          template,
          '--ref-id',
          'cli-send-1',
          '--name',
          'Ada',
          '--email',
          'ada@example.com',
          '--yes',
        ),
      ),
    );
    expect(sent.source).toBe('created');
    expect(sandbox.state.orders().filter((o) => o.refId === 'cli-send-1')).toHaveLength(1);
    expect(dkk()).toBeLessThan(before);

    const found = parseJson<{ orderUid: string }>(ok(await cli('search', '--ref-id', 'cli-send-1')));
    expect(found.orderUid).toBe(sent.orderUid);

    const resent = parseJson<{ numberOfResends: number }>(ok(await cli('resend', '--order', sent.orderUid, '--yes')));
    expect(resent.numberOfResends).toBe(1);

    const cancelled = parseJson<{ orderCancelled: boolean }>(
      ok(await cli('cancel', '--order', sent.orderUid, '--yes')),
    );
    expect(cancelled.orderCancelled).toBe(true);
    expect(dkk()).toBe(before);
  });

  it('issues 30 codes as two orders', async () => {
    const issued = parseJson<{ complete: boolean; vouchers: unknown[] }>(
      ok(await cli('issue', ...money(), '--quantity', '30', '--ref-id', 'cli-issue', '--yes')),
    );
    expect(issued).toMatchObject({ complete: true });
    expect(issued.vouchers).toHaveLength(30);
    expect(sandbox.state.orders().filter((o) => o.refId?.startsWith('cli-issue.'))).toHaveLength(2);
  });

  it('runs a campaign once per row, and a re-run sends nothing', async () => {
    const dir = campaignDir();
    const rows = Array.from({ length: 20 }, (_, i) => `Person ${i},c${i}@example.com,`);
    writeFileSync(join(dir, 'r.csv'), `name,email,phone\n${rows.join('\n')}\n`);
    const args = ['campaign', 'run', 'r.csv', '--name', 'sbx', ...money(), '--template', template, '--yes'];
    ok(await runCli(['--json', ...args], { env, cwd: dir }));
    const orders = () => sandbox.state.orders().filter((o) => o.refId?.startsWith('sbx-'));
    expect(orders()).toHaveLength(20);
    ok(await runCli(['--json', ...args], { env, cwd: dir }));
    expect(orders()).toHaveLength(20);
    const status = parseJson<{ counts: { total: number; pending: number } }>(
      ok(await runCli(['--json', 'campaign', 'status', '--name', 'sbx'], { env, cwd: dir })),
    );
    expect(status.counts).toMatchObject({ total: 20, pending: 0 });
  });

  it('--sandbox runs a command against an in-process sandbox with no account', async () => {
    const balances = parseJson<{ currency: string }[]>(ok(await runCli(['--json', '--sandbox', 'balance'])));
    expect(balances.map((b) => b.currency)).toContain('DKK');
  });

  it('huuray sandbox serves until SIGTERM and prints credentials that work', { timeout: 120_000 }, async () => {
    const child = spawnCli(['--json', 'sandbox', '--seed', '3']);
    try {
      let stdout = '';
      const printed = await new Promise<{ url: string; token: string; secret: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no credentials printed: ${stdout}`)), 90_000);
        child.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          try {
            resolve(JSON.parse(stdout));
            clearTimeout(timer);
          } catch {
            // not the whole document yet
          }
        });
      });
      const huuray = new Huuray({ token: printed.token, secret: printed.secret, baseUrl: printed.url });
      expect((await huuray.balances()).length).toBeGreaterThan(0);
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('the money preview', () => {
  it('--dry-run --json prints the plan as one JSON document and sends nothing', async () => {
    const before = sandbox.state.orders().length;
    const run = ok(
      await cli(
        'send',
        ...money(),
        '--template',
        template,
        '--ref-id',
        'cli-dry',
        '--email',
        'd@example.com',
        '--dry-run',
      ),
    );
    const plan = parseJson<{
      dryRun: boolean;
      sent: boolean;
      plan: { preview: { currency: string; count: number }[] };
    }>(run);
    expect(plan).toMatchObject({ dryRun: true, sent: false });
    expect(plan.plan.preview[0]).toMatchObject({ currency: 'DKK', count: 1 });
    expect(sandbox.state.orders()).toHaveLength(before);
  });

  it('estimates what the master balance pays for a currency the account holds none of', async () => {
    const dkkOnly = await startSandbox({ seed: 11, accounts: [{ balances: { DKK: 10_000_000 } }] });
    try {
      const eur = dkkOnly.state.products.find((p) => p.currency === 'EUR' && p.active && p.denominations.length > 0);
      if (!eur) throw new Error('seed 11 has no active EUR product');
      const valueMinor = eur.denominations[0] ?? 0;
      dkkOnly.state.setStock(eur.token, valueMinor, 10);
      const tpl = String(dkkOnly.state.account().templates.find((t) => t.Type === 'Email')?.Id);
      const args = [
        'send',
        '--product',
        eur.token,
        '--value',
        (valueMinor / 100).toFixed(2),
        '--currency',
        'EUR',
      ].concat(['--template', tpl, '--ref-id', 'cli-fx', '--email', 'fx@example.com']);
      const dkkEnv = {
        HUURAY_BASE_URL: dkkOnly.url,
        HUURAY_API_TOKEN: dkkOnly.token,
        HUURAY_API_SECRET: dkkOnly.secret,
      };
      const dry = parseJson<{ plan: { preview: { charge: { currency: string; estimateMinor: number } }[] } }>(
        ok(await runCli(['--json', ...args, '--dry-run'], { env: dkkEnv })),
      );
      const estimate = dry.plan.preview[0]?.charge;
      expect(estimate?.currency).toBe('DKK');

      const before = dkkOnly.state.balance('DKK') ?? 0;
      ok(await runCli(['--json', ...args, '--yes'], { env: dkkEnv }));
      const charged = before - (dkkOnly.state.balance('DKK') ?? 0);
      expect(charged).toBeGreaterThan(0);
      expect(Math.abs((estimate?.estimateMinor ?? 0) - charged)).toBeLessThanOrEqual(2);
    } finally {
      await dkkOnly.close();
    }
  });
});

describe('campaign delivery channel', () => {
  const dirWith = (csv: string) => {
    const dir = campaignDir();
    writeFileSync(join(dir, 'r.csv'), csv);
    return dir;
  };
  const sms = () => String(sandbox.state.account().templates.find((t) => t.Type === 'SMS')?.Id);
  const run = (dir: string, name: string, tpl: string) =>
    runCli(['--json', 'campaign', 'run', 'r.csv', '--name', name, ...money(), '--template', tpl, '--yes'], {
      env,
      cwd: dir,
    });

  it('runs an SMS campaign from a file with phone numbers only', async () => {
    const dir = dirWith('name,phone\nAda,+4511111111\nGrace,+4522222222\n');
    ok(await run(dir, 'sms1', sms()));
    expect(sandbox.state.orders().filter((o) => o.refId?.startsWith('sms1-'))).toHaveLength(2);
  });

  it('refuses, before any order, rows that lack what the template delivers to', async () => {
    const dir = dirWith('name,email,phone\nAda,ada@example.com,+4511111111\nNo Phone,np@example.com,\n');
    const refused = await run(dir, 'sms2', sms());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 3: phone is missing, and the template delivers by SMS/);
    expect(sandbox.state.orders().filter((o) => o.refId?.startsWith('sms2-'))).toHaveLength(0);
  });

  it('refuses a template the account does not have', async () => {
    const dir = dirWith('name,email\nAda,ada@example.com\n');
    const refused = await run(dir, 'tpl', '999999');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/template 999999 is not an email or SMS template/);
  });
});
