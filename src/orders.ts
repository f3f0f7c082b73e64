import type { ZodType } from 'zod';
import { zCancelResponse, zOrderResponse, zResendResponse, zSearchResponse } from '../generated/zod.js';
import type { FacadeContext } from './context.js';
import { HuurayApiError, HuurayAuthenticationError, HuurayNotFoundError } from './core/errors/api-error.js';
import { HuurayError } from './core/errors/huuray-error.js';
import { HuurayIndeterminateOrderError } from './core/errors/indeterminate-order-error.js';
import { HuurayResponseValidationError } from './core/errors/transport-errors.js';
import type { Answer, CallOptions, SendAttempt } from './core/transport.js';
import { type Order, toOrder } from './domain/order.js';
import { type OrderInput, orderInput, type ParsedOrderInput, toOrderRequest } from './inputs/order-input.js';
import { parseInput } from './inputs/parse.js';
import { type FindInput, findInput, toSearchRequest, type VoucherTarget, voucherTarget } from './inputs/query-input.js';

export const ORDER_OPERATION = 'POST /v4/Order';
const SEARCH = 'POST /v4/Search';

/** The answer to a sync order: the vouchers are in it. */
export type SyncOrder = Order;
/** The answer to an async order: only its UID; find its vouchers later with `orders.find({ orderUid })`. */
export type AsyncOrder = Pick<Order, 'orderUid' | 'refId' | 'status'>;

/** The outcome of a cancel. `partial` is true on HTTP 206: only some vouchers were cancelled. */
export interface CancelResult {
  readonly orderUid: string;
  readonly orderCancelled: boolean;
  readonly partial: boolean;
  readonly vouchers: { readonly id: number; readonly cancelled: boolean }[];
}

/** The outcome of a resend. `partial` is true on HTTP 206; the API reports only how many went out. */
export interface ResendResult {
  readonly partial: boolean;
  readonly numberOfResends: number;
}

/**
 * Whether a failed order attempt may have been stored: no answer, a broken answer or a 5xx. A 4xx
 * (including 429) is a refusal: nothing was placed.
 */
export function isAmbiguousOrderFailure(error: unknown): boolean {
  // A redirect, an oversized body or an unbelievable answer (see checkedAnswer) came after the
  // request was sent: it may have been stored. These are HuurayErrors other than HuurayApiError.
  if (error instanceof HuurayApiError) return error.status >= 500;
  if (error instanceof HuurayError) return error.name !== 'HuurayValidationError';
  return true;
}

/**
 * An order answer is believed only with an OrderUID and the RefID that was sent: a `{}` from a
 * proxy, or an answer naming another order, proves nothing, so it is an ambiguous answer.
 */
function checkedAnswer(order: Order, sentRefId: string | undefined): Order {
  const issues: { path: string; message: string }[] = [];
  if (typeof order.orderUid !== 'string' || order.orderUid === '') {
    issues.push({ path: 'OrderUID', message: 'missing: the answer does not name an order' });
  }
  if (sentRefId !== undefined && order.refId !== sentRefId) {
    issues.push({ path: 'RefID', message: 'is not the RefID that was sent' });
  }
  if (issues.length > 0) throw new HuurayResponseValidationError(ORDER_OPERATION, order.status, issues);
  return order;
}

/** Exactly one `POST /v4/Order`; an answer that cannot be believed is `HuurayResponseValidationError`. */
export async function postOrder(
  ctx: FacadeContext,
  order: ParsedOrderInput,
  options: CallOptions = {},
): Promise<Order> {
  const body = toOrderRequest(order);
  const { status, data } = await ctx.transport.once(
    ORDER_OPERATION,
    'write',
    zOrderResponse,
    (signal) => ctx.raw.POST('/v4/Order', { body, signal, parseAs: 'text' }),
    options.timeoutMs ?? ctx.orderTimeoutMs,
    options.signal,
  );
  return checkedAnswer(toOrder(data, status), order.refId);
}

/** Search; `null` when the API answers 404 (its way of saying "no match"). Retried like every read. */
export async function searchOrder(
  ctx: FacadeContext,
  query: FindInput,
  options: CallOptions = {},
): Promise<Order | null> {
  const body = toSearchRequest(parseInput(findInput, query, 'search', SEARCH));
  try {
    const { status, data } = await ctx.transport.read(
      SEARCH,
      zSearchResponse,
      (signal) => ctx.raw.POST('/v4/Search', { body, signal, parseAs: 'text' }),
      options.timeoutMs ?? ctx.timeoutMs,
      options.signal,
    );
    return toOrder(data, status);
  } catch (error) {
    if (error instanceof HuurayNotFoundError) return null;
    throw error;
  }
}

function targetBody(t: { orderUid: string; voucherId?: number | undefined }): { OrderUID: string; VoucherID?: number } {
  return { OrderUID: t.orderUid, ...(t.voucherId === undefined ? {} : { VoucherID: t.voucherId }) };
}

