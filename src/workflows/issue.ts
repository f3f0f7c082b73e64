import { z } from 'zod';
import type { FacadeContext } from '../context.js';
import { type ConflictDifference, HuurayConflictError } from '../core/errors/conflict-error.js';
import type { Order, Voucher } from '../domain/order.js';
import { currency, positiveInt32, productToken, refId, valueMinor } from '../inputs/fields.js';
import { MAX_SYNC_QUANTITY, orderInput } from '../inputs/order-input.js';
import { parseInput } from '../inputs/parse.js';
import { fingerprintIntent, intentDifferences } from '../ledger/fingerprint.js';
import type { RewardIntent } from '../ledger/types.js';
import { type ResolvedPlaceCall, resolvePlaceCall } from '../options/call-options.js';
import { DEFAULT_CONCURRENCY } from '../options/defaults.js';
import { concurrencySchema } from '../options/schemas.js';
import { ORDER_OPERATION } from '../primitives/order.js';
import { searchByRefId } from '../primitives/search.js';
import { placeExactlyOnce } from './place-exactly-once.js';
import type { PlacedOrder } from './placed-order.js';
import { mapBounded } from './pool.js';
import { fetchCodes } from './reveal-codes.js';
import type { SendOptions } from './send.js';

export const issueInput = z.strictObject({
  productToken,
  valueMinor,
  currency,
  quantity: positiveInt32('number of codes').max(100_000, { error: 'must be at most 100,000 per call' }),
  /** Chunk i (from 1) is ordered with RefID `${refId}.${i}`; keep the suffix room within 100 characters. */
  refId: refId.max(90, { error: 'must be at most 90 characters (chunk suffixes are added)' }),
  concurrency: concurrencySchema.optional(),
});

/** Codes without delivery: any quantity, as sync orders of at most 25. */
export type IssueInput = z.input<typeof issueInput>;

/** One sync order of an `issue` call. */
export type IssueChunk =
  | {
      readonly refId: string;
      readonly quantity: number;
      readonly state: 'done';
      readonly order: PlacedOrder;
      /** The order exists, but fetching its codes by VoucherID failed: call `issue` again to get them. */
      readonly codesError?: unknown;
    }
  | { readonly refId: string; readonly quantity: number; readonly state: 'failed'; readonly error: unknown }
  | { readonly refId: string; readonly quantity: number; readonly state: 'not-attempted' };

export interface IssueResult {
  readonly refId: string;
  readonly quantity: number;
  /**
   * Every chunk done and the codes of chunks learned from a search fetched (a chunk whose code search
   * failed has `codesError`): `vouchers` holds `quantity` vouchers.
   */
  readonly complete: boolean;
  /**
   * `false` when some voucher came back without its code: the account does not have `ReturnCode`
   * enabled (ask Huuray), so the codes are delivered elsewhere. The vouchers were still paid for.
   */
  readonly codesReturned: boolean;
  readonly chunks: IssueChunk[];
  /** The vouchers of every done chunk, in chunk order. Codes are bearer money: never log them. */
  readonly vouchers: Voucher[];
}

/** Options of `issue`: like `send`'s. */
export type IssueOptions = SendOptions;

/** The deterministic chunk plan: sizes 25, 25, ..., rest; RefIDs `${refId}.1`, `${refId}.2`, ... */
export function planChunks(refId: string, quantity: number): { refId: string; quantity: number }[] {
  const count = Math.ceil(quantity / MAX_SYNC_QUANTITY);
  return Array.from({ length: count }, (_, i) => ({
    refId: `${refId}.${i + 1}`,
    quantity: i === count - 1 ? quantity - MAX_SYNC_QUANTITY * (count - 1) : MAX_SYNC_QUANTITY,
  }));
}

type Chunk = { refId: string; quantity: number };

/**
 * Issues `quantity` codes as sync orders of at most 25, each placed exactly once through the ledger.
 * Before any order it checks that the refId was not used with another quantity (ledger first, then a
 * search per chunk): that is a `HuurayConflictError` with nothing sent. A chunk that already exists is
 * taken as it is, and its codes are fetched by VoucherID, so calling again with the same `refId`
 * completes the rest without duplicating anything. After the first failed chunk no new chunk is started.
 */
