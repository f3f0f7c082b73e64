import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rewardIsSentOnceEvenWhenTheAnswerIsLost } from '../../examples/testing-with-the-sandbox.js';

const root = resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

/**
 * Runs an example as the README says (`npx tsx examples/<name>.ts`). HUURAY_* are removed from its environment so
 * it always starts its own sandbox: a test must never reach the real API, whatever the developer has exported.
 */
async function runExample(name: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.HUURAY_API_TOKEN;
  delete env.HUURAY_API_SECRET;
  delete env.HUURAY_BASE_URL;
  const { stdout } = await exec(join(root, 'node_modules', '.bin', 'tsx'), [`examples/${name}.ts`], { cwd: root, env });
  return stdout;
}

describe('examples', () => {
  it('testing-with-the-sandbox runs as written', async () => {
    await expect(rewardIsSentOnceEvenWhenTheAnswerIsLost()).resolves.toBeUndefined();
  });

  it('quick-start sends one gift card with a real product and template from the sandbox', async () => {
    const out = await runExample('quick-start');
    expect(out).toMatch(/^Using a local sandbox at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/Sent .+ DKK \d+\.00 with template ".+": order [0-9a-f-]{36} \(created\), 1 voucher\(s\)/);
  });

  it('send-one-gift-card sends once and finds the same order on the second call', async () => {
    expect(await runExample('send-one-gift-card')).toContain(
      'first call: created, second call: existing, same order: true',
    );
  });

  it('issue-codes issues 30 codes in chunks', async () => {
    expect(await runExample('issue-codes')).toMatch(/Issued 30 x .+ EUR 50\.00; 30 with a code/);
  });

  it('catalogue-and-errors lists balances and stock and finds no order for an unknown refId', async () => {
    const out = await runExample('catalogue-and-errors');
    expect(out).toMatch(/DKK DKK 100,000\.00 \(master\)/);
    expect(out).toMatch(/in stock/);
    expect(out).toContain('no order with refId anniversary-2026-42');
  });

  it('testing-with-the-sandbox runs from the command line too', async () => {
    expect(await runExample('testing-with-the-sandbox')).toContain('one order, paid once');
  });
});
