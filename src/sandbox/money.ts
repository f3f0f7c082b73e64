/**
 * The charging rule, in integer minor units throughout (BigInt where products could pass 2^53):
 *
 * 1. cost = Value x Quantity x (1 - Discount / 100), in the order's currency, rounded to the nearest
 *    minor unit with halves rounded up (Discount has two decimals, so it is used as basis points).
 * 2. When the account holds a balance in the order's currency, that balance pays `cost`.
 * 3. Otherwise the master balance pays cost x rate x (1 + spread / 100), shifted between the two
 *    currencies' exponents and rounded the same way.
 *
 * Cancel refunds each cancelled voucher's share of what was charged; the shares are split so they
 * add up to the charge exactly.
 */
import { type ExchangeRate, exponentOf } from './currency.js';

/** Integer division of non-negative values, rounding halves up. */
function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Step 1 of the rule: what the vouchers cost in the order's currency, in its minor units. */
export function orderCost(value: number, quantity: number, discountPercent: number): number {
  const basisPoints = BigInt(Math.round(discountPercent * 100));
  const gross = BigInt(value) * BigInt(quantity);
  return Number(divideRoundHalfUp(gross * (10_000n - basisPoints), 10_000n));
}

/** Step 3 of the rule: `amount` minor units of `from` as minor units of `to`, spread included. */
export function convert(amount: number, from: string, to: string, rate: ExchangeRate): number {
  const shift = exponentOf(to) - exponentOf(from);
  let numerator = BigInt(amount) * BigInt(rate.rateMicros) * BigInt(100 + rate.spreadPercent);
  let denominator = 1_000_000n * 100n;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return Number(divideRoundHalfUp(numerator, denominator));
}

/** `total` split into `parts` integers that add up to it exactly; the first ones carry the remainder. */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const remainder = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1 : 0));
}
