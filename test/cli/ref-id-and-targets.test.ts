import { describe, expect, it } from 'vitest';
import { campaignDir } from './campaign-files.js';
import { parseJson, runCli } from './run-cli.js';
import { sendArgs, useSandboxAccount } from './sandbox-account.js';

// Issue 15: a refId names one reward (a reuse for another is a conflict, never "nothing to do"), and
// resend, cancel and search say what they touch. In-process against the sandbox.
const account = useSandboxAccount(17);
const send = (refId: string, overrides: Record<string, string> = {}, ...extra: string[]) =>
  sendArgs(account(), refId, overrides, ...extra);

describe('a refId reused with other parameters', () => {
  it('is a conflict (exit 2) showing the earlier order and the new parameters; the same send again is not', async () => {
    const dir = campaignDir();
    const at = (...args: string[]) => runCli(args, { env: account().env, cwd: dir });
    expect((await at(...send('pc-ref', {}, '--yes'))).code).toBe(0);

    const other = await at('--json', ...send('pc-ref', { '--email': 'bob@example.com' }, '--yes'));
    expect(other.code, other.stderr).toBe(2);
    const error = parseJson<{ error: { type: string; earlier: { orderUid: string }; now: { recipient: unknown } } }>(
      other,
    ).error;
    expect(error.type).toBe('HuurayConflictError');
    expect(error.now.recipient).toEqual({ email: 'bob@example.com' });
    expect(error.earlier.orderUid).toMatch(/\S/);
    expect(other.stderr).not.toMatch(/nothing to do/);

    // Same recipient, another value: known from this directory's record of the first send.
    const value = account().product.denominations.find((d) => d !== 5000);
    const dearer = await at(...send('pc-ref', { '--value': ((value ?? 10_000) / 100).toFixed(2) }, '--yes'));
    expect(dearer.code).toBe(2);
    expect(dearer.stdout).toMatch(/earlier: product .*, DKK 50.00/);
    expect(dearer.stdout).toMatch(/this command asked for: product .*, DKK (?!50.00)/);

    const same = await at(...send('pc-ref', {}, '--yes'));
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toMatch(/already sent to this recipient; nothing to do/);
    expect(
      account()
        .sandbox.state.orders()
        .filter((o) => o.refId === 'pc-ref'),
    ).toHaveLength(1);
  });
});

describe('issue with a refId already used for other codes', () => {
  it('is a conflict (exit 2) when this directory issued it with another value', async () => {
    const dir = campaignDir();
    const issue = (value: string) =>
      runCli(
        [
          '--json',
          'issue',
          '--product',
          account().product.token,
          '--value',
          value,
          '--currency',
          'DKK',
          '--quantity',
          '2',
        ].concat(['--ref-id', 'pc-issued', '--yes']),
        { env: account().env, cwd: dir },
      );
    expect((await issue('50.00')).code).toBe(0);
    const other = account().product.denominations.find((d) => d !== 5000) ?? 10_000;
    const again = await issue((other / 100).toFixed(2));
    expect(again.code, again.stderr).toBe(2);
    expect(parseJson<{ error: { type: string } }>(again).error.type).toBe('HuurayConflictError');
    expect(again.stderr).toMatch(/already used to issue product .*DKK 50.00/);
    expect(
      account()
        .sandbox.state.orders()
        .filter((o) => o.refId?.startsWith('pc-issued.')),
    ).toHaveLength(1);
  });
});

describe('issue run again to complete', () => {
  it('is pre-checked for the codes still missing only, so a sold-out stock does not refuse it', async () => {
    const { sandbox, product, env } = account();
    const dir = campaignDir();
    const issue = () =>
      runCli(
        ['issue', '--product', product.token, '--value', '50.00', '--currency', 'DKK', '--quantity', '30'].concat([
          '--ref-id',
          'pc-complete',
          '--yes',
        ]),
        { env, cwd: dir },
      );
    expect((await issue()).code).toBe(0);
    sandbox.state.setStock(product.token, 5000, 0);
    try {
      const again = await issue();
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(
        /Will issue 0 more code\(s\) of 30 \(refId pc-complete; 30 already issued from here/,
      );
      expect(sandbox.state.orders().filter((o) => o.refId?.startsWith('pc-complete.'))).toHaveLength(2);
    } finally {
      sandbox.state.setStock(product.token, 5000, 1_000);
    }
  });
});

describe('resend, cancel and search show what they touch', () => {
  it('resend and cancel previews show face value, currency and the balance after the refund', async () => {
    const dir = campaignDir();
    const at = (...args: string[]) => runCli(args, { env: account().env, cwd: dir });
    const sent = parseJson<{ orderUid: string }>(await at('--json', ...send('pc-money', {}, '--yes')));

    const resend = await at('resend', '--order', sent.orderUid, '--dry-run');
    expect(resend.code, resend.stderr).toBe(0);
    expect(resend.stdout).toMatch(/1 gift card\(s\) of DKK 50.00: face value DKK 50.00/);

    const balance = account().sandbox.state.balance('DKK') ?? 0;
    const cancel = await at('--json', 'cancel', '--order', sent.orderUid, '--dry-run');
    expect(cancel.code, cancel.stderr).toBe(0);
    const plan = parseJson<{
      plan: {
        money: { currency: string; faceTotalMinor: number; balanceBeforeMinor: number; balanceAfterMinor: number };
      };
    }>(cancel).plan;
    expect(plan.money).toMatchObject({ currency: 'DKK', faceTotalMinor: 5000, balanceBeforeMinor: balance });
    expect(plan.money.balanceAfterMinor).toBeGreaterThan(balance);
    expect(plan.money.balanceAfterMinor).toBeLessThanOrEqual(balance + 5000);

    const elsewhere = await runCli(['cancel', '--order', sent.orderUid, '--dry-run'], {
      env: account().env,
      cwd: campaignDir(),
    });
    expect(elsewhere.stdout).toMatch(/face value not known here/);
  });

  it('refuses (exit 2) a resend or cancel of an order or voucher that does not exist', async () => {
    const dir = campaignDir();
    const at = (...args: string[]) => runCli(args, { env: account().env, cwd: dir });
    const missing = await at('cancel', '--order', 'no-such-order', '--yes');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no order no-such-order found; nothing was done/);
    const sent = parseJson<{ orderUid: string }>(await at('--json', ...send('pc-novoucher', {}, '--yes')));
    const voucher = await at('resend', '--order', sent.orderUid, '--voucher', '999999999', '--yes');
    expect(voucher.code).toBe(2);
    expect(voucher.stderr).toMatch(/has no voucher 999999999/);
  });

  it('search by email says more than one order may match', async () => {
    const dir = campaignDir();
    await runCli(send('pc-many-1', { '--email': 'many@example.com' }, '--yes'), { env: account().env, cwd: dir });
    await runCli(send('pc-many-2', { '--email': 'many@example.com' }, '--yes'), { env: account().env, cwd: dir });
    const found = await runCli(['--json', 'search', '--email', 'many@example.com'], { env: account().env, cwd: dir });
    expect(found.code, found.stderr).toBe(0);
    expect(found.stderr).toMatch(/more than one order may match/);
    expect(parseJson<{ onlyOneOfPossiblyMany: boolean }>(found).onlyOneOfPossiblyMany).toBe(true);
    const byRef = await runCli(['--json', 'search', '--ref-id', 'pc-many-1'], { env: account().env, cwd: dir });
    expect(byRef.stderr).not.toMatch(/more than one/);
  });
});
