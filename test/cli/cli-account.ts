/**
 * The sandbox set up as the account the CLI tests expect: one DKK product offering 50.00 and 100.00
 * at a 5% discount, e-mail template 12, and the DKK balance a test asks for. It replaces the former
 * CLI fake that was kept beside it, so that one stand-in serves every fault test.
 */
import { generateCatalogue } from '../../src/sandbox/catalogue.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

const SEED = 12;
const CATALOGUE_SIZE = 200;

const product = generateCatalogue(SEED, CATALOGUE_SIZE).find(
  (p) => p.currency === 'DKK' && p.active && p.denominations.includes(5000) && p.denominations.includes(10000),
);
if (product === undefined) throw new Error(`the sandbox catalogue of seed ${SEED} has no DKK product at 50 and 100`);

/** The product token the CLI tests order. */
export const PRODUCT = product.token;
/** The e-mail template the CLI tests deliver with. */
export const TEMPLATE = '12';

export interface CliAccountOptions {
  /** Minor units of DKK on the account (default DKK 100,000.00). */
  readonly balanceMinor?: number;
  /** Delay of every Order and Search answer, so a campaign has requests in flight when it is stopped. */
  readonly latencyMs?: number;
}

export interface CliAccount {
  readonly sandbox: Sandbox;
  /** The HUURAY_* variables that point the CLI at this account. */
  readonly env: Record<string, string>;
  /** Requests of one operation the sandbox received. */
  readonly count: (operation: 'Order' | 'Search' | 'Resend' | 'Cancel') => number;
  /** RefIDs of the stored orders, sorted. */
  readonly refIds: () => string[];
  close(): Promise<void>;
}

export async function startCliAccount(options: CliAccountOptions = {}): Promise<CliAccount> {
  const latency =
    options.latencyMs === undefined
      ? undefined
      : { rate: 1, kinds: [{ kind: 'latency' as const, ms: options.latencyMs }] };
  const sandbox = await startSandbox({
    seed: SEED,
    catalogueSize: CATALOGUE_SIZE,
    accounts: [
      {
        balances: { DKK: options.balanceMinor ?? 10_000_000 },
        templates: [{ Id: Number(TEMPLATE), Type: 'Email' }],
        products: [PRODUCT],
        discounts: { [PRODUCT]: 5 },
      },
    ],
    ...(latency === undefined ? {} : { faults: { Order: latency, Search: latency } }),
  });
  for (const value of [5000, 10000]) sandbox.state.setStock(PRODUCT, value, 10_000);
  return {
    sandbox,
    env: { HUURAY_BASE_URL: sandbox.url, HUURAY_API_TOKEN: sandbox.token, HUURAY_API_SECRET: sandbox.secret },
    count: (operation) => sandbox.state.requestLog.filter((e) => e.operation === operation).length,
    refIds: () =>
      sandbox.state
        .orders()
        .map((o) => o.refId ?? '')
        .sort(),
    close: () => sandbox.close(),
  };
}
