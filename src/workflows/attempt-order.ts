/**
 * What the holder of a refId's claim does: search before sending when the refId may exist, send one
 * POST, and after an ambiguous failure search through the settle window. It never sends a refId again
 * until it has been in doubt for the quarantine and a search still finds nothing.
 */
import type { FacadeContext } from '../context.js';
import { HuurayAuthenticationError, HuurayRateLimitError } from '../core/errors/api-error.js';
import { HuurayConflictError } from '../core/errors/conflict-error.js';
import { sleep } from '../core/retry-policy.js';
import type { Order } from '../domain/order.js';
import type { ParsedOrderInput } from '../inputs/order-input.js';
import type { ResolvedPlaceCall } from '../options/call-options.js';
import { isAmbiguousOrderFailure, ORDER_OPERATION, postOrder } from '../primitives/order.js';
import { searchByRefId, UntrustedSearchError } from '../primitives/search.js';
import { type Expected, foundOrderDifferences } from './compare-found.js';
import type { PlacedOrder } from './placed-order.js';

/** The order, and what the caller expects a found order to be. */
export interface PlaceRequest {
  readonly order: ParsedOrderInput & { refId: string };
  readonly expected: Expected;
  /** A search made just before this call already answered: skip the search before sending. */
  readonly searched?: { readonly found: Order | null } | undefined;
}

/** Thrown when the refId must stay in doubt; the claim's holder settles it and throws the public error. */
export class InDoubt extends Error {
  constructor(
    readonly detail: string,
    override readonly cause: unknown,
  ) {
    super(detail);
  }
}

/** What one holder learned, so its claim is settled truthfully whatever is thrown. */
export interface AttemptTrack {
  /** Since when the refId is in doubt: its latest ambiguous attempt (an earlier one, or one of this call). */
  inDoubtSince: number | null;
  /** An order found for the refId (a conflict included): the refId is done, whatever else happens. */
  found: Order | null;
  orderRequests: number;
}

