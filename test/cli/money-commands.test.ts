import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../helpers/per-test.js';
import { type CliAccountOptions, PRODUCT, startCliAccount, TEMPLATE } from './cli-account.js';
import { parseJson, runCli } from './run-cli.js';

// Money-moving commands against the sandbox as the CLI test account; each test scripts its faults
// and balance.
const startAccount = closedAfterEach(startCliAccount);

async function setup(options: CliAccountOptions = {}) {
  const account = await startAccount(options);
  const codes = () => account.sandbox.state.vouchers().map((v) => v.code);
  return {
    account,
    codes,
    cli: (...args: string[]) => runCli(['--settle-delay', '20', ...args], { env: account.env }),
  };
}

const send = (refId: string, ...extra: string[]) => [
  'send',
  '--product',
  PRODUCT,
  '--value',
  '50.00',
  '--currency',
  'DKK',
  '--template',
  TEMPLATE,
  '--ref-id',
  refId,
  '--name',
  'Ada',
  '--email',
  'ada@example.com',
  ...extra,
];

describe('huuray send', () => {
  it('--dry-run previews count, face value, cost after discount and balances, and sends nothing', async () => {
    const { account, cli } = await setup({ balanceMinor: 100_000 });
    const run = await cli(...send('dry-1', '--dry-run'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 gift card(s), face value DKK 50.00; cost DKK 47.50 after 5% discount');
    expect(run.stdout).toContain('balance DKK 1,000.00 -> DKK 952.50');
    expect(run.stdout).toContain('dry run: nothing was sent');
    expect(account.count('Order')).toBe(0);
  });

  it('refuses without --yes when there is no terminal (exit 2), naming --yes', async () => {
    const { account, cli } = await setup();
    const run = await cli(...send('noyes-1'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(account.count('Order')).toBe(0);
  });

  it('refuses an insufficient balance in the preview with exit 2 before sending', async () => {
    const { account, cli } = await setup({ balanceMinor: 1000 });
    const run = await cli(...send('poor-1', '--yes'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/insufficient balance/);
    expect(account.count('Order')).toBe(0);
  });

  it('--yes sends once; the same refId again sends nothing; codes only with --show-codes', async () => {
    const { account, cli, codes } = await setup();
    const first = await cli('--json', ...send('once-1', '--yes'));
    expect(first.code, first.stderr).toBe(0);
    const order = parseJson<{ orderUid: string; source: string; vouchers: Record<string, unknown>[] }>(first);
    expect(order.source).toBe('created');
    expect(order.vouchers[0]).not.toHaveProperty('code');
    const [code] = codes();
    expect(code).toBeDefined();
    expect(first.stdout + first.stderr).not.toContain(code);

    const again = await cli('--json', '--show-codes', ...send('once-1', '--yes'));
    expect(again.code, again.stderr).toBe(0);
    expect(parseJson<{ source: string; orderUid: string }>(again)).toMatchObject({
      source: 'existing',
      orderUid: order.orderUid,
    });
    expect(account.refIds()).toEqual(['once-1']);

    const shown = await cli(
      '--json',
      '--show-codes',
      'search',
      '--order',
      order.orderUid,
      '--voucher',
      String(account.sandbox.state.vouchers()[0]?.id),
    );
    expect(shown.stdout).toContain(code);
    const table = await cli('search', '--ref-id', 'once-1');
    expect(table.stdout).not.toContain(code);
  });

  it('exits 2 for a bad recipient before any request', async () => {
    const { account, cli } = await setup();
    const run = await cli(
      'send',
      '--product',
      PRODUCT,
      '--value',
      '50',
      '--currency',
      'DKK',
      '--template',
      TEMPLATE,
      '--ref-id',
      'bad-1',
      '--email',
      'nope',
      '--yes',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/email/);
    expect(account.sandbox.state.requestLog).toHaveLength(0);
  });

  it('exits 3 when the outcome of the order is unknown', async () => {
    const { account, cli } = await setup();
    account.sandbox.state.faults.next('Order', 'error-before-store');
    // The existence check and the first reconcile search answer; every later search attempt fails.
    account.sandbox.state.faults.next('Search', { kind: 'latency', ms: 0 }, 2);
    account.sandbox.state.faults.next('Search', 'error-before-store', 10);
    const run = await cli('--timeout', '2000', ...send('unknown-1', '--yes'));
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/outcome unknown/);
    expect(account.count('Order')).toBe(1);
  });
});

describe('huuray issue, resend, cancel', () => {
  it('issue --yes places sync orders of up to 25 and hides codes without --show-codes', async () => {
    const { account, cli, codes } = await setup();
    const run = await cli(
      '--json',
      'issue',
      '--product',
      PRODUCT,
      '--value',
      '100',
      '--currency',
      'DKK',
      '--quantity',
      '30',
      '--ref-id',
      'raffle',
      '--yes',
    );
    expect(run.code, run.stderr).toBe(0);
    const result = parseJson<{ complete: boolean; vouchers: Record<string, unknown>[]; chunks: unknown[] }>(run);
    expect(result.complete).toBe(true);
    expect(result.chunks).toHaveLength(2);
    expect(result.vouchers).toHaveLength(30);
    for (const code of codes()) expect(run.stdout).not.toContain(code);
    expect(account.refIds()).toEqual(['raffle.1', 'raffle.2']);
  });

  it('resend and cancel print what they affect, need --yes, and act once confirmed', async () => {
    const { account, cli } = await setup();
    expect((await cli(...send('rc-1', '--yes'))).code).toBe(0);
    const uid = account.sandbox.state.orders()[0]?.orderUID ?? '';

    const unconfirmed = await cli('resend', '--order', uid);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stdout).toContain(`Will resend order ${uid}`);
    expect(account.count('Resend')).toBe(0);

    const resent = await cli('--json', 'resend', '--order', uid, '--yes');
    expect(resent.code, resent.stderr).toBe(0);
    expect(parseJson(resent)).toMatchObject({ numberOfResends: 1, partial: false });

    const dry = await cli('cancel', '--order', uid, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Will cancel order ${uid}`);
    expect(account.count('Cancel')).toBe(0);

    const cancelled = await cli('--json', 'cancel', '--order', uid, '--yes');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(parseJson(cancelled)).toMatchObject({ orderUid: uid, orderCancelled: true });
  });
});
