import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRecipients } from '../../src/campaign/csv.js';
import { Journal } from '../../src/campaign/journal.js';
import { campaignHeader } from '../../src/campaign/plan.js';
import type { Sandbox, SandboxProduct } from '../../src/sandbox/index.js';
import { campaignDir } from './campaign-files.js';
import { type CliRun, parseJson, runCli } from './run-cli.js';
import { sendArgs, useSandboxAccount } from './sandbox-account.js';

// Issue 15: a preview never approves an order Huuray would certainly refuse. Every case against the
// stateful sandbox, in-process, with the number of Order requests checked: none may leave.
const account = useSandboxAccount(15);
let sandbox: Sandbox;
let product: SandboxProduct;
let eurProduct: SandboxProduct;
let email: string;
let sms: string;
let env: Record<string, string>;
beforeAll(() => {
  ({ sandbox, product, eurProduct, email, sms, env } = account());
});

const orderRequests = () => sandbox.state.requestLog.filter((r) => r.operation === 'Order').length;
const cli = (...args: string[]) => runCli(args, { env, cwd: campaignDir() });
const send = (refId: string, overrides: Record<string, string> = {}, ...extra: string[]) =>
  sendArgs(account(), refId, overrides, ...extra);

interface RefusedPlan {
  dryRun: boolean;
  sent: boolean;
  wouldBeRefused: boolean;
  refusals: string[];
  plan: { refusals: string[] };
}

/** A dry run and a --yes run of `args` are both refused (exit 2) with `reason`, and no order leaves. */
async function expectRefused(args: string[], reason: RegExp): Promise<void> {
  const before = orderRequests();
  const dry = await cli('--json', ...args, '--dry-run');
  expect(dry.code, dry.stderr).toBe(2);
  const plan = parseJson<RefusedPlan>(dry);
  expect(plan).toMatchObject({ dryRun: true, sent: false, wouldBeRefused: true });
  expect(plan.refusals.join('\n')).toMatch(reason);
  expect(plan.plan.refusals).toEqual(plan.refusals);
  expect(dry.stderr).toMatch(/would be refused/);

  const real: CliRun = await cli(...args, '--yes');
  expect(real.code, real.stderr).toBe(2);
  expect(real.stdout).toMatch(/would be refused/);
  expect(real.stderr).toMatch(reason);
  expect(real.stderr).toMatch(/nothing was sent/);
  expect(orderRequests()).toBe(before);
}

