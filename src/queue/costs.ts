import { HuurayValidationError } from '../core/errors/validation-error.js';
import { convertUp, discounted } from '../domain/cost.js';
import type { Huuray } from '../huuray.js';

/** What one card of a given face value costs: in the budget's currency, and what the paying balance loses. */
export interface RowCost {
  /** In the budget's currency; `null` without a budget. */
  readonly costMinor: number | null;
  /** The estimate of what the paying balance loses (its own currency, else the master balance). */
  readonly chargeMinor: number | null;
  readonly chargeCurrency: string | null;
}

/**
 * Prices every face value of a campaign as the CLI preview does: the catalogue's discount (face value
 * when the product is not in the account's catalogue, so a budget errs on the side of stopping early),
 * converted at today's rate plus spread, rounded up, where the currency differs.
 */
export async function priceValues(
  huuray: Huuray,
  productToken: string,
  currency: string,
  values: readonly number[],
  budgetCurrency: string | null,
): Promise<Map<number, RowCost>> {
  const [products, balances] = await Promise.all([huuray.catalogue({ all: false }), huuray.balances()]);
  const discount = products.find((p) => p.productToken === productToken)?.discountPercent ?? null;
  const own = balances.find((b) => b.currency === currency) ?? null;
  const payer = own ?? balances.find((b) => b.master) ?? null;
  const rates = new Map<string, { rate: number; spreadPercent: number }>();
  const rateTo = async (to: string) => {
    const known = rates.get(to);
    if (known !== undefined) return known;
    const rate = await huuray.exchangeRate({ from: currency, to });
    rates.set(to, rate);
    return rate;
  };
  const convert = async (amount: number, to: string) => {
    if (to === currency) return amount;
    const rate = await rateTo(to).catch(() => {
      throw new HuurayValidationError('budget', [
        { path: 'budget.currency', message: `no exchange rate from ${currency} to ${to}: the cost cannot be reckoned` },
      ]);
    });
    return convertUp(amount, currency, to, rate.rate, rate.spreadPercent);
  };
  const prices = new Map<number, RowCost>();
  for (const value of new Set(values)) {
    const cost = discount === null ? value : discounted(value, discount);
    prices.set(value, {
      costMinor: budgetCurrency === null ? null : await convert(cost, budgetCurrency),
      chargeMinor: payer === null ? null : await convert(cost, payer.currency).catch(() => null),
      chargeCurrency: payer?.currency ?? null,
    });
  }
  return prices;
}
