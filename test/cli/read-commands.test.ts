import { describe, expect, inject, it } from 'vitest';
import { type CliRun, parseJson, runCli } from './run-cli.js';

// Read commands against Prism serving the vendored spec: the contract check. The same commands run
// against the stateful sandbox in sandbox-commands.test.ts.
const prism = () => ({
  HUURAY_BASE_URL: inject('prismUrl'),
  HUURAY_API_TOKEN: 'cli-token',
  HUURAY_API_SECRET: 'cli-secret',
});
const cli = (...args: string[]) => runCli(args, { env: prism() });
const ok = (run: CliRun) => {
  expect(run.code, run.stderr).toBe(0);
  return run;
};

describe('huuray read commands against Prism', () => {
  it('balance --json lists balances in minor units', async () => {
    const balances = parseJson<{ currency: string; amountMinor: number; amount: string }[]>(
      ok(await cli('balance', '--json')),
    );
    expect(balances.length).toBeGreaterThan(0);
    expect(Number.isInteger(balances[0]?.amountMinor)).toBe(true);
    expect(typeof balances[0]?.currency).toBe('string');
  });

  it('balance prints a table without colours under NO_COLOR', async () => {
    const run = ok(await cli('balance'));
    expect(run.stdout).toMatch(/^Currency\s+Balance\s+Master/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('catalogue --json returns products and the filters narrow them', async () => {
    const all = parseJson<{ countryCode: string | null; currency: string | null }[]>(
      ok(await cli('catalogue', '--json')),
    );
    expect(all.length).toBeGreaterThan(0);
    const first = all[0];
    // Prism's example product has the currency "string", which `--currency` refuses as not an ISO 4217
    // code; the currency filter is tested against the sandbox (inputs.test.ts).
    const narrowed = parseJson<unknown[]>(
      ok(await cli('catalogue', '--json', '--country', first?.countryCode ?? 'DK')),
    );
    expect(narrowed.length).toBeGreaterThan(0);
    const refused = await cli('catalogue', '--json', '--currency', 'string');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--currency.*3-letter ISO 4217/);
    expect(parseJson<unknown[]>(ok(await cli('catalogue', '--json', '--brand', 'no-such-brand-xyz')))).toEqual([]);
    expect(Array.isArray(parseJson(ok(await cli('catalogue', '--all', '--json', '--category', 'x'))))).toBe(true);
  });

  it('templates --json lists templates', async () => {
    const templates = parseJson<{ id: number }[]>(ok(await cli('templates', '--json')));
    expect(Array.isArray(templates)).toBe(true);
  });

  it('stock --json converts --value with --currency', async () => {
    const stock = parseJson<{ stock: number; valueMinor: number }>(
      ok(await cli('stock', '--product', 'prod_abc', '--value', '50.00', '--currency', 'DKK', '--json')),
    );
    expect(stock.valueMinor).toBe(5000);
    expect(Number.isInteger(stock.stock)).toBe(true);
  });

  it('rates --json gives a rate and a spread', async () => {
    const rate = parseJson<{ from: string; to: string; rate: number }>(
      ok(await cli('rates', '--from', 'eur', '--to', 'dkk', '--json')),
    );
    expect(rate).toMatchObject({ from: 'EUR', to: 'DKK' });
    expect(typeof rate.rate).toBe('number');
  });

  it('search --json finds an order and never shows a code without --show-codes', async () => {
    const order = parseJson<{ orderUid: string; vouchers: Record<string, unknown>[] }>(
      ok(await cli('search', '--ref-id', 'contract-order-1', '--voucher', '1234', '--json')),
    );
    expect(typeof order.orderUid).toBe('string');
    for (const v of order.vouchers) {
      expect(v).not.toHaveProperty('code');
      expect(v).not.toHaveProperty('cvv');
      expect(v).not.toHaveProperty('redeemLink');
    }
  });
});

describe('huuray usage', () => {
  const commands = [
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
  ];

  it.each(commands)('%s --help exits 0 and shows usage', async (command) => {
    const run = ok(await runCli([command, '--help']));
    expect(run.stdout).toContain(`Usage: huuray ${command}`);
    if (command !== 'campaign') expect(run.stdout).toContain('Examples:');
  });

  it('campaign run --help and campaign status --help show examples', async () => {
    expect(ok(await runCli(['campaign', 'run', '--help'])).stdout).toContain('huuray campaign run recipients.csv');
    expect(ok(await runCli(['campaign', 'status', '--help'])).stdout).toContain('huuray campaign status --name');
  });

  it('exits 2 for a missing required option or an unknown command', async () => {
    expect((await runCli(['stock'], { env: prism() })).code).toBe(2);
    expect((await runCli(['frobnicate'], { env: prism() })).code).toBe(2);
  });

  it('exits 2 without credentials and names the variables', async () => {
    const run = await runCli(['balance']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HUURAY_API_TOKEN');
  });

  it('exits 2 for a value with more decimals than the currency has, before any request', async () => {
    const run = await cli('stock', '--product', 'p', '--value', '50.001', '--currency', 'DKK');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/decimal places/);
  });

  it('reports an API error with exit 1 and a JSON error object', async () => {
    const run = await runCli(['balance', '--json'], {
      env: { HUURAY_BASE_URL: 'http://127.0.0.1:9', HUURAY_API_TOKEN: 't', HUURAY_API_SECRET: 's' },
    });
    expect(run.code).toBe(1);
    expect(parseJson<{ error: { exitCode: number } }>(run).error.exitCode).toBe(1);
  });
});
