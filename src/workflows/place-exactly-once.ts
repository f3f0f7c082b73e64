/**
 * The one way an order with a refId is placed (`send`, every `issue` chunk, every campaign row): claim
 * the refId in the ledger before the first request, let one holder place it, settle the claim with
 * what happened. Concurrent calls for one refId in this process share the first one's placement.
 */
import type { FacadeContext } from '../context.js';
import { HuurayApiError } from '../core/errors/api-error.js';
import { HuurayConflictError } from '../core/errors/conflict-error.js';
import { HuurayIndeterminateOrderError } from '../core/errors/indeterminate-order-error.js';
import type { Order } from '../domain/order.js';
import { fingerprintIntent, intentDifferences } from '../ledger/fingerprint.js';
import type { Ledger, LedgerEntry, RewardIntent, Settlement } from '../ledger/types.js';
import type { ResolvedPlaceCall } from '../options/call-options.js';
import { LEASE_MS, LEASE_RENEW_EVERY_MS } from '../options/defaults.js';
import { ORDER_OPERATION } from '../primitives/order.js';
import { searchByRefId, searchOrder } from '../primitives/search.js';
import { type AttemptTrack, attemptOrder, InDoubt, type PlaceRequest } from './attempt-order.js';
import { foundOrderDifferences } from './compare-found.js';
import type { PlacedOrder } from './placed-order.js';

interface RunningPlacement {
  readonly fingerprint: string;
  readonly result: Promise<PlacedOrder>;
  readonly signal: AbortSignal | undefined;
}

/** Placements in progress per ledger: every `Huuray` sharing a ledger shares them. */
const running = new WeakMap<Ledger, Map<string, RunningPlacement>>();
let holderSeq = 0;

export async function placeExactlyOnce(
  ctx: FacadeContext,
  req: PlaceRequest,
  intent: RewardIntent,
  call: ResolvedPlaceCall,
): Promise<PlacedOrder> {
  const { refId } = req.order;
  const fingerprint = await fingerprintIntent(intent);
  let placements = running.get(ctx.ledger);
  if (placements === undefined) {
    placements = new Map();
    running.set(ctx.ledger, placements);
  }
  const first = placements.get(refId);
  if (first !== undefined && first.fingerprint === fingerprint) {
    try {
      const placed = await untilAborted(first.result, call.signal);
      return { ...placed, source: 'existing', orderRequests: 0 };
    } catch (error) {
      // The first caller's own abort is not this caller's answer: it goes on by itself below.
      if (!first.signal?.aborted || call.signal?.aborted) throw error;
    }
  }
  const result = claimAndPlace(ctx, req, intent, fingerprint, call);
  placements.set(refId, { fingerprint, result, signal: call.signal });
  try {
    return await result;
  } finally {
    if (placements.get(refId)?.result === result) placements.delete(refId);
  }
}

async function claimAndPlace(
  ctx: FacadeContext,
  req: PlaceRequest,
  intent: RewardIntent,
  fingerprint: string,
  call: ResolvedPlaceCall,
): Promise<PlacedOrder> {
  const { refId } = req.order;
  const holder = `${ctx.holderId}:${++holderSeq}`;
  for (;;) {
    if (call.signal?.aborted) throw call.signal.reason;
    const claim = await ctx.ledger.claim(refId, fingerprint, intent, holder, LEASE_MS);
    switch (claim.kind) {
      case 'conflict':
        throw new HuurayConflictError(ORDER_OPERATION, refId, intentDifferences(claim.entry.intent, intent));
      case 'held':
        await ctx.ledger.wait(refId, LEASE_MS, call.signal);
        continue;
      case 'done':
        return lookUpDone(ctx, req, claim.entry, call);
      case 'claimed': {
        const since = claim.previous === 'in-doubt' ? claim.entry.inDoubtSince : null;
        const prior = call.priorAttemptAt ?? null;
        const inDoubtSince = since === null ? prior : prior === null ? since : Math.min(since, prior);
        return hold(ctx, req, holder, call, { inDoubtSince, found: null, orderRequests: 0 });
      }
    }
  }
}

