import type { Balance } from '../domain/balance.js';
import type { Product } from '../domain/catalogue.js';
import type { Huuray } from '../huuray.js';
import { currencyExponent } from '../money.js';
import { money as formatMinor, percent } from './args.js';
import type { Output } from './output.js';

/** Gift cards of one product and face value that a command is about to buy. */
export interface Purchase {
  readonly productToken: string;
  readonly currency: string;
  readonly valueMinor: number;
  readonly count: number;
  /** Which rows these are (campaigns), for messages. */
  readonly rows?: string | undefined;
}

/** What the purchases cost in one currency, and the balance around them. */
export interface SpendPreview {
  readonly currency: string;
  readonly count: number;
  readonly faceMinor: number;
  /** After the product's discount; `null` when the product was not in the account's catalogue. */
  readonly costMinor: number | null;
  readonly discountPercent: number | null;
  /** The balance that pays: the one in `currency`, else the master balance (see `charge`). */
  readonly balanceBeforeMinor: number | null;
  /** Face value is assumed where the discount is unknown, so this errs on the side of too little. */
  readonly balanceAfterMinor: number | null;
  /**
   * Set when the account has no `currency` balance: an estimate of what the master balance pays, at
   * today's rate plus spread, rounded up. `null` when there is no master balance or rate either.
   */
  readonly charge: {
    readonly currency: string;
    readonly estimateMinor: number;
    readonly rate: number;
    readonly spreadPercent: number;
  } | null;
}

/** `amountMinor` of `from` in minor units of `to`, at `rate` plus `spreadPercent`, rounded up. */
export function convertUp(amountMinor: number, from: string, to: string, rate: number, spreadPercent: number): number {
  const major = amountMinor / 10 ** currencyExponent(from);
  return Math.ceil(major * rate * (1 + spreadPercent / 100) * 10 ** currencyExponent(to) - 1e-9);
}

/** Cost of one card after a percentage discount, rounded up so a preview never promises too much. */
export function discounted(valueMinor: number, discountPercent: number): number {
  const basisPoints = Math.round(discountPercent * 100);
  return Math.ceil((valueMinor * (10_000 - basisPoints)) / 10_000);
}

/** Looks up discounts (catalogue) and balances, unless given, and totals `purchases` per currency. */
export async function previewSpend(
  huuray: Huuray,
  purchases: readonly Purchase[],
  known?: { readonly products: readonly Product[]; readonly balances: readonly Balance[] },
): Promise<SpendPreview[]> {
  const [products, balances] =
    known === undefined
      ? await Promise.all([huuray.catalogue({ all: false }), huuray.balances()])
      : [known.products, known.balances];
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
  const master = balances.find((b) => b.master) ?? null;
  return Promise.all(
    [...byCurrency.entries()].map(async ([currency, e]): Promise<SpendPreview> => {
      const own = balances.find((b) => b.currency === currency) ?? null;
      let charge: SpendPreview['charge'] = null;
      let payer = own;
      if (own === null && master !== null) {
        // Huuray charges the master balance for a currency the account holds none of; estimate it.
        const rate = await huuray.exchangeRate({ from: currency, to: master.currency }).catch(() => null);
        if (rate !== null) {
          const estimateMinor = convertUp(e.cost, currency, master.currency, rate.rate, rate.spreadPercent);
          charge = { currency: master.currency, estimateMinor, rate: rate.rate, spreadPercent: rate.spreadPercent };
          payer = master;
        }
      }
      const spent = charge === null ? e.cost : charge.estimateMinor;
      return {
        currency,
        count: e.count,
        faceMinor: e.face,
        costMinor: e.known ? e.cost : null,
        discountPercent: e.known && e.discounts.size === 1 ? ([...e.discounts][0] ?? null) : null,
        balanceBeforeMinor: payer?.amountMinor ?? null,
        balanceAfterMinor: payer === null ? null : payer.amountMinor - spent,
        charge,
      };
    }),
  );
}

/** Prints the preview: count, face value, cost after discount, balance before and after, per currency. */
export function printPreview(out: Output, what: string, previews: readonly SpendPreview[]): void {
  out.say(out.style('bold', what));
  for (const p of previews) {
    const cost =
      p.costMinor === null
        ? `discount unknown (product not in your catalogue); up to ${formatMinor(p.faceMinor, p.currency)}`
        : `${formatMinor(p.costMinor, p.currency)} after ${p.discountPercent === null ? 'discounts' : `${percent(p.discountPercent)} discount`}`;
    out.say(`  ${p.count} gift card(s), face value ${formatMinor(p.faceMinor, p.currency)}; cost ${cost}`);
    const payIn = p.charge?.currency ?? p.currency;
    if (p.charge !== null) {
      out.say(
        `  no ${p.currency} balance: charged to ${p.charge.currency}, about ${formatMinor(p.charge.estimateMinor, p.charge.currency)} at ${p.charge.rate} + ${p.charge.spreadPercent}% spread (estimate)`,
      );
    }
    if (p.balanceBeforeMinor === null || p.balanceAfterMinor === null) {
      out.say(`  no ${p.currency} balance and no exchange rate to a master balance: the charge cannot be estimated`);
    } else {
      out.say(`  balance ${formatMinor(p.balanceBeforeMinor, payIn)} -> ${formatMinor(p.balanceAfterMinor, payIn)}`);
    }
  }
}

/** One reason per currency whose known balance would go below zero. */
export function shortfalls(previews: readonly SpendPreview[]): string[] {
  return previews
    .filter((p) => p.balanceAfterMinor !== null && p.balanceAfterMinor < 0)
    .map((p) => {
      const payIn = p.charge?.currency ?? p.currency;
      return `insufficient balance: ${payIn} needs ${formatMinor(-(p.balanceAfterMinor ?? 0), payIn)} more${p.charge === null ? '' : ' (estimate)'}`;
    });
}
