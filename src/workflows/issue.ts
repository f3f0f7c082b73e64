import { z } from 'zod';
import type { FacadeContext, ReconcileOptions } from '../context.js';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import type { CallOptions } from '../core/transport.js';
import type { Voucher } from '../domain/order.js';
import { currency, positiveInt32, productToken, refId, valueMinor } from '../inputs/fields.js';
import { MAX_SYNC_QUANTITY, orderInput } from '../inputs/order-input.js';
import { parseInput } from '../inputs/parse.js';
import { ORDER_OPERATION } from '../orders.js';
import { type PlacedOrder, placeOnce } from './place-once.js';
import { mapBounded } from './pool.js';

export const issueInput = z.strictObject({
  productToken,
  valueMinor,
  currency,
  quantity: positiveInt32('number of codes').max(100_000, { error: 'must be at most 100,000 per call' }),
  /** Chunk i (from 1) is ordered with RefID `${refId}.${i}`; keep the suffix room within 100 characters. */
  refId: refId.max(90, { error: 'must be at most 90 characters (chunk suffixes are added)' }),
  concurrency: z.int().min(1).max(16).optional(),
});

/** Codes without delivery: any quantity, as sync orders of at most 25. */
export type IssueInput = z.input<typeof issueInput>;

/** One sync order of an `issue` call. */
export type IssueChunk =
  | {
      /** `refId.1`, `refId.2`, ...: each chunk's own RefID. */
      readonly refId: string;
      /** Codes in this chunk, at most 25. */
      readonly quantity: number;
      /** The order exists (placed now or found). */
      readonly state: 'done';
      /** The chunk's order with its vouchers. */
      readonly order: PlacedOrder;
    }
  | {
      /** `refId.1`, `refId.2`, ...: each chunk's own RefID. */
      readonly refId: string;
      /** Codes in this chunk, at most 25. */
      readonly quantity: number;
      /** The chunk failed; calling `issue` again with the same `refId` retries it safely. */
      readonly state: 'failed';
      /** Why, usually a `HuurayError`. */
      readonly error: unknown;
    }
  | {
      /** `refId.1`, `refId.2`, ...: each chunk's own RefID. */
      readonly refId: string;
      /** Codes in this chunk, at most 25. */
      readonly quantity: number;
      /** Not tried, because the call was aborted first. */
      readonly state: 'not-attempted';
    };

/** What `issue` did, chunk by chunk. */
export interface IssueResult {
  /** The `refId` of the call; chunks append `.1`, `.2`, ... */
  readonly refId: string;
  /** Codes asked for. */
  readonly quantity: number;
  /** Every chunk done: `vouchers` holds `quantity` vouchers. */
  readonly complete: boolean;
  /** Every chunk's outcome, in order. */
  readonly chunks: IssueChunk[];
  /** The vouchers of every done chunk, in chunk order. Codes are bearer money: never log them. */
  readonly vouchers: Voucher[];
}

export interface IssueOptions extends CallOptions {
  /** Reconciliation settings for this call, over the client's. */
  readonly reconcile?: Partial<ReconcileOptions> | undefined;
}

/** The deterministic chunk plan: sizes 25, 25, ..., rest; RefIDs `${refId}.1`, `${refId}.2`, ... */
export function planChunks(refId: string, quantity: number): { refId: string; quantity: number }[] {
  const count = Math.ceil(quantity / MAX_SYNC_QUANTITY);
  return Array.from({ length: count }, (_, i) => ({
    refId: `${refId}.${i + 1}`,
    quantity: i === count - 1 ? quantity - MAX_SYNC_QUANTITY * (count - 1) : MAX_SYNC_QUANTITY,
  }));
}

/**
 * Issues `quantity` codes as sync orders of at most 25, each placed exactly once (see `send`). A chunk
 * that already exists is taken as it is, so calling again with the same `refId` after a failure completes
 * the rest without duplicating anything. After the first failed chunk no new chunk is started.
 */
export async function issue(ctx: FacadeContext, input: IssueInput, options: IssueOptions = {}): Promise<IssueResult> {
  const i = parseInput(issueInput, input, 'issue input', ORDER_OPERATION);
  const reconcile = { ...ctx.reconcile, ...options.reconcile, checkExisting: true };
  const plan = planChunks(i.refId, i.quantity);
  const settled = await mapBounded(
    plan,
    i.concurrency ?? 4,
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
      const placed = await placeOnce(ctx, { ...order, refId: chunk.refId }, options, reconcile);
      if (placed.vouchers.length !== chunk.quantity) {
        throw new HuurayValidationError('issue', [
          {
            path: 'quantity',
            message: `order ${chunk.refId} holds ${placed.vouchers.length} vouchers, not ${chunk.quantity}; was this refId used with another quantity?`,
          },
        ]);
      }
      return placed;
    },
    true,
  );
  const chunks: IssueChunk[] = settled.map((s, index) => {
    const { refId: chunkRef, quantity } = plan[index] as { refId: string; quantity: number };
    if (s.status === 'fulfilled') return { refId: chunkRef, quantity, state: 'done', order: s.value };
    if (s.status === 'rejected') return { refId: chunkRef, quantity, state: 'failed', error: s.reason };
    return { refId: chunkRef, quantity, state: 'not-attempted' };
  });
  return {
    refId: i.refId,
    quantity: i.quantity,
    complete: chunks.every((c) => c.state === 'done'),
    chunks,
    vouchers: chunks.flatMap((c) => (c.state === 'done' ? c.order.vouchers : [])),
  };
}
