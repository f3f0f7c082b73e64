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
import { apiRequest } from './request.js';

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
export async function postOrder(ctx: FacadeContext, order: ParsedOrderInput, call: ResolvedCall): Promise<Order> {
  const body = toOrderRequest(order);
  const { status, data } = await ctx.transport.once(apiRequest('Order', { body }), 'write', zOrderResponse, call);
  return checkedAnswer(toOrder(data, status), order.refId);
}
