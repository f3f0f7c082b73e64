/**
 * Whether an order found by RefID is the reward asked for. The search answer carries the vouchers and
 * their recipients but not the product, value or currency: quantity and recipients are compared from
 * it, the product with one more search filtered by product token. Value and currency can only be
 * compared by the ledger's fingerprint (the same refId used in this process, or a durable store).
 */
import type { FacadeContext } from '../context.js';
import type { ConflictDifference } from '../core/errors/conflict-error.js';
import type { Order } from '../domain/order.js';
import type { RecipientInput } from '../inputs/fields.js';
import type { ResolvedCall } from '../options/call-options.js';
import { searchByRefId, UntrustedSearchError } from '../primitives/search.js';

/** What the caller asked for, as far as a found order can show it. */
export interface Expected {
  readonly productToken: string;
  readonly quantity: number;
  readonly recipients: readonly RecipientInput[];
}

const norm = (value: string | null | undefined) => (value ?? '').trim().toLowerCase();

export async function foundOrderDifferences(
  ctx: FacadeContext,
  refId: string,
  found: Order,
  expected: Expected,
  call: ResolvedCall,
): Promise<ConflictDifference[]> {
  const differences: ConflictDifference[] = [];
  // A pending async order is found with no vouchers yet: its size cannot be told, only its product.
  if (found.vouchers.length > 0 && found.vouchers.length !== expected.quantity) {
    differences.push({ field: 'quantity', earlier: found.vouchers.length, now: expected.quantity });
  }
  const wanted = expected.recipients;
  if (wanted.length > 0) {
    found.vouchers.forEach((voucher, i) => {
      const r = voucher.recipient;
      const want = wanted.length === 1 ? wanted[0] : wanted[i];
      if (r === null || want === undefined) return;
      const emailDiffers = want.email !== undefined && r.email != null && norm(r.email) !== norm(want.email);
      const phoneDiffers = want.phone !== undefined && r.phone != null && norm(r.phone) !== norm(want.phone);
      if ((emailDiffers || phoneDiffers) && !differences.some((d) => d.field === 'recipient')) {
        // Never repeat a recipient's address in an error: say which one of this call's differs.
        differences.push({ field: 'recipient', earlier: 'another recipient', now: `recipient ${i + 1} of this call` });
      }
    });
  }
  if (differences.length === 0 && !(await sameProduct(ctx, refId, expected.productToken, call))) {
    differences.push({ field: 'productToken', earlier: 'another product', now: expected.productToken });
  }
  return differences;
}

/**
 * Whether the order with `refId` has `productToken`, asked by a search filtered by both. Only three
 * "no match" answers in a row say it has another product: a stale 404 must not turn the caller's own
 * order into a conflict. An answer that ignored its filter proves nothing, so no conflict is claimed.
 */
async function sameProduct(
  ctx: FacadeContext,
  refId: string,
  productToken: string,
  call: ResolvedCall,
): Promise<boolean> {
  for (let check = 0; check < 3; check++) {
    try {
      if ((await searchByRefId(ctx, refId, call, { productToken })) !== null) return true;
    } catch (error) {
      if (error instanceof UntrustedSearchError) return true;
      throw error;
    }
  }
  return false;
}
