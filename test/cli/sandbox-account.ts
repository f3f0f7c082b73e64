import { afterAll, beforeAll } from 'vitest';
import { type Sandbox, type SandboxProduct, startSandbox } from '../../src/sandbox/index.js';

/** A sandbox with what the CLI tests order: a DKK product with a 50.00 face value in stock, templates. */
export interface SandboxAccount {
  readonly sandbox: Sandbox;
  /** Active, DKK, offers 50.00, 1,000 in stock at 50.00. */
  readonly product: SandboxProduct;
  /** Active, EUR, with at least one denomination. */
  readonly eurProduct: SandboxProduct;
  /** Template ids as the CLI takes them. */
  readonly email: string;
  readonly sms: string;
  /** HUURAY_* for the CLI. */
  readonly env: Record<string, string>;
}

/** Starts a sandbox before the file's tests and closes it after; the getter gives the account. */
export function useSandboxAccount(seed: number): () => SandboxAccount {
  let account: SandboxAccount | null = null;
  beforeAll(async () => {
    const sandbox = await startSandbox({ seed });
    const product = sandbox.state.products.find(
      (p) => p.currency === 'DKK' && p.active && p.denominations.includes(5000),
    );
    const eurProduct = sandbox.state.products.find(
      (p) => p.currency === 'EUR' && p.active && p.denominations.length > 0,
    );
    if (!product || !eurProduct) throw new Error(`seed ${seed} lacks an active DKK product with 50.00 or an EUR one`);
    sandbox.state.setStock(product.token, 5000, 1_000);
    const templates = sandbox.state.account().templates;
    account = {
      sandbox,
      product,
      eurProduct,
      email: String(templates.find((t) => t.Type === 'Email')?.Id),
      sms: String(templates.find((t) => t.Type === 'SMS')?.Id),
      env: { HUURAY_BASE_URL: sandbox.url, HUURAY_API_TOKEN: sandbox.token, HUURAY_API_SECRET: sandbox.secret },
    };
  });
  afterAll(() => account?.sandbox.close());
  return () => {
    if (account === null) throw new Error('the sandbox account is only there inside tests');
    return account;
  };
}

/** `huuray send` arguments for `account`'s product at 50.00 to ada@example.com, with `overrides`. */
export function sendArgs(
  account: SandboxAccount,
  refId: string,
  overrides: Record<string, string> = {},
  ...extra: string[]
): string[] {
  const flags: Record<string, string> = {
    '--product': account.product.token,
    '--value': '50.00',
    '--currency': 'DKK',
    '--template': account.email,
    '--ref-id': refId,
    '--email': 'ada@example.com',
    ...overrides,
  };
  return ['send', ...Object.entries(flags).flat(), ...extra];
}
