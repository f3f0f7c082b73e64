import { Huuray, type HuurayOptions, MemoryLedger } from '../../src/index.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { closedAfterEach } from './per-test.js';

/** A sandbox with plenty of money and stock, and a product and template to order with. */
export interface SandboxFixture {
  readonly sandbox: Sandbox;
  readonly productToken: string;
  readonly valueMinor: number;
  readonly currency: string;
  readonly templateId: number;
  /** A `Huuray` for this sandbox with its own ledger (a fresh process), fast timeouts and delays. */
  readonly client: (options?: Partial<HuurayOptions>) => Huuray;
  /** Orders the sandbox stored for `refId`. */
  readonly ordersFor: (refId: string) => number;
  readonly orderRequests: () => number;
  readonly requests: () => number;
}

const start = closedAfterEach(startSandbox);

export async function sandboxFixture(options: SandboxOptions = {}): Promise<SandboxFixture> {
  const sandbox = await start({
    accounts: [{ balances: { DKK: 1_000_000_000, EUR: 1_000_000_000 } }],
    ...options,
  });
  const product = sandbox.state.products.find((p) => p.currency === 'DKK' && p.active && p.denominations.length > 0);
  const valueMinor = product?.denominations[0];
  if (product === undefined || valueMinor === undefined) throw new Error('no active DKK product');
  sandbox.state.setStock(product.token, valueMinor, 1_000_000);
  const template = sandbox.state.account().templates.find((t) => t.Type === 'Email');
  if (template === undefined) throw new Error('no email template');
  return {
    sandbox,
    productToken: product.token,
    valueMinor,
    currency: 'DKK',
    templateId: template.Id,
    client: (overrides = {}) =>
      new Huuray({
        token: sandbox.token,
        secret: sandbox.secret,
        baseUrl: sandbox.url,
        timeoutMs: 2_000,
        orderTimeoutMs: 500,
        retry: { baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 60_000 },
        reconcile: { settleDelayMs: 20, checks: 3, quarantineMs: 600_000 },
        ledger: new MemoryLedger(),
        ...overrides,
      }),
    ordersFor: (refId) => sandbox.state.orders().filter((o) => o.refId === refId).length,
    orderRequests: () => sandbox.state.requestLog.filter((r) => r.operation === 'Order').length,
    requests: () => sandbox.state.requestLog.length,
  };
}
