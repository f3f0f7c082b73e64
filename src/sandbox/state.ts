/** Everything the sandbox remembers, readable and settable by tests as `sandbox.state`. */
import type { OperationName } from '../../generated/operations.js';
import type { SandboxAccount } from './accounts.js';
import type { SandboxProduct } from './catalogue.js';
import { type ExchangeRate, rateKey } from './currency.js';
import type { FaultController, FaultKind } from './faults.js';
import { orderUid } from './ids.js';

/** A recipient as given in the order. */
export interface SandboxRecipient {
  /** Recipient name, as sent in `Recipients[].Name`. */
  readonly Name?: string | null | undefined;
  /** Email address the gift card is delivered to. */
  readonly Email?: string | null | undefined;
  /** Phone number for SMS delivery. */
  readonly Phone?: string | null | undefined;
  /** The recipient's own reference, as sent. */
  readonly RefID?: string | null | undefined;
}

/** An amount taken from one balance, in minor units of `currency`. */
export interface Charge {
  /** ISO 4217 code of the balance charged. */
  readonly currency: string;
  /** Amount in minor units of `currency`. */
  readonly amount: number;
}

/** An accepted order. Async orders are `pending` until their vouchers are created. */
export interface SandboxOrder {
  /** The order UID the API returned. */
  readonly orderUID: string;
  /** API token of the account that placed it. */
  readonly accountToken: string;
  /** The caller's RefID, or `null` when none was sent. */
  readonly refId: string | null;
  /** Product ordered. */
  readonly productToken: string;
  /** Currency of `value`. */
  readonly currency: string;
  /** Face value per voucher, in minor units. */
  readonly value: number;
  /** Number of vouchers. */
  readonly quantity: number;
  /** `true` for a sync order (vouchers in the answer), `false` for async. */
  readonly sync: boolean;
  /** `pending` until an async order's vouchers exist. */
  status: 'pending' | 'complete';
  /** Delivery template, or `null` for codes without delivery. */
  readonly deliveryTemplateId: number | null;
  /** Scheduled delivery time as sent, or `null` for now. */
  readonly deliveryDatetime: string | null;
  /** Message printed on the gift card, or `null`. */
  readonly personalMessage: string | null;
  /** Recipients as sent. */
  readonly recipients: readonly SandboxRecipient[];
  /** RFC 3339 expiry of the order's vouchers. */
  readonly expires: string;
  /** RFC 3339 time the order was accepted. */
  readonly createdAt: string;
  /** RFC 3339 time its vouchers were created; `null` while pending. */
  completedAt: string | null;
  /** What the order took from a balance; its vouchers' charges add up to it. */
  readonly charge: Charge;
  /** Ids of its vouchers, in order. */
  readonly voucherIds: number[];
  /** Epoch ms before which Search does not see the order (the `land-late` fault); 0 for at once. */
  visibleFrom: number;
}

/** One gift card. Its code is bearer money: tests may read it, the request log never holds it. */
export interface SandboxVoucher {
  /** Voucher id (`VoucherID`). */
  readonly id: number;
  /** The order it belongs to. */
  readonly orderUID: string;
  /** The gift card code: bearer money. */
  readonly code: string;
  /** Its CVV, when the brand uses one. */
  readonly cvv: string;
  /** Link that redeems it: bearer money too. */
  readonly redeemLink: string;
  /** RFC 3339 expiry. */
  readonly expires: string;
  /** Who it was delivered to, or `null` for a code without delivery. */
  readonly recipient: SandboxRecipient | null;
  /** `cancelled` after a cancel; `redeemed` when a test marks it so. */
  status: 'active' | 'redeemed' | 'cancelled';
  /** This voucher's share of the order's charge, refunded when it is cancelled. */
  readonly charge: Charge;
  /** How many times it was resent. */
  resends: number;
}

