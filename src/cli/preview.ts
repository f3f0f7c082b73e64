import type { Huuray } from '../huuray.js';
import { money as formatMinor } from './args.js';
import { CliExit, ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** Gift cards of one product and face value that a command is about to buy. */
export interface Purchase {
  readonly productToken: string;
  readonly currency: string;
  readonly valueMinor: number;
  readonly count: number;
}

/** What the purchases cost in one currency, and the balance around them. */
export interface SpendPreview {
  readonly currency: string;
  readonly count: number;
  readonly faceMinor: number;
  /** After the product's discount; `null` when the product was not in the account's catalogue. */
  readonly costMinor: number | null;
  readonly discountPercent: number | null;
  readonly balanceBeforeMinor: number | null;
  /** Face value is assumed where the discount is unknown, so this errs on the side of too little. */
  readonly balanceAfterMinor: number | null;
}

/** Cost of one card after a percentage discount, rounded up so a preview never promises too much. */
export function discounted(valueMinor: number, discountPercent: number): number {
  const basisPoints = Math.round(discountPercent * 100);
  return Math.ceil((valueMinor * (10_000 - basisPoints)) / 10_000);
}

/** Looks up discounts (catalogue) and balances and totals `purchases` per currency. */
export async function previewSpend(huuray: Huuray, purchases: readonly Purchase[]): Promise<SpendPreview[]> {
  const [products, balances] = await Promise.all([huuray.catalogue({ all: false }), huuray.balances()]);
  const byCurrency = new Map<
    string,
    { count: number; face: number; cost: number; known: boolean; discounts: Set<number> }
  >();
  for (const p of purchases) {
    const product = products.find((x) => x.productToken === p.productToken);
    const discount = product?.discountPercent ?? null;
    const entry = byCurrency.get(p.currency) ?? { count: 0, face: 0, cost: 0, known: true, discounts: new Set() };
    entry.count += p.count;
    entry.face += p.valueMinor * p.count;
    entry.cost += (discount === null ? p.valueMinor : discounted(p.valueMinor, discount)) * p.count;
    entry.known &&= discount !== null;
    if (discount !== null) entry.discounts.add(discount);
    byCurrency.set(p.currency, entry);
  }
  return [...byCurrency.entries()].map(([currency, e]) => {
    const balance = balances.find((b) => b.currency === currency)?.amountMinor ?? null;
    return {
      currency,
      count: e.count,
      faceMinor: e.face,
      costMinor: e.known ? e.cost : null,
      discountPercent: e.known && e.discounts.size === 1 ? ([...e.discounts][0] ?? null) : null,
      balanceBeforeMinor: balance,
      balanceAfterMinor: balance === null ? null : balance - e.cost,
    };
  });
}

/** Prints the preview: count, face value, cost after discount, balance before and after, per currency. */
export function printPreview(out: Output, what: string, previews: readonly SpendPreview[]): void {
  out.say(out.style('bold', what));
  for (const p of previews) {
    const cost =
      p.costMinor === null
        ? `discount unknown (product not in your catalogue); up to ${formatMinor(p.faceMinor, p.currency)}`
        : `${formatMinor(p.costMinor, p.currency)} after ${p.discountPercent === null ? 'discounts' : `${p.discountPercent}% discount`}`;
    out.say(`  ${p.count} gift card(s), face value ${formatMinor(p.faceMinor, p.currency)}; cost ${cost}`);
    if (p.balanceBeforeMinor === null || p.balanceAfterMinor === null) {
      out.say(`  no ${p.currency} balance on the account: it will be charged in another currency (not estimated)`);
    } else {
      out.say(
        `  balance ${formatMinor(p.balanceBeforeMinor, p.currency)} -> ${formatMinor(p.balanceAfterMinor, p.currency)}`,
      );
    }
  }
}

/** Refuses (exit 1) before anything is sent when a known balance would go below zero. */
export function assertAffordable(previews: readonly SpendPreview[]): void {
  const short = previews.filter((p) => p.balanceAfterMinor !== null && p.balanceAfterMinor < 0);
  if (short.length > 0) {
    const detail = short
      .map((p) => `${p.currency} needs ${formatMinor(-(p.balanceAfterMinor ?? 0), p.currency)} more`)
      .join('; ');
    throw new CliExit(ExitCode.apiError, `insufficient balance (${detail}); nothing was sent`);
  }
}
