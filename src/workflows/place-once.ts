import type { FacadeContext, ReconcileOptions } from '../context.js';
import { HuurayRateLimitError } from '../core/errors/api-error.js';
import { HuurayIndeterminateOrderError } from '../core/errors/indeterminate-order-error.js';
import { sleep } from '../core/retry-policy.js';
import type { CallOptions } from '../core/transport.js';
import type { Order } from '../domain/order.js';
import type { ParsedOrderInput } from '../inputs/order-input.js';
import { isAmbiguousOrderFailure, ORDER_OPERATION, postOrder, searchOrder } from '../orders.js';

/** An order placed exactly once, and how that was known. */
export type PlacedOrder = Order & {
  /** `true` when the order was learned from a search, not from the order's own answer. */
  readonly reconciled: boolean;
  /** `created`: this call placed it; `reconciled`: its answer was lost and a search found it; `existing`: an earlier call had placed it. */
  readonly source: 'created' | 'reconciled' | 'existing';
  /** How many `POST /v4/Order` requests this call sent (0 when it already existed). */
  readonly orderRequests: number;
};

const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * Places `order` (which must carry a `refId`) at most once however the network behaves. On an
 * ambiguous failure it never re-sends blindly: it searches by RefID, waits and searches again, and
 * only after `checks` searches found nothing sends again with a fresh nonce, up to `maxOrderAttempts`
 * POSTs in all. A search that cannot answer ends in `HuurayIndeterminateOrderError`; a definitive 4xx
 * is thrown as is.
 */
export async function placeOnce(
  ctx: FacadeContext,
  order: ParsedOrderInput & { refId: string },
  options: CallOptions = {},
  reconcile: ReconcileOptions = ctx.reconcile,
): Promise<PlacedOrder> {
  const { refId } = order;
  const step = (
    s: 'existing' | 'search' | 'found' | 'not-found' | 'settle-wait' | 'resend' | 'indeterminate',
    orderAttempt: number,
    delayMs?: number,
  ) => ctx.transport.emit({ type: 'reconcile', refId, step: s, orderAttempt, delayMs });
  const lookUp = async (attempt: number, cause: unknown): Promise<Order | null> => {
    let found: Order | null;
    try {
      found = await searchOrder(ctx, { refId }, { signal: options.signal });
    } catch (searchError) {
      step('indeterminate', attempt);
      const detail = `${cause instanceof Error ? cause.message : 'the order failed'}; the search by RefID failed too`;
      throw new HuurayIndeterminateOrderError(ORDER_OPERATION, refId, detail, searchError);
    }
    return trusted(found, refId, attempt);
  };
  const trusted = (found: Order | null, wanted: string, attempt: number): Order | null => {
    if (found === null) return null;
    // An answer to a search by RefID that names another RefID, or no order, means the search did not
    // filter as asked: it can say neither "placed" nor "not placed", so neither a result nor a re-send is safe.
    if ((found.refId !== null && found.refId !== wanted) || found.orderUid === '') {
      step('indeterminate', attempt);
      throw new HuurayIndeterminateOrderError(
        ORDER_OPERATION,
        wanted,
        `a search by RefID answered with ${found.orderUid === '' ? 'no OrderUID' : 'another RefID'}, so whether this order was placed cannot be told`,
      );
    }
    return found;
  };

  if (reconcile.checkExisting) {
    const existing = trusted(await searchOrder(ctx, { refId }, { signal: options.signal }), refId, 0);
    if (existing !== null) {
      step('existing', 0);
      return { ...existing, reconciled: true, source: 'existing', orderRequests: 0 };
    }
  }

  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) step('resend', attempt);
    let failure: unknown;
    try {
      const placed = await postOrder(ctx, order, options);
      return { ...placed, reconciled: false, source: 'created', orderRequests: attempt };
    } catch (error) {
      failure = error;
    }
    if (failure instanceof HuurayRateLimitError && attempt < reconcile.maxOrderAttempts) {
      // 429 is a refusal: nothing was stored, so waiting and sending again cannot pay twice.
      const wait = failure.retryAfterMs ?? reconcile.settleDelayMs;
      if (wait <= MAX_RATE_LIMIT_WAIT_MS) {
        step('settle-wait', attempt, wait);
        await sleep(wait, options.signal);
        continue;
      }
    }
    if (!isAmbiguousOrderFailure(failure)) throw failure;

    for (let check = 1; check <= reconcile.checks; check++) {
      if (check > 1) {
        step('settle-wait', attempt, reconcile.settleDelayMs);
        await sleep(reconcile.settleDelayMs, options.signal);
      }
      step('search', attempt);
      const found = await lookUp(attempt, failure);
      if (found !== null) {
        step('found', attempt);
        return { ...found, reconciled: true, source: 'reconciled', orderRequests: attempt };
      }
      step('not-found', attempt);
    }
    if (attempt >= reconcile.maxOrderAttempts) {
      step('indeterminate', attempt);
      const detail = `${failure instanceof Error ? failure.message : 'the order failed'}; ${reconcile.checks} searches by RefID found nothing and no attempts are left`;
      throw new HuurayIndeterminateOrderError(ORDER_OPERATION, refId, detail, failure);
    }
  }
}
