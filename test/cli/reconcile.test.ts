import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintIntent, recipientsDigest } from '../../src/ledger/fingerprint.js';
import type { LedgerEntry, RewardIntent } from '../../src/ledger/types.js';
import { type PostgresLedger, postgresLedger } from '../../src/postgres/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { parseJson, runCli } from './run-cli.js';

// `huuray reconcile` and `huuray ledger list` through the real binary, against the sandbox and a real
// PostgreSQL ledger holding refIds left in doubt by "crashed" processes.
let postgres: TestPostgres;
let sandbox: Sandbox;
let ledgerUrl: string;
let ledger: PostgresLedger;
let productToken: string;
let templateId: number;
let env: Record<string, string>;
const VALUE = 5000;
const dir = mkdtempSync(join(tmpdir(), 'huuray-reconcile-'));

beforeAll(async () => {
  postgres = await startPostgres();
  ledgerUrl = await postgres.database('cli');
  ledger = postgresLedger({ connectionString: ledgerUrl });
  sandbox = await startSandbox({ seed: 33 });
  const product = sandbox.state.products.find(
    (p) => p.currency === 'DKK' && p.active && p.denominations.includes(VALUE),
  );
  if (!product) throw new Error('seed 33 has no active DKK product with a 50.00 face value');
  productToken = product.token;
  sandbox.state.setStock(productToken, VALUE, 100);
  templateId = sandbox.state.account().templates.find((t) => t.Type === 'Email')?.Id ?? 0;
  env = {
    HUURAY_BASE_URL: sandbox.url,
    HUURAY_API_TOKEN: sandbox.token,
    HUURAY_API_SECRET: sandbox.secret,
    HUURAY_LEDGER_URL: ledgerUrl,
  };
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await ledger?.close();
  await sandbox?.close();
  await postgres?.stop();
});

const recipient = (refId: string) => ({ name: 'Ada', email: `${refId}@example.com` });
const ordersFor = (refId: string) => sandbox.state.orders().filter((o) => o.refId === refId).length;

/** A refId a crashed process left in doubt, recorded as `send` records it (so a re-send matches it). */
async function leftInDoubt(refId: string): Promise<void> {
  const digest = await recipientsDigest([recipient(refId)]);
  const intent: RewardIntent = {
    productToken,
    valueMinor: VALUE,
    currency: 'DKK',
    quantity: 1,
    templateId,
    recipientsDigest: digest,
  };
  await ledger.claim(refId, await fingerprintIntent(intent), intent, 'crashed', 60_000);
  await ledger.settle(refId, 'crashed', { state: 'in-doubt', reason: 'process killed' });
}

describe('huuray reconcile and huuray ledger list', () => {
  // Each run spawns the binary through tsx (seconds each on a busy machine), hence the generous limits.
  it('refuses to run without a ledger or with --resend but no inputs (exit 2, nothing sent)', {
    timeout: 120_000,
  }, async () => {
    const noLedger = await runCli(['reconcile'], { env: { ...env, HUURAY_LEDGER_URL: '' } });
    expect(noLedger.code).toBe(2);
    expect(noLedger.stderr).toContain('HUURAY_LEDGER_URL');
    const noInputs = await runCli(['reconcile', '--resend', '--yes'], { env });
    expect(noInputs.code).toBe(2);
    expect(noInputs.stderr).toContain('--inputs');
    expect(sandbox.state.orders()).toHaveLength(0);
  });

  it('with HUURAY_LEDGER_URL, huuray send records its order in the shared ledger', { timeout: 120_000 }, async () => {
    const run = await runCli(
      [
        'send',
        '--product',
        productToken,
        '--value',
        '50.00',
        '--currency',
        'DKK',
        '--template',
        String(templateId),
      ].concat(['--ref-id', 'cli-sent', '--name', 'Ada', '--email', 'cli-sent@example.com', '--yes']),
      { env, timeoutMs: 120_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(await ledger.get('cli-sent')).toMatchObject({ state: 'done', orderUid: expect.any(String) });
    expect(ordersFor('cli-sent')).toBe(1);
  });

  it('finds what landed, keeps the rest in doubt (exit 3), then re-sends past the quarantine with --resend', {
    timeout: 240_000,
  }, async () => {
    await leftInDoubt('cli-landed');
    await leftInDoubt('cli-lost');
    const landed = await fetchOrder('cli-landed');
    expect(landed).toBe(1);

    const listed = await runCli(['ledger', 'list', '--state', 'in-doubt', '--json'], { env });
    expect(listed.code).toBe(0);
    expect(parseJson<LedgerEntry[]>(listed).map((e) => e.refId)).toEqual(['cli-landed', 'cli-lost']);
    const viaFlag = await runCli(['--ledger', ledgerUrl, 'ledger', 'list', '--state', 'done', '--json'], {
      env: { ...env, HUURAY_LEDGER_URL: '' },
    });
    expect(parseJson<LedgerEntry[]>(viaFlag).map((e) => e.refId)).toEqual(['cli-sent']);
    expect(listed.stdout + listed.stderr).not.toContain(new URL(ledgerUrl).password);

    const csv = join(dir, 'first.csv');
    const first = await runCli(['reconcile', '--report', csv, '--json'], { env });
    expect(first.code).toBe(3);
    const firstJson = parseJson<{ resolved: { refId: string; action: string }[] }>(first);
    expect(firstJson.resolved.map((r) => [r.refId, r.action])).toEqual([
      ['cli-landed', 'found'],
      ['cli-lost', 'quarantined'],
    ]);
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.refId, r.state, r.amount, r.currency])).toEqual([
      ['cli-landed', 'done', '50.00', 'DKK'],
      ['cli-lost', 'in-doubt', '50.00', 'DKK'],
      ['cli-sent', 'done', '50.00', 'DKK'],
    ]);
    expect(rows[0]?.orderUid).toBe(sandbox.state.orders().find((o) => o.refId === 'cli-landed')?.orderUID);

    const inputs = join(dir, 'sent.jsonl');
    writeFileSync(
      inputs,
      ['cli-landed', 'cli-lost']
        .map((refId) =>
          JSON.stringify({
            productToken,
            valueMinor: VALUE,
            currency: 'DKK',
            templateId,
            recipient: recipient(refId),
            refId,
          }),
        )
        .join('\n'),
    );
    await delay(20);
    const report = join(dir, 'second.json');
    const args = [
      '--quarantine',
      '10',
      '--settle-delay',
      '20',
      'reconcile',
      '--resend',
      '--inputs',
      inputs,
      '--report',
      report,
    ];
    const dry = await runCli([...args, '--dry-run'], { env, timeoutMs: 120_000 });
    expect(dry.code).toBe(0);
    expect(ordersFor('cli-lost')).toBe(0);
    const second = await runCli([...args, '--yes'], { env, timeoutMs: 120_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(ordersFor('cli-lost')).toBe(1);
    expect(ordersFor('cli-landed')).toBe(1);
    const json = JSON.parse(readFileSync(report, 'utf8')) as { counts: Record<string, number> };
    expect(json.counts).toMatchObject({ done: 3, 'in-doubt': 0 });
  });
});

/** Places the order of `refId` directly, as a process that died after its POST landed would have. */
async function fetchOrder(refId: string): Promise<number> {
  const huuray = fastHuuray(sandbox.url, { token: sandbox.token, secret: sandbox.secret, orderTimeoutMs: 60_000 });
  await huuray.orders.create({
    productToken,
    valueMinor: VALUE,
    currency: 'DKK',
    quantity: 1,
    sync: true,
    templateId,
    recipients: [recipient(refId)],
    refId,
  });
  return ordersFor(refId);
}
