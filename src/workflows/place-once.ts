import type { FacadeContext, ReconcileOptions } from '../context.js';
import { HuurayAuthenticationError, HuurayRateLimitError } from '../core/errors/api-error.js';
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
 * is thrown as is, but only while no attempt was ambiguous: once one was, the call ends in a found or
 * created order or in `HuurayIndeterminateOrderError` (a caller's abort included, as its cause).
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
  const indeterminate = (attempt: number, detail: string, cause: unknown) => {
    step('indeterminate', attempt);
    return new HuurayIndeterminateOrderError(ORDER_OPERATION, refId, detail, cause);
  };
  const trusted = (found: Order | null, attempt: number): Order | null => {
    if (found === null) return null;
    // Only an answer naming this RefID and an order proves anything. `RefID: null` or another RefID
    // means the search did not filter as asked: neither "placed" nor "not placed" can be concluded.
    if (found.refId !== refId || found.orderUid === '') {
      throw indeterminate(
        attempt,
        `a search by RefID answered with ${found.orderUid === '' ? 'no OrderUID' : found.refId === null ? 'no RefID' : 'another RefID'}, so whether this order was placed cannot be told`,
        undefined,
      );
    }
    return found;
  };
  const search = async (attempt: number) =>
    trusted(await searchOrder(ctx, { refId }, { signal: options.signal }), attempt);
  const lookUp = async (attempt: number, cause: unknown): Promise<Order | null> => {
    try {
      return await search(attempt);
    } catch (searchError) {
      if (searchError instanceof HuurayIndeterminateOrderError) throw searchError;
      const detail = `${cause instanceof Error ? cause.message : 'the order failed'}; the search by RefID failed too`;
      throw indeterminate(attempt, detail, searchError);
    }
  };
  const reconciled = (found: Order, attempt: number): PlacedOrder => {
    step('found', attempt);
    return { ...found, reconciled: true, source: 'reconciled', orderRequests: attempt };
  };

  if (reconcile.checkExisting) {
    const existing = await search(0);
    if (existing !== null) {
      step('existing', 0);
      return { ...existing, reconciled: true, source: 'existing', orderRequests: 0 };
    }
  }

  /** The first ambiguous failure of this call; once set, no answer is a definitive refusal. */
  let ambiguity: unknown;
  let attempt = 0;
  try {
    for (attempt = 1; ; attempt++) {
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
      let firstCheck = 1;
      if (failure instanceof HuurayAuthenticationError) {
        // Deno's fetch re-sends a POST whose connection dropped, same nonce: 401 although stored.
        // A search that gets 401 too means the credentials are wrong and nothing was stored.
        const earlier = ambiguity;
        ambiguity ??= failure;
        step('search', attempt);
        let found: Order | null;
        try {
          found = await search(attempt);
        } catch (searchError) {
          if (searchError instanceof HuurayAuthenticationError && earlier === undefined) {
            ambiguity = undefined;
            throw failure;
          }
          throw searchError; // the 401 may have been a replay: unknown, never a bare search error
        }
        if (found !== null) return reconciled(found, attempt);
        step('not-found', attempt);
        firstCheck = 2;
      } else if (!isAmbiguousOrderFailure(failure)) {
        if (ambiguity !== undefined) {
          // This refusal says nothing about the earlier attempt, which may have landed since.
          step('search', attempt);
          const found = await lookUp(attempt, failure);
          if (found !== null) return reconciled(found, attempt);
          step('not-found', attempt);
        }
        throw failure;
      } else {
        ambiguity ??= failure;
      }

      for (let check = firstCheck; check <= reconcile.checks; check++) {
        if (check > 1) {
          step('settle-wait', attempt, reconcile.settleDelayMs);
          await sleep(reconcile.settleDelayMs, options.signal);
        }
        step('search', attempt);
        const found = await lookUp(attempt, failure);
        if (found !== null) return reconciled(found, attempt);
        step('not-found', attempt);
      }
      if (attempt >= reconcile.maxOrderAttempts) {
        const detail = `${failure instanceof Error ? failure.message : 'the order failed'}; ${reconcile.checks} searches by RefID found nothing and no attempts are left`;
        throw indeterminate(attempt, detail, failure);
      }
    }
  } catch (error) {
    if (ambiguity === undefined || error instanceof HuurayIndeterminateOrderError) throw error;
    // Sticky ambiguity: after an attempt that may have landed, a refusal, a failed search or the
    // caller's abort cannot tell the caller that nothing was placed.
    const said = error instanceof Error ? error.message : String(error);
    throw indeterminate(attempt, `${said}, after an earlier attempt whose outcome is unknown`, error);
  }
}
