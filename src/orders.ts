import type { ZodType } from 'zod';
import { zCancelResponse, zResendResponse } from '../generated/zod.js';
import type { FacadeContext } from './context.js';
import { HuurayAuthenticationError } from './core/errors/api-error.js';
import { HuurayIndeterminateOrderError } from './core/errors/indeterminate-order-error.js';
import type { ApiRequest } from './core/signed-call.js';
import type { Answer, CallOptions } from './core/transport.js';
import type { Order } from './domain/order.js';
import { type OrderInput, orderInput } from './inputs/order-input.js';
import { parseInput } from './inputs/parse.js';
import { type FindInput, type VoucherTarget, voucherTarget } from './inputs/query-input.js';
import { type ResolvedCall, resolveCall } from './options/call-options.js';
import { operationLabel } from './primitives/operation.js';
import { isAmbiguousOrderFailure, ORDER_OPERATION, postOrder } from './primitives/order.js';
import { apiRequest } from './primitives/request.js';
import { SEARCH_OPERATION, searchOrder } from './primitives/search.js';

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

function targetBody(t: { orderUid: string; voucherId?: number | undefined }): { OrderUID: string; VoucherID?: number } {
  return { OrderUID: t.orderUid, ...(t.voucherId === undefined ? {} : { VoucherID: t.voucherId }) };
}

/**
 * Orders: create, find, resend, cancel. Writes are never retried automatically. `create` is the raw
 * primitive and does not go through the ledger: use `send()`/`issue()` for exactly-once placement.
 */
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
    const call = resolveCall(this.#ctx.defaults, options, 'write', ORDER_OPERATION);
    const shaped = (placed: Order) =>
      order.sync ? placed : { orderUid: placed.orderUid, refId: placed.refId, status: placed.status };
    try {
      return shaped(await postOrder(this.#ctx, order, call));
    } catch (error) {
      if (error instanceof HuurayAuthenticationError && order.refId !== undefined) {
        return shaped(await this.#afterUnauthorisedOrder(order.refId, error, call));
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
  async #afterUnauthorisedOrder(refId: string, refusal: HuurayAuthenticationError, call: ResolvedCall): Promise<Order> {
    let found: Order | null;
    try {
      found = await searchOrder(this.#ctx, { refId }, { signal: call.signal, timeoutMs: this.#ctx.defaults.timeoutMs });
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
    return searchOrder(this.#ctx, query, resolveCall(this.#ctx.defaults, options, 'read', SEARCH_OPERATION));
  }

  /** Re-delivers an order, or one voucher of it, to its recipients. Never retried (it would re-deliver). */
  async resend(target: VoucherTarget, options: CallOptions = {}): Promise<ResendResult> {
    const operation = operationLabel('Resend');
    const body = targetBody(parseInput(voucherTarget, target, 'resend target', operation));
    const call = resolveCall(this.#ctx.defaults, options, 'write', operation);
    const { status, data } = await this.#write(apiRequest('Resend', { body }), zResendResponse, call);
    return { partial: status === 206, numberOfResends: data.NumberOfResends ?? 0 };
  }

  /** Cancels an order, or one voucher of it, and lists each voucher's outcome. Never retried. */
  async cancel(target: VoucherTarget, options: CallOptions = {}): Promise<CancelResult> {
    const operation = operationLabel('Cancel');
    const body = targetBody(parseInput(voucherTarget, target, 'cancel target', operation));
    const call = resolveCall(this.#ctx.defaults, options, 'write', operation);
    const { status, data } = await this.#write(apiRequest('Cancel', { body }), zCancelResponse, call);
    return {
      orderUid: data.OrderUID ?? body.OrderUID,
      orderCancelled: data.OrderCancelled ?? false,
      partial: status === 206,
      vouchers: (data.Vouchers ?? []).map((v) => ({ id: v.ID ?? 0, cancelled: v.Cancelled ?? false })),
    };
  }

  /** One attempt of a write; never retried. */
  #write<T>(request: ApiRequest, schema: ZodType<T>, call: ResolvedCall): Promise<Answer<T>> {
    return this.#ctx.transport.once(request, 'write', schema, call);
  }
}