/** Orders: create exactly once, find, resend, cancel. Writes are never retried automatically. */
export class Orders {
  readonly #ctx: FacadeContext;

  constructor(ctx: FacadeContext) {
    this.#ctx = ctx;
  }

  /**
   * Places one order with exactly one `POST /v4/Order`, never retried. If the answer is lost (timeout,
   * dropped connection, 5xx, unreadable body) it throws `HuurayIndeterminateOrderError`: look the order
   * up by `refId` before sending again, or use `send()`/`issue()`, which do that for you.
   */
  create(input: OrderInput & { sync: true }, options?: CallOptions): Promise<SyncOrder>;
  create(input: OrderInput & { sync: false }, options?: CallOptions): Promise<AsyncOrder>;
  create(input: OrderInput, options?: CallOptions): Promise<SyncOrder | AsyncOrder>;
  async create(input: OrderInput, options: CallOptions = {}): Promise<SyncOrder | AsyncOrder> {
    const order = parseInput(orderInput, input, 'order', ORDER_OPERATION);
    const shaped = (placed: Order) =>
      order.sync ? placed : { orderUid: placed.orderUid, refId: placed.refId, status: placed.status };
    try {
      return shaped(await postOrder(this.#ctx, order, options));
    } catch (error) {
      if (error instanceof HuurayAuthenticationError && order.refId !== undefined) {
        return shaped(await this.#afterUnauthorisedOrder(order.refId, error, options));
      }
      if (!isAmbiguousOrderFailure(error)) throw error;
      const detail = error instanceof Error ? error.message : 'the request failed';
      throw new HuurayIndeterminateOrderError(ORDER_OPERATION, order.refId, detail, error);
    }
  }

  /**
   * A 401 to an order is not proof that nothing was stored: Deno's fetch re-sends a POST whose
   * connection dropped, with the same nonce, and the API refuses the copy although it stored the
   * first. A search by RefID tells: found is the order; a 401 to the search too means the credentials
   * are wrong (nothing could be stored); anything else leaves the outcome unknown.
   */
  async #afterUnauthorisedOrder(
    refId: string,
    refusal: HuurayAuthenticationError,
    options: CallOptions,
  ): Promise<Order> {
    let found: Order | null;
    try {
      found = await searchOrder(this.#ctx, { refId }, { signal: options.signal });
    } catch (searchError) {
      if (searchError instanceof HuurayAuthenticationError) throw refusal;
      throw new HuurayIndeterminateOrderError(
        ORDER_OPERATION,
        refId,
        `${refusal.message}; the search by RefID failed too`,
        searchError,
      );
    }
    if (found !== null && found.refId === refId && found.orderUid !== '') return found;
    throw new HuurayIndeterminateOrderError(
      ORDER_OPERATION,
      refId,
      `${refusal.message}; a 401 to an order can be a re-sent copy of a request that was stored, and a search by RefID could not confirm it`,
      refusal,
    );
  }

  /** Finds an order with its vouchers by any search field; `null` when nothing matches. */
  find(query: FindInput, options: CallOptions = {}): Promise<Order | null> {
    return searchOrder(this.#ctx, query, options);
  }

  /** Re-delivers an order, or one voucher of it, to its recipients. Never retried (it would re-deliver). */
  async resend(target: VoucherTarget, options: CallOptions = {}): Promise<ResendResult> {
    const operation = 'POST /v4/Resend';
    const body = targetBody(parseInput(voucherTarget, target, 'resend target', operation));
    const { status, data } = await this.#write(operation, zResendResponse, options, (signal) =>
      this.#ctx.raw.POST('/v4/Resend', { body, signal, parseAs: 'text' }),
    );
    return { partial: status === 206, numberOfResends: data.NumberOfResends ?? 0 };
  }

  /** Cancels an order, or one voucher of it, and lists each voucher's outcome. Never retried. */
  async cancel(target: VoucherTarget, options: CallOptions = {}): Promise<CancelResult> {
    const operation = 'DELETE /v4/Cancel';
    const body = targetBody(parseInput(voucherTarget, target, 'cancel target', operation));
    const { status, data } = await this.#write(operation, zCancelResponse, options, (signal) =>
      this.#ctx.raw.DELETE('/v4/Cancel', { body, signal, parseAs: 'text' }),
    );
    return {
      orderUid: data.OrderUID ?? body.OrderUID,
      orderCancelled: data.OrderCancelled ?? false,
      partial: status === 206,
      vouchers: (data.Vouchers ?? []).map((v) => ({ id: v.ID ?? 0, cancelled: v.Cancelled ?? false })),
    };
  }

  /** One attempt of a write with the write time limit; never retried. */
  #write<T>(operation: string, schema: ZodType<T>, options: CallOptions, send: SendAttempt): Promise<Answer<T>> {
    const timeout = options.timeoutMs ?? this.#ctx.orderTimeoutMs;
    return this.#ctx.transport.once(operation, 'write', schema, send, timeout, options.signal);
  }
}
