/** The order primitive: exactly one `POST /v4/Order`, and how to tell a refusal from an unknown outcome. */
import { zOrderResponse } from '../../generated/zod.js';
import type { FacadeContext } from '../context.js';
import { HuurayApiError } from '../core/errors/api-error.js';
import { HuurayError } from '../core/errors/huuray-error.js';
import { HuurayResponseValidationError } from '../core/errors/transport-errors.js';
import { type Order, toOrder } from '../domain/order.js';
import { type ParsedOrderInput, toOrderRequest } from '../inputs/order-input.js';
import type { ResolvedCall } from '../options/call-options.js';
import { operationLabel } from './operation.js';

export const ORDER_OPERATION = operationLabel('Order');

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
export async function postOrder(ctx: FacadeContext, order: ParsedOrderInput, call: ResolvedCall): Promise<Order> {
  const body = toOrderRequest(order);
  const { status, data } = await ctx.transport.once(
    ORDER_OPERATION,
    'write',
    zOrderResponse,
    (signal) => ctx.raw.POST('/v4/Order', { body, signal, parseAs: 'text' }),
    call.timeoutMs,
    call.signal,
  );
  return toOrder(data, status);
}

/**
 * An order answer proves the order only when it names an OrderUID and the RefID that was sent: a 200
 * `{}` or an answer about another order is as good as no answer (ambiguous), so it is thrown as one.
 */
export function checkOrderAnswer(placed: Order, refId: string): Order {
  if (placed.orderUid !== '' && (placed.refId === null || placed.refId === refId)) return placed;
  const path = placed.orderUid === '' ? 'OrderUID' : 'RefID';
  throw new HuurayResponseValidationError(ORDER_OPERATION, placed.status, [
    { path, message: placed.orderUid === '' ? 'missing' : 'does not name the RefID that was sent' },
  ]);
}
