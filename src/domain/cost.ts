import { currencyExponent } from '../money.js';

/**
 * What a gift card costs the account, as the CLI preview and the queue's budget both reckon it. One
 * module, so a preview and a budget cap never disagree about the same row.
 */

/** Cost of one card after a percentage discount, rounded up so an estimate never promises too much. */
export function discounted(valueMinor: number, discountPercent: number): number {
  const basisPoints = Math.round(discountPercent * 100);
  return Math.ceil((valueMinor * (10_000 - basisPoints)) / 10_000);
}

/** `amountMinor` of `from` in minor units of `to`, at `rate` plus `spreadPercent`, rounded up. */
export function convertUp(amountMinor: number, from: string, to: string, rate: number, spreadPercent: number): number {
  const major = amountMinor / 10 ** currencyExponent(from);
  return Math.ceil(major * rate * (1 + spreadPercent / 100) * 10 ** currencyExponent(to) - 1e-9);
}
