import type { ZodType } from 'zod';
import {
  zBalanceResponse,
  zCatalogueResponse,
  zExchangeRatesResponse,
  zStockResponse,
  zTemplateResponse,
} from '../generated/zod.js';
import type { FacadeContext } from './context.js';
import { createHuurayClient, type HuurayClient } from './core/client.js';
import { HuurayResponseValidationError } from './core/errors/transport-errors.js';
import type { Precheck } from './core/schema-precheck.js';
import type { ApiRequest } from './core/signed-call.js';
import { createSignedCall } from './core/signed-call.js';
import { type CallOptions, Transport } from './core/transport.js';
import { type Balance, toBalances } from './domain/balance.js';
import { type Product, toProduct } from './domain/catalogue.js';
import { CatalogueReader } from './domain/catalogue-reader.js';
import type { Voucher } from './domain/order.js';
import { type Template, toTemplates } from './domain/template.js';
import { type HuurayEnv, optionsFromEnv } from './environment.js';
import { parseInput } from './inputs/parse.js';
import { catalogueInput, exchangeRateInput, stockInput } from './inputs/query-input.js';
import { sharedMemoryLedger } from './ledger/shared.js';
import type { LedgerReader } from './ledger/types.js';
import { resolveCall } from './options/call-options.js';
import { type HuurayOptions, resolveTuning } from './options/huuray-options.js';
import { Orders } from './orders.js';
import { apiRequest } from './primitives/request.js';
import { type IssueInput, type IssueOptions, type IssueResult, issue } from './workflows/issue.js';
import type { PlacedOrder } from './workflows/placed-order.js';
import { type RevealOptions, revealCodes } from './workflows/reveal-codes.js';
import { type SendInput, type SendOptions, send } from './workflows/send.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** An exchange rate between two currencies. */
export interface ExchangeRate {
  /** ISO 4217 code converted from. */
  readonly from: string;
  /** ISO 4217 code converted to. */
  readonly to: string;
  /** Units of `to` for one unit of `from`. */
  readonly rate: number;
  /** Huuray's spread in percent. */
  readonly spreadPercent: number;
}

/**
 * The Huuray API v4 for services: ergonomic reads, orders that are never paid twice, typed errors.
 *
 * @example
 * const huuray = new Huuray({ token: process.env.HUURAY_API_TOKEN!, secret: process.env.HUURAY_API_SECRET! });
 * const order = await huuray.send({
 *   productToken: 'prod_...', valueMinor: 5000, currency: 'DKK', templateId: 12,
 *   recipient: { name: 'Ada', email: 'ada@example.com' }, refId: 'anniversary-2026-ada',
 * });
 */
export class Huuray {
  /** The typed, signed openapi-fetch client, for anything the facade does not cover. */
  readonly raw: HuurayClient;
  /** Create, find, resend and cancel orders. */
  readonly orders: Orders;
  /**
   * The record of every refId this client placed or is placing (read only): `get(refId)` and
   * `list({ state: 'in-doubt' })`. Shared with every `Huuray` given the same ledger.
   */
  readonly ledger: LedgerReader;
  readonly #ctx: FacadeContext;
  readonly #description: string;

  /**
   * Checks every option (a `HuurayValidationError` names each bad one) and prepares the signed client. No
   * request is sent until a method is called.
   *
   * @throws HuurayValidationError for a missing token or secret, a base URL that is not https (plain http only
   * for loopback hosts), out-of-range tuning, or a browser without `dangerouslyAllowBrowser`.
   */
  constructor(options: HuurayOptions) {
    const tuning = resolveTuning(options);
    this.raw = createHuurayClient(options);
    const transport = new Transport({
      call: createSignedCall({
        baseUrl: this.raw.baseUrl,
        token: options.token,
        secret: options.secret,
        nonce: options.nonce,
        fetch: options.fetch,
        httpClient: options.httpClient,
        maxResponseBytes: options.maxResponseBytes,
      }),
      retry: tuning.retry,
      validateResponses: tuning.validateResponses,
      logger: options.logger,
      scrub: [options.token, options.secret],
    });
    const ledger = tuning.ledger ?? sharedMemoryLedger(this.raw.baseUrl, options.token);
    this.#ctx = {
      transport,
      defaults: { timeoutMs: tuning.timeoutMs, orderTimeoutMs: tuning.orderTimeoutMs, reconcile: tuning.reconcile },
      ledger,
      holderId: globalThis.crypto.randomUUID(),
    };
    this.ledger = { get: (refId) => ledger.get(refId), list: (query) => ledger.list(query) };
    this.orders = new Orders(this.#ctx);
    this.#description = `Huuray { ${String(this.raw)} }`;
  }

  /**
   * A client from HUURAY_API_TOKEN, HUURAY_API_SECRET and (optional) HUURAY_BASE_URL. `env` defaults to
   * `process.env` where there is one (read without importing anything, so it works on edge runtimes too; pass
   * a Worker's `env` there). `overrides` win over the environment.
   *
   * @throws HuurayValidationError naming every missing variable.
   * @example
   * const huuray = Huuray.fromEnv(); // or Huuray.fromEnv(env, { timeoutMs: 10_000 })
   */
  static fromEnv(env?: HuurayEnv, overrides: Partial<HuurayOptions> = {}): Huuray {
    return new Huuray(optionsFromEnv(env, overrides));
  }