/** One request as the sandbox saw it. Holds the token, never the secret, nonce or hash. */
export interface RequestLogEntry {
  /** Position in the log, from 1. */
  readonly seq: number;
  /** RFC 3339 time the request arrived. */
  readonly time: string;
  /** HTTP method. */
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  /** The spec operation it matched, or `null` for an unknown path. */
  readonly operation: OperationName | null;
  /** `X-API-TOKEN` as received, or `null` when absent. */
  token: string | null;
  /** `null` when the connection was dropped without an answer. */
  status: number | null;
  /** The fault injected into it, if any. */
  readonly fault: FaultKind | null;
  /** Time until the answer was written. */
  durationMs: number;
  /**
   * What an `echo` fault repeated back (headers, body, codes), so a test can check that none of it
   * reaches a place it must not. Only set by that fault; a test instrument, never a real API's.
   */
  echoed?: string;
}

/** The sandbox's state. Lists return the live records: changing a record changes the sandbox. */
export class SandboxState {
  /** The seed everything random was drawn from. */
  readonly seed: number;
  /** Schedule faults: `faults.next(operation, kind)`. */
  readonly faults: FaultController;
  /** The accounts; the first one is the sandbox's `token` and `secret`. */
  readonly accounts: readonly SandboxAccount[];
  /** The whole catalogue, live: change `active` or stock to shape a test. */
  readonly products: readonly SandboxProduct[];
  readonly #productsByToken: Map<string, SandboxProduct>;
  readonly #rates: Map<string, ExchangeRate>;
  readonly #orders = new Map<string, SandboxOrder>();
  /** The orders of each RefID, oldest first: a search by RefID (every send's first step) reads these only. */
  readonly #ordersByRefId = new Map<string, SandboxOrder[]>();
  readonly #vouchers = new Map<number, SandboxVoucher>();
  readonly #nonces = new Map<string, Set<string>>();
  readonly #log: RequestLogEntry[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();
  #orderCount = 0;
  #nextVoucherId = 100_001;

  constructor(init: {
    seed: number;
    faults: FaultController;
    accounts: SandboxAccount[];
    products: SandboxProduct[];
    rates: Map<string, ExchangeRate>;
  }) {
    this.seed = init.seed;
    this.faults = init.faults;
    this.accounts = init.accounts;
    this.products = init.products;
    this.#productsByToken = new Map(init.products.map((p) => [p.token, p]));
    this.#rates = init.rates;
  }

  /** The account with `token`, or the first account; throws for an unknown token. */
  account(token?: string): SandboxAccount {
    const account = token === undefined ? this.accounts[0] : this.accounts.find((a) => a.token === token);
    if (account === undefined) throw new Error(`no sandbox account with token ${token}`);
    return account;
  }

  /** Looks up an account by token without throwing (authentication uses it). */
  findAccount(token: string): SandboxAccount | undefined {
    return this.accounts.find((a) => a.token === token);
  }

  /** A balance in minor units, or undefined when the account holds none in `currency`. */
  balance(currency: string, token?: string): number | undefined {
    return this.account(token).balances.get(currency);
  }

  /** Sets (or creates) a balance in minor units. */
  setBalance(currency: string, minorUnits: number, token?: string): void {
    if (!Number.isSafeInteger(minorUnits)) throw new RangeError(`balance must be an integer, got ${minorUnits}`);
    this.account(token).balances.set(currency, minorUnits);
  }

  /** The product with `token`, or undefined. */
  product(token: string): SandboxProduct | undefined {
    return this.#productsByToken.get(token);
  }

  /** Remaining codes of a product's denomination; throws if the product has no such value. */
  stock(productToken: string, value: number): number {
    const { product, index } = this.#denomination(productToken, value);
    return product.stock[index] ?? 0;
  }

  /** Sets the remaining codes of a product's denomination. */
  setStock(productToken: string, value: number, count: number): void {
    const { product, index } = this.#denomination(productToken, value);
    product.stock[index] = count;
  }

