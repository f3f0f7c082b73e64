/** Currencies the sandbox knows, their minor-unit exponents and its exchange-rate table. */

/** Digits after the decimal point per ISO 4217 currency; JPY has none, KWD three. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  DKK: 2,
  EUR: 2,
  USD: 2,
  GBP: 2,
  SEK: 2,
  NOK: 2,
  PLN: 2,
  JPY: 0,
  KWD: 3,
};

/** The exponent of `currency`; 2 for a currency the table does not list (the common case). */
export function exponentOf(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

/** A rate as the API answers it, kept in millionths so conversions are exact integer arithmetic. */
export interface ExchangeRate {
  /** Units of the target currency per unit of the source currency, times 1,000,000. */
  rateMicros: number;
  /** Percent added on top when the sandbox converts a charge with this rate. */
  spreadPercent: number;
}

// Approximate mid-market values in EUR; realism matters less than being fixed and plausible.
const EUR_PER_UNIT: Readonly<Record<string, number>> = {
  EUR: 1,
  DKK: 0.1341,
  USD: 0.92,
  GBP: 1.17,
  SEK: 0.0874,
  NOK: 0.0853,
  PLN: 0.232,
  JPY: 0.00612,
  KWD: 2.99,
};

/** The key of a pair in the rate table. */
export function rateKey(from: string, to: string): string {
  return `${from}>${to}`;
}

/** Every ordered pair of known currencies: rate from the EUR table, spread 2% (0% to itself). */
export function defaultExchangeRates(): Map<string, ExchangeRate> {
  const rates = new Map<string, ExchangeRate>();
  for (const [from, fromEur] of Object.entries(EUR_PER_UNIT)) {
    for (const [to, toEur] of Object.entries(EUR_PER_UNIT)) {
      const same = from === to;
      rates.set(rateKey(from, to), {
        rateMicros: same ? 1_000_000 : Math.round((fromEur / toEur) * 1_000_000),
        spreadPercent: same ? 0 : 2,
      });
    }
  }
  return rates;
}