  /** The account's balances, one per currency, in minor units. */
  async balances(options: CallOptions = {}): Promise<Balance[]> {
    const { data } = await this.#read(apiRequest('Balance'), zBalanceResponse, options);
    return toBalances(data);
  }

  /**
   * The product catalogue. `all: false` (default) lists what the account may order, with product
   * tokens and discounts; `all: true` the whole catalogue, without them. Filter with `filterProducts`.
   */
  async catalogue(query: { readonly all?: boolean | undefined } = {}, options: CallOptions = {}): Promise<Product[]> {
    const q = parseInput(catalogueInput, query, 'catalogue query', 'POST /v4/Catalogue');
    const request = apiRequest('Catalogue', { body: { All: q.all ?? false } });
    // Checked and mapped in one pass when the answer is certainly valid; otherwise zod (or lenient
    // reading) decides as for every answer, and its result is mapped.
    const reader = new CatalogueReader();
    const answer = await this.#readOrEmpty(request, zCatalogueResponse, options, reader.check);
    if (answer === null) return [];
    return reader.products ?? (answer.data.Products ?? []).map(toProduct);
  }

  /** Delivery templates; `[]` when the API answers 404 "There were no active templates". */
  async templates(options: CallOptions = {}): Promise<Template[]> {
    const answer = await this.#readOrEmpty(apiRequest('Template'), zTemplateResponse, options);
    return answer === null ? [] : toTemplates(answer.data);
  }

  /** Gift cards in stock for a product, at `valueMinor` or the product's default value. */
  async stock(
    query: { productToken: string; valueMinor?: number | undefined },
    options: CallOptions = {},
  ): Promise<number> {
    const q = parseInput(stockInput, query, 'stock query', 'POST /v4/Stock');
    const body = { ProductToken: q.productToken, ...(q.valueMinor === undefined ? {} : { Value: q.valueMinor }) };
    const { data } = await this.#read(apiRequest('Stock', { body }), zStockResponse, options);
    return data.Stock ?? 0;
  }

  /** The exchange rate and spread from one currency to another. */
  async exchangeRate(query: { from: string; to: string }, options: CallOptions = {}): Promise<ExchangeRate> {
    const q = parseInput(exchangeRateInput, query, 'exchange rate query', 'GET /v4/ExchangeRates');
    const operation = 'GET /v4/ExchangeRates';
    const request = apiRequest('ExchangeRates', { query: { FromCurrency: q.from, ToCurrency: q.to } });
    const { status, data } = await this.#read(request, zExchangeRatesResponse, options);
    if (typeof data.ExchangeRate !== 'number') {
      throw new HuurayResponseValidationError(operation, status, [{ path: 'ExchangeRate', message: 'missing' }]);
    }
    return { from: q.from, to: q.to, rate: data.ExchangeRate, spreadPercent: data.Spread ?? 0 };
  }

  /**
   * Sends one gift card to one recipient, exactly once per `refId`, whatever the network does. The refId
   * is claimed in the ledger first: a concurrent call for it in this process waits and gets the same order,
   * a refId already used for another reward is `HuurayConflictError` (nothing sent), and one already placed
   * is returned (`source: 'existing'`). After a lost answer it searches by `refId` (`source: 'reconciled'`)
   * and never sends again before `reconcile.quarantineMs`; until then it throws
   * `HuurayIndeterminateOrderError` with `inDoubtSince` and `resendableAt`. Calling again is always safe.
   */
  send(input: SendInput, options: SendOptions = {}): Promise<PlacedOrder> {
    return send(this.#ctx, input, options);
  }

  /**
   * Issues any number of codes (no delivery) as sync orders of at most 25, each exactly once. Call it
   * again with the same `refId` to complete an incomplete result without duplicating a chunk.
   */
  issue(input: IssueInput, options: IssueOptions = {}): Promise<IssueResult> {
    return issue(this.#ctx, input, options);
  }

  /** The vouchers of an (async) order with their codes, fetched one VoucherID at a time. */
  revealCodes(orderUid: string, options: RevealOptions = {}): Promise<Voucher[]> {
    return revealCodes(this.#ctx, orderUid, options);
  }

  #read<T>(request: ApiRequest, schema: ZodType<T>, options: CallOptions) {
    const call = resolveCall(this.#ctx.defaults, options, 'read', request.operation);
    return this.#ctx.transport.read(request, schema, call);
  }

  #readOrEmpty<T>(request: ApiRequest, schema: ZodType<T>, options: CallOptions, precheck?: Precheck) {
    const call = resolveCall(this.#ctx.defaults, options, 'read', request.operation);
    return this.#ctx.transport.readOrEmpty(request, schema, call, precheck);
  }

  /** `Huuray { HuurayClient { baseUrl: '...' } }`: the base URL only, never the token or secret. */
  toString(): string {
    return this.#description;
  }

  /** `{ baseUrl }` only, so logging a client as JSON cannot leak its credentials. */
  toJSON(): {
    /** The base URL requests go to. */
    baseUrl: string;
  } {
    return { baseUrl: this.raw.baseUrl };
  }

  /** What `console.log` and `util.inspect` show: the same as `toString()`, never a credential. */
  [INSPECT](): string {
    return this.#description;
  }
}
