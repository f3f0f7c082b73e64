/**
 * huuray-client/sandbox: a stateful local stand-in for the Huuray API v4, for end-to-end and fault
 * tests (yours and ours). It implements Huuray's semantics from the spec and HUURAY-FACTS, and
 * imports only node built-ins, zod and the generated schemas, never the client: a bug shared by
 * client and sandbox would otherwise pass every test.
 *
 * @example
 * const sandbox = await startSandbox({ seed: 7 });
 * const client = createHuurayClient({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
 * sandbox.state.faults.next('Order', { kind: 'drop-after-store' });
 * await sandbox.close();
 * @packageDocumentation
 */
import type { AddressInfo } from 'node:net';
import { createAccounts, type SandboxAccountOptions } from './accounts.js';
import { generateCatalogue } from './catalogue.js';
import { defaultExchangeRates } from './currency.js';
import { FaultController, type FaultOptions } from './faults.js';
import { createSandboxServer } from './server.js';
import { SandboxState } from './state.js';

export type { SandboxAccount, SandboxAccountOptions, SandboxTemplate } from './accounts.js';
export type { SandboxProduct } from './catalogue.js';
export { CURRENCY_EXPONENTS, type ExchangeRate } from './currency.js';
export type { Fault, FaultController, FaultKind, FaultOptions, FaultRate } from './faults.js';
export { convert, orderCost } from './money.js';
export { MAX_SYNC_QUANTITY } from './operations/order.js';
export { TEXTS } from './responses.js';
export type {
  Charge,
  RequestLogEntry,
  SandboxOrder,
  SandboxRecipient,
  SandboxState,
  SandboxVoucher,
} from './state.js';

/** The largest catalogue the sandbox builds (for benchmarks). */
export const MAX_CATALOGUE_SIZE = 100_000;

/** Options of {@link startSandbox}; every one is optional. */
export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number | undefined;
  /** Makes catalogue, credentials, ids, codes and random faults reproducible. Default 1. */
  readonly seed?: number | undefined;
  /** The B2B accounts; default one account with DKK (master), EUR and USD, templates and ReturnCode on. */
  readonly accounts?: readonly SandboxAccountOptions[] | undefined;
  /** Number of products, at most 100,000. Default 200. */
  readonly catalogueSize?: number | undefined;
  /** Faults drawn at random per operation; schedule exact ones with `state.faults.next()`. */
  readonly faults?: FaultOptions | undefined;
  /** How long an async order stays pending before its vouchers exist. Default 200 ms. */
  readonly asyncDelayMs?: number | undefined;
}

/** A running sandbox. `token` and `secret` are the first account's (a local fake account). */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** API token of the first account: pass it as `token`. */
  readonly token: string;
  /** API secret of the first account: pass it as `secret`. */
  readonly secret: string;
  /** Read and change everything: balances, stock, orders, vouchers, nonces, request log, faults. */
  readonly state: SandboxState;
  /** Stops listening, drops open connections and cancels pending async orders. */
  close(): Promise<void>;
}

/** Starts a sandbox on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const size = options.catalogueSize ?? 200;
  if (!Number.isInteger(size) || size < 1 || size > MAX_CATALOGUE_SIZE) {
    throw new RangeError(`catalogueSize must be an integer from 1 to ${MAX_CATALOGUE_SIZE}, got ${size}`);
  }
  const accounts = createAccounts(seed, options.accounts);
  const state = new SandboxState({
    seed,
    faults: new FaultController(seed, options.faults),
    accounts,
    products: generateCatalogue(seed, size),
    rates: defaultExchangeRates(),
  });
  const { server, shutdown } = createSandboxServer(state, { asyncDelayMs: options.asyncDelayMs ?? 200 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const first = state.account();
  return { url: `http://127.0.0.1:${port}`, token: first.token, secret: first.secret, state, close: shutdown };
}