  #denomination(productToken: string, value: number): { product: SandboxProduct; index: number } {
    const product = this.product(productToken);
    const index = product?.denominations.indexOf(value) ?? -1;
    if (product === undefined || index < 0) throw new Error(`no product ${productToken} with value ${value}`);
    return { product, index };
  }

  /** The rate from one currency to another, or undefined for an unknown pair. */
  exchangeRate(from: string, to: string): ExchangeRate | undefined {
    return this.#rates.get(rateKey(from, to));
  }

  /** Sets a rate (units of `to` per unit of `from`) and its spread in percent. */
  setExchangeRate(from: string, to: string, rate: number, spreadPercent: number): void {
    this.#rates.set(rateKey(from, to), { rateMicros: Math.round(rate * 1_000_000), spreadPercent });
  }

  /** Every order, oldest first. */
  orders(): SandboxOrder[] {
    return [...this.#orders.values()];
  }

  /** The orders sent with `refId`, of any account, oldest first. */
  ordersWithRefId(refId: string): readonly SandboxOrder[] {
    return this.#ordersByRefId.get(refId) ?? [];
  }

  /** The order with `orderUID`, of any account. */
  order(orderUID: string): SandboxOrder | undefined {
    return this.#orders.get(orderUID);
  }

  /** Every voucher, oldest first. */
  vouchers(): SandboxVoucher[] {
    return [...this.#vouchers.values()];
  }

  /** The voucher with `id`, of any account. */
  voucher(id: number): SandboxVoucher | undefined {
    return this.#vouchers.get(id);
  }

  /** Marks a voucher as redeemed by its holder, so Cancel and Resend can no longer handle it. */
  markRedeemed(voucherId: number): void {
    const voucher = this.#vouchers.get(voucherId);
    if (voucher === undefined) throw new Error(`no voucher ${voucherId}`);
    voucher.status = 'redeemed';
  }

  /** The nonces an account has used (default: the first account). */
  seenNonces(token?: string): ReadonlySet<string> {
    return this.#nonces.get(this.account(token).token) ?? new Set();
  }

  /** Records a nonce as used; answers false when it was used before. */
  useNonce(token: string, nonce: string): boolean {
    const seen = this.#nonces.get(token) ?? new Set<string>();
    this.#nonces.set(token, seen);
    if (seen.has(nonce)) return false;
    seen.add(nonce);
    return true;
  }

  /** Forgets every used nonce of an account (default: all accounts). */
  forgetNonces(token?: string): void {
    if (token === undefined) this.#nonces.clear();
    else this.#nonces.delete(token);
  }

  /** Every request so far, oldest first. */
  get requestLog(): readonly RequestLogEntry[] {
    return this.#log;
  }

  /** Empties the request log (say, between the steps of a test). */
  clearRequestLog(): void {
    this.#log.length = 0;
  }

  /** Resolves once no async order and no slow commit is still in progress. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** @internal Appends to the request log. */
  log(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const logged = { seq: this.#log.length + 1, ...entry };
    this.#log.push(logged);
    return logged;
  }

  /** @internal Keeps `work` visible to `settled()` until it ends. */
  track(work: Promise<unknown>): void {
    this.#inFlight.add(work);
    const remove = () => this.#inFlight.delete(work);
    work.then(remove, remove);
  }

  /** @internal A fresh OrderUID. */
  nextOrderUid(): string {
    this.#orderCount += 1;
    return orderUid(this.seed, this.#orderCount);
  }

  /** @internal A fresh voucher id; ids increase and stay within int32. */
  nextVoucherId(): number {
    return this.#nextVoucherId++;
  }

  /** @internal */
  addOrder(order: SandboxOrder): void {
    this.#orders.set(order.orderUID, order);
    if (order.refId === null) return;
    const same = this.#ordersByRefId.get(order.refId);
    if (same === undefined) this.#ordersByRefId.set(order.refId, [order]);
    else same.push(order);
  }

  /** @internal */
  addVoucher(voucher: SandboxVoucher): void {
    this.#vouchers.set(voucher.id, voucher);
  }
}
