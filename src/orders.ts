import type { ZodType } from 'zod';
import { zCancelResponse, zOrderResponse, zResendResponse, zSearchResponse } from '../generated/zod.js';
import type { FacadeContext } from './context.js';
import { HuurayApiError, HuurayNotFoundError } from './core/errors/api-error.js';
import { HuurayError } from './core/errors/huuray-error.js';
import { HuurayIndeterminateOrderError } from './core/errors/indeterminate-order-error.js';
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
  /** The order the cancel was for. */
  readonly orderUid: string;
  /** Whether the order as a whole is cancelled now. */
  readonly orderCancelled: boolean;
  /** `true` on 206 Partial Content: only some vouchers were cancelled (see `vouchers`). */
  readonly partial: boolean;
  /** Each voucher asked for and whether it was cancelled. */
  readonly vouchers: {
    /** Voucher id. */
    readonly id: number;
    /** Whether this voucher is cancelled now. */
    readonly cancelled: boolean;
  }[];
}

/** The outcome of a resend. `partial` is true on HTTP 206; the API reports only how many went out. */
export interface ResendResult {
  /** `true` on 206 Partial Content: only some vouchers were resent. */
  readonly partial: boolean;
  /** How many vouchers were resent. */
  readonly numberOfResends: number;
}

/**
 * Whether a failed order attempt may have been stored: no answer, a broken answer or a 5xx. A 4xx
 * (including 429) is a refusal: nothing was placed.
 */
export function isAmbiguousOrderFailure(error: unknown): boolean {
  if (error instanceof HuurayApiError) return error.status >= 500;
  if (error instanceof HuurayError) return error.name !== 'HuurayValidationError';
  return true;
}

/** Exactly one `POST /v4/Order`, errors untouched. */
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
  return toOrder(data, status);
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
    try {
      const placed = await postOrder(this.#ctx, order, options);
      return order.sync ? placed : { orderUid: placed.orderUid, refId: placed.refId, status: placed.status };
    } catch (error) {
      if (!isAmbiguousOrderFailure(error)) throw error;
      const detail = error instanceof Error ? error.message : 'the request failed';
      throw new HuurayIndeterminateOrderError(ORDER_OPERATION, order.refId, detail, error);
    }
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