export async function issue(ctx: FacadeContext, input: IssueInput, options: IssueOptions = {}): Promise<IssueResult> {
  const i = parseInput(issueInput, input, 'issue input', ORDER_OPERATION);
  const call = resolvePlaceCall(ctx.defaults, options, ORDER_OPERATION);
  const concurrency = i.concurrency ?? DEFAULT_CONCURRENCY;
  const plan = planChunks(i.refId, i.quantity);
  const intentOf = (quantity: number): RewardIntent => ({
    productToken: i.productToken,
    valueMinor: i.valueMinor,
    currency: i.currency,
    quantity,
    templateId: null,
    recipientsDigest: null,
  });
  await refuseOtherQuantityInLedger(ctx, i.refId, plan, intentOf);
  const searched = await survey(ctx, i.refId, plan, call, concurrency);

  const settled = await mapBounded(
    plan,
    concurrency,
    async (chunk) => {
      const order = parseInput(
        orderInput,
        {
          productToken: i.productToken,
          valueMinor: i.valueMinor,
          currency: i.currency,
          quantity: chunk.quantity,
          sync: true,
          refId: chunk.refId,
        },
        'issue chunk',
        ORDER_OPERATION,
      );
      const expected = { productToken: i.productToken, quantity: chunk.quantity, recipients: [] };
      const hint = searched.get(chunk.refId);
      const request = {
        order: { ...order, refId: chunk.refId },
        expected,
        ...(hint === undefined ? {} : { searched: hint }),
      };
      const placed = await placeExactlyOnce(ctx, request, intentOf(chunk.quantity), call);
      // A sync order's own answer carries the codes when the account returns any; only an order learned
      // from a search needs them fetched, one VoucherID at a time.
      if (placed.source === 'created' || placed.vouchers.every((v) => v.code !== null)) return { placed };
      const read = { signal: call.signal, timeoutMs: call.readTimeoutMs };
      try {
        return { placed: { ...placed, vouchers: await fetchCodes(ctx, placed, read, concurrency) } };
      } catch (codesError) {
        // The chunk is paid for whatever happens to this search: report it done, its codes missing.
        return { placed, codesError };
      }
    },
    true,
  );
  const chunks: IssueChunk[] = settled.map((s, index) => {
    const { refId: chunkRef, quantity } = plan[index] as Chunk;
    if (s.status === 'fulfilled') {
      const { placed, codesError } = s.value;
      return {
        refId: chunkRef,
        quantity,
        state: 'done',
        order: placed,
        ...(codesError === undefined ? {} : { codesError }),
      };
    }
    if (s.status === 'rejected') return { refId: chunkRef, quantity, state: 'failed', error: s.reason };
    return { refId: chunkRef, quantity, state: 'not-attempted' };
  });
  const vouchers = chunks.flatMap((c) => (c.state === 'done' ? c.order.vouchers : []));
  return {
    refId: i.refId,
    quantity: i.quantity,
    complete: chunks.every((c) => c.state === 'done' && c.codesError === undefined),
    codesReturned: vouchers.length > 0 && vouchers.every((v) => v.code !== null),
    chunks,
    vouchers,
  };
}

/** What this process's ledger already knows: a chunk (or the chunk after the last) used with another quantity. */
async function refuseOtherQuantityInLedger(
  ctx: FacadeContext,
  refId: string,
  plan: readonly Chunk[],
  intentOf: (quantity: number) => RewardIntent,
): Promise<void> {
  const differences: ConflictDifference[] = [];
  for (const chunk of plan) {
    const entry = await ctx.ledger.get(chunk.refId);
    if (entry === null || entry.state === 'refused') continue;
    if (entry.fingerprint !== (await fingerprintIntent(intentOf(chunk.quantity)))) {
      differences.push(...intentDifferences(entry.intent, intentOf(chunk.quantity)).map(chunkField(chunk.refId)));
    }
  }
  const beyond = await ctx.ledger.get(`${refId}.${plan.length + 1}`);
  if (beyond !== null && beyond.state !== 'refused') {
    differences.push({ field: 'quantity', earlier: `more than ${plan.length} chunks`, now: plan.length });
  }
  if (differences.length > 0) throw new HuurayConflictError(ORDER_OPERATION, refId, differences);
}

/**
 * One search per chunk the ledger does not know as done, before any order: a chunk found with another
 * number of vouchers, or an order beyond the last chunk, means the refId was used for another quantity.
 * A search that fails is no answer: that chunk searches again when it is placed.
 */
async function survey(
  ctx: FacadeContext,
  refId: string,
  plan: readonly Chunk[],
  call: ResolvedPlaceCall,
  concurrency: number,
): Promise<Map<string, { found: Order | null }>> {
  const read = { signal: call.signal, timeoutMs: call.readTimeoutMs };
  const unknown: Chunk[] = [];
  for (const chunk of plan) if ((await ctx.ledger.get(chunk.refId))?.state !== 'done') unknown.push(chunk);
  const last = plan[plan.length - 1] as Chunk;
  const beyond = { refId: `${refId}.${plan.length + 1}`, quantity: 0 };
  const results = await mapBounded([...unknown, beyond], concurrency, async (chunk) => {
    if (chunk === beyond && !unknown.includes(last)) return null;
    return searchByRefId(ctx, chunk.refId, read);
  });
  const searched = new Map<string, { found: Order | null }>();
  const differences: ConflictDifference[] = [];
  results.forEach((r, index) => {
    const chunk = index < unknown.length ? (unknown[index] as Chunk) : beyond;
    if (r.status !== 'fulfilled') {
      if (call.signal?.aborted) throw call.signal.reason;
      return;
    }
    const found = r.value;
    if (chunk === beyond) {
      if (found !== null)
        differences.push({ field: 'quantity', earlier: `more than ${plan.length} chunks`, now: plan.length });
      return;
    }
    if (found !== null && found.vouchers.length > 0 && found.vouchers.length !== chunk.quantity) {
      differences.push({ field: `${chunk.refId}.quantity`, earlier: found.vouchers.length, now: chunk.quantity });
    }
    searched.set(chunk.refId, { found });
  });
  if (differences.length > 0) throw new HuurayConflictError(ORDER_OPERATION, refId, differences);
  return searched;
}

const chunkField =
  (chunkRef: string) =>
  (d: ConflictDifference): ConflictDifference => ({ ...d, field: `${chunkRef}.${d.field}` });