/** Places under the claim, renewing its lease, and settles it with whatever happened. */
async function hold(
  ctx: FacadeContext,
  req: PlaceRequest,
  holder: string,
  call: ResolvedPlaceCall,
  track: AttemptTrack,
): Promise<PlacedOrder> {
  const { refId } = req.order;
  const renewal = setInterval(() => {
    ctx.ledger.renew(refId, holder, LEASE_MS).catch(() => undefined);
  }, LEASE_RENEW_EVERY_MS);
  (renewal as { unref?: () => void }).unref?.();
  try {
    const placed = await attemptOrder(ctx, req, call, track);
    await ctx.ledger.settle(refId, holder, { state: 'done', orderUid: placed.orderUid });
    return placed;
  } catch (error) {
    const settlement = settlementFor(error, track);
    await ctx.ledger.settle(refId, holder, settlement);
    if (settlement.state !== 'in-doubt') throw error;
    const entry = await ctx.ledger.get(refId);
    const since = entry?.inDoubtSince ?? track.inDoubtSince ?? Date.now();
    const detail = error instanceof InDoubt ? error.detail : error instanceof Error ? error.message : String(error);
    const cause = error instanceof InDoubt ? error.cause : error;
    throw new HuurayIndeterminateOrderError(ORDER_OPERATION, refId, detail, cause ?? undefined, {
      inDoubtSince: new Date(since),
      resendableAt: new Date(since + call.reconcile.quarantineMs),
    });
  } finally {
    clearInterval(renewal);
  }
}

function settlementFor(error: unknown, track: AttemptTrack): Settlement {
  if (track.found !== null) return { state: 'done', orderUid: track.found.orderUid };
  const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : 'failed';
  if (error instanceof InDoubt || track.inDoubtSince !== null) {
    return { state: 'in-doubt', reason, ...(track.inDoubtSince === null ? {} : { since: track.inDoubtSince }) };
  }
  // Nothing ambiguous was sent: a refusal, or a failure before the first POST. Nothing was stored.
  return { state: 'refused', reason: error instanceof HuurayApiError ? reason : `not sent: ${reason}` };
}

/**
 * The ledger's own OrderUID for the refId, searched for directly. The answer is believed only when it
 * names that order (and this RefID, or none): a search that ignores its criteria answers some other
 * order, which must never be handed to the caller as theirs.
 */
async function lookUpByOrderUid(
  ctx: FacadeContext,
  refId: string,
  entry: LedgerEntry,
  read: { signal: AbortSignal | undefined; timeoutMs: number },
): Promise<Order | null> {
  if (entry.orderUid === null) return null;
  const found = await searchOrder(ctx, { orderUid: entry.orderUid }, read);
  if (found === null || found.orderUid !== entry.orderUid) return null;
  return found.refId === null || found.refId === refId ? found : null;
}

/** The ledger says the refId was placed: look the order up and return it, never send. */
async function lookUpDone(
  ctx: FacadeContext,
  req: PlaceRequest,
  entry: LedgerEntry,
  call: ResolvedPlaceCall,
): Promise<PlacedOrder> {
  const { refId } = req.order;
  const read = { signal: call.signal, timeoutMs: call.readTimeoutMs };
  const found =
    (await searchByRefId(ctx, refId, read).catch(() => null)) ?? (await lookUpByOrderUid(ctx, refId, entry, read));
  if (found === null) {
    throw new HuurayIndeterminateOrderError(
      ORDER_OPERATION,
      refId,
      `the ledger records order ${entry.orderUid ?? '(unknown)'} for this refId, but a search cannot find it now; nothing was sent`,
    );
  }
  // The order this ledger recorded for this very intent was compared when it was placed or found.
  if (found.orderUid !== entry.orderUid) {
    const differences = await foundOrderDifferences(ctx, refId, found, req.expected, read);
    if (differences.length > 0) throw new HuurayConflictError(ORDER_OPERATION, refId, differences);
  }
  ctx.transport.emit({ type: 'reconcile', refId, step: 'existing', orderAttempt: 0 });
  return { ...found, reconciled: true, source: 'existing', orderRequests: 0 };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