describe('send and issue refuse in the preview what Huuray would refuse', () => {
  it('an unknown product', () =>
    expectRefused(send('pc-product', { '--product': 'prod_nope' }), /prod_nope is not in your account's catalogue/));

  it('a value that is not one of the product denominations', async () => {
    const odd = product.denominations.includes(12_300) ? '123.45' : '123.00';
    await expectRefused(
      send('pc-value', { '--value': odd }),
      /is not a face value of product .*it offers .*\(--value\)/,
    );
  });

  it("a currency other than the product's", () =>
    expectRefused(send('pc-currency', { '--currency': 'EUR' }), /is sold in DKK, not EUR \(--currency\)/));

  it('--currency XYZ', () => expectRefused(send('pc-xyz', { '--currency': 'XYZ' }), /sold in DKK, not XYZ/));

  it('an unknown template', () =>
    expectRefused(send('pc-template', { '--template': '999999' }), /template 999999 is not an email or SMS template/));

  it('an SMS template with only --email', () =>
    expectRefused(send('pc-sms', { '--template': sms }), /delivers by SMS and no --phone was given/));

  it('a value out of stock', async () => {
    const value = product.denominations.find((d) => d !== 5000);
    if (value === undefined) throw new Error('the product has a single denomination');
    sandbox.state.setStock(product.token, value, 0);
    await expectRefused(
      send('pc-stock', { '--value': (value / 100).toFixed(2) }),
      /only 0 in stock of product .*; 1 needed/,
    );
  });

  it('a balance too small after the discount', async () => {
    const saved = sandbox.state.balance('DKK') ?? 0;
    sandbox.state.setBalance('DKK', 100);
    try {
      await expectRefused(send('pc-poor'), /insufficient balance: DKK needs DKK [\d.,]+ more/);
    } finally {
      sandbox.state.setBalance('DKK', saved);
    }
  });

  it('issue with a value the product does not offer', () =>
    expectRefused(
      [
        'issue',
        '--product',
        product.token,
        '--value',
        '1.23',
        '--currency',
        'DKK',
        '--quantity',
        '3',
        '--ref-id',
        'pc-issue',
      ],
      /not a face value/,
    ));

  it('still approves a good order, and says so in the dry-run plan', async () => {
    const dry = await cli('--json', ...send('pc-good'), '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(parseJson<{ dryRun: boolean; plan: unknown }>(dry)).toMatchObject({
      dryRun: true,
      sent: false,
      plan: { refusals: [] },
    });
    expect(dry.stdout).not.toMatch(/wouldBeRefused/);
  });
});

describe('campaign pre-checks', () => {
  function dirWith(csv: string): string {
    const dir = campaignDir();
    writeFileSync(join(dir, 'r.csv'), csv);
    return dir;
  }
  const run = (dir: string, name: string, value: string, ...extra: string[]) =>
    runCli(
      ['campaign', 'run', 'r.csv', '--name', name, '--product', product.token, '--value', value]
        .concat(['--currency', 'dkk', '--template', email, '--yes'])
        .concat(extra),
      { env, cwd: dir },
    );
  const ordersOf = (name: string) => sandbox.state.orders().filter((o) => o.refId?.startsWith(`${name}-`));

  it('refuses a bad --value for every row before anything is sent; the corrected run then sends them all', async () => {
    const dir = dirWith('name,email\nAda,ada@example.com\nGrace,grace@example.com\n');
    const before = orderRequests();
    const bad = await run(dir, 'pcv', '123.45');
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/not a face value .*\[line 2 \(ada@example.com\), line 3 \(grace@example.com\)\]/);
    expect(orderRequests()).toBe(before);

    const good = await run(dir, 'pcv', '50.00');
    expect(good.code, good.stderr).toBe(0);
    expect(ordersOf('pcv')).toHaveLength(2);
  });

  it('names the rows whose own value the product does not offer', async () => {
    const dir = dirWith('name,email,value\nAda,ada@example.com,50\nGrace,grace@example.com,1.23\n');
    const refused = await run(dir, 'pcr', '50.00', '--dry-run');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/would be refused: DKK 1.23 is not a face value .*\[line 3 \(grace@example.com\)\]/);
    expect(refused.stdout).not.toMatch(/would be refused: DKK 50.00/);
  });

  it('refuses rows the SMS template cannot reach, by line, in the dry run too', async () => {
    const dir = dirWith('name,email\nAda,ada@example.com\n');
    const refused = await runCli(
      [
        'campaign',
        'run',
        'r.csv',
        '--name',
        'pcs',
        '--product',
        product.token,
        '--value',
        '50',
        '--currency',
        'DKK',
      ].concat(['--template', sms, '--dry-run']),
      { env, cwd: dir },
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/would be refused: line 2: phone is missing, and the template delivers by SMS/);
  });

  it('re-runs with corrected parameters a journal whose rows were all refused before any order', async () => {
    const dir = dirWith('name,email\nAda,ada@example.com\nGrace,grace@example.com\n');
    // The journal an earlier run left when Huuray refused every row (4xx): a header with 123.00 and
    // each row pending, then failed definitively. No order exists under these RefIDs.
    const params = { productToken: product.token, currency: 'DKK', valueMinor: 12_300, templateId: Number(email) };
    const rows = parseRecipients(readFileSync(join(dir, 'r.csv')), 'pcj', params);
    const { journal } = Journal.open(join(dir, '.huuray', 'pcj.jsonl'), campaignHeader('pcj', params));
    for (const row of rows) {
      await journal.append({ state: 'pending', refId: row.refId, line: row.line, valueMinor: 12_300 });
      await journal.append({
        state: 'failed',
        refId: row.refId,
        error: 'HuurayUnprocessableError',
        message: 'Invalid value',
        definitive: true,
      });
    }
    await journal.close();

    const corrected = await run(dir, 'pcj', '50.00');
    expect(corrected.code, corrected.stderr).toBe(0);
    expect(corrected.stderr).not.toMatch(/already sent with/);
    expect(corrected.stderr).toMatch(
      /every row of the earlier run was refused before any order; its journal is kept as/,
    );
    expect(ordersOf('pcj')).toHaveLength(2);
    expect(readdirSync(join(dir, '.huuray')).filter((f) => f.startsWith('pcj.jsonl.refused-'))).toHaveLength(1);

    // A journal with an order in it stays pinned: the value cannot change under a RefID that was paid.
    const changed = await run(dir, 'pcj', '100.00');
    expect(changed.code).toBe(2);
    expect(ordersOf('pcj')).toHaveLength(2);
  });

  it('keeps the journal of a --sandbox run apart from real ones', async () => {
    const dir = dirWith('name,email\nAda,ada@example.com\n');
    const sandboxProduct = await runCli(['--json', '--sandbox', 'catalogue', '--currency', 'dkk'], { cwd: dir });
    const products = parseJson<{ productToken: string; denominations: number[] }[]>(sandboxProduct);
    const fifty = products.find((p) => p.denominations.includes(50));
    const templates = parseJson<{ id: number; type: string }[]>(
      await runCli(['--json', '--sandbox', 'templates'], { cwd: dir }),
    );
    const tpl = templates.find((t) => t.type === 'Email');
    if (fifty === undefined || tpl === undefined) throw new Error('the default sandbox lacks a DKK 50 product');
    const trial = await runCli(
      [
        '--sandbox',
        'campaign',
        'run',
        'r.csv',
        '--name',
        'trial',
        '--product',
        fifty.productToken,
        '--value',
        '50',
      ].concat(['--currency', 'DKK', '--template', String(tpl.id), '--yes']),
      { cwd: dir },
    );
    expect(trial.code, trial.stderr).toBe(0);
    expect(trial.stderr.match(/--sandbox starts a fresh sandbox/g)).toHaveLength(1);
    expect(existsSync(join(dir, '.huuray', 'sandbox', 'trial.jsonl'))).toBe(true);
    expect(existsSync(join(dir, '.huuray', 'trial.jsonl'))).toBe(false);
    const status = await runCli(['--sandbox', '--json', 'campaign', 'status', '--name', 'trial'], { cwd: dir });
    expect(parseJson<{ counts: { sent: number } }>(status).counts.sent).toBe(1);
    expect((await runCli(['campaign', 'status', '--name', 'trial'], { cwd: dir })).code).toBe(2);

    // A second trial has a fresh sandbox again: it sends the row again rather than "1 already done".
    const again = await runCli(
      [
        '--sandbox',
        'campaign',
        'run',
        'r.csv',
        '--name',
        'trial',
        '--product',
        fifty.productToken,
        '--value',
        '50',
      ].concat(['--currency', 'DKK', '--template', String(tpl.id), '--yes']),
      { cwd: dir },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 already done');
    expect(again.stderr).toMatch(/starting the trial journal .* afresh/);
  });
});

describe('refused by currency', () => {
  it("an EUR product's preview refuses DKK", async () => {
    const value = ((eurProduct.denominations[0] ?? 0) / 100).toFixed(2);
    await expectRefused(send('pc-eur', { '--product': eurProduct.token, '--value': value }), /sold in EUR, not DKK/);
  });
});