const MAX_RATE_LIMIT_WAIT_MS = 60_000;
const readCall = (call: ResolvedPlaceCall) => ({ signal: call.signal, timeoutMs: call.readTimeoutMs });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function attemptOrder(
  ctx: FacadeContext,
  req: PlaceRequest,
  call: ResolvedPlaceCall,
  track: AttemptTrack,
): Promise<PlacedOrder> {
  const { refId } = req.order;
  const { reconcile } = call;
  const step = (
    s: 'existing' | 'search' | 'found' | 'not-found' | 'settle-wait' | 'resend' | 'indeterminate',
    orderAttempt: number,
    delayMs?: number,
  ) => ctx.transport.emit({ type: 'reconcile', refId, step: s, orderAttempt, delayMs });

  const accept = async (found: Order, source: PlacedOrder['source']): Promise<PlacedOrder> => {
    track.found = found;
    const differences = await foundOrderDifferences(ctx, refId, found, req.expected, readCall(call));
    if (differences.length > 0) throw new HuurayConflictError(ORDER_OPERATION, refId, differences);
    return { ...found, reconciled: true, source, orderRequests: track.orderRequests };
  };

  /** Searches through the settle window; `null` when every search found nothing. */
  const searchWindow = async (attempt: number, cause: unknown, checks = reconcile.checks): Promise<Order | null> => {
    for (let check = 1; check <= checks; check++) {
      try {
        if (check > 1) {
          step('settle-wait', attempt, reconcile.settleDelayMs);
          await sleep(reconcile.settleDelayMs, call.signal);
        }
        step('search', attempt);
        const found = await searchByRefId(ctx, refId, readCall(call));
        if (found !== null) {
          step('found', attempt);
          return found;
        }
        step('not-found', attempt);
      } catch (error) {
        step('indeterminate', attempt);
        const why = call.signal?.aborted ? 'the call was aborted' : `the search by RefID failed (${message(error)})`;
        throw new InDoubt(`${message(cause)}; ${why}`, error);
      }
    }
    return null;
  };

  const quarantineOver = () => track.inDoubtSince !== null && Date.now() - track.inDoubtSince >= reconcile.quarantineMs;

  if (track.inDoubtSince !== null) {
    // An earlier attempt (another call, a dead holder, a crashed campaign) may have landed: the full
    // reconciliation of an ambiguous attempt comes before anything else.
    const found = await searchWindow(0, 'an earlier attempt of this refId had no answer');
    if (found !== null) return accept(found, 'reconciled');
    if (!quarantineOver()) {
      step('indeterminate', 0);
      throw new InDoubt('an earlier attempt had no answer and searches found nothing yet', null);
    }
  } else if (reconcile.checkExisting || req.searched !== undefined) {
    let found: Order | null;
    try {
      found = req.searched?.found ?? (await searchByRefId(ctx, refId, readCall(call)));
    } catch (error) {
      if (!(error instanceof UntrustedSearchError)) throw error;
      step('indeterminate', 0);
      throw new InDoubt(error.message, error);
    }
    if (found !== null) {
      step('existing', 0);
      return accept(found, 'existing');
    }
  }

  for (let attempt = 1; attempt <= reconcile.maxOrderAttempts; attempt++) {
    if (call.signal?.aborted) {
      if (track.inDoubtSince !== null) throw new InDoubt('the call was aborted', call.signal.reason);
      throw call.signal.reason;
    }
    if (attempt > 1) step('resend', attempt);
    track.orderRequests++;
    let failure: unknown;
    try {
      const placed = await postOrder(ctx, req.order, call);
      return { ...placed, reconciled: false, source: 'created', orderRequests: track.orderRequests };
    } catch (error) {
      failure = error;
    }
    if (failure instanceof HuurayAuthenticationError) {
      // Deno's fetch re-sends a POST whose connection dropped, same nonce: 401 although stored. A search
      // that gets 401 too means the credentials are wrong and nothing was stored.
      const wasInDoubt = track.inDoubtSince !== null;
      step('search', attempt);
      let found: Order | null;
      try {
        found = await searchByRefId(ctx, refId, readCall(call));
      } catch (searchError) {
        if (searchError instanceof HuurayAuthenticationError && !wasInDoubt) throw failure;
        step('indeterminate', attempt);
        throw new InDoubt(`${message(failure)}; the search by RefID failed too`, searchError);
      }
      if (found !== null) return accept(found, 'reconciled');
      step('not-found', attempt);
    } else if (!isAmbiguousOrderFailure(failure)) {
      // After an ambiguous attempt a refusal proves nothing about the earlier one (it may be a reused
      // nonce, a rate limit or a balance the first order just spent).
      if (track.inDoubtSince !== null) {
        // The earlier attempt may have landed since: one more search before the call ends in doubt.
        const found = await searchWindow(attempt, failure, 1);
        if (found !== null) return accept(found, 'reconciled');
        throw new InDoubt(`a later attempt was refused (${message(failure)})`, failure);
      }
      if (failure instanceof HuurayRateLimitError && attempt < reconcile.maxOrderAttempts) {
        // 429 is a refusal: nothing was stored, so waiting and sending again cannot pay twice.
        const wait = failure.retryAfterMs ?? reconcile.settleDelayMs;
        if (wait <= MAX_RATE_LIMIT_WAIT_MS) {
          step('settle-wait', attempt, wait);
          await sleep(wait, call.signal);
          continue;
        }
      }
      throw failure;
    }
    // The quarantine runs from the latest attempt that may have landed: a re-send past the quarantine
    // that is ambiguous again starts it over, or its own late landing could be paid a third time.
    track.inDoubtSince = Date.now();
    const found = await searchWindow(attempt, failure);
    if (found !== null) return accept(found, 'reconciled');
    if (attempt >= reconcile.maxOrderAttempts || !quarantineOver()) {
      step('indeterminate', attempt);
      throw new InDoubt(`${message(failure)}; ${reconcile.checks} searches by RefID found nothing`, failure);
    }
  }
  throw new InDoubt('no order attempts are left', null);
}
