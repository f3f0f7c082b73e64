import { HuurayValidationError } from './core/errors/validation-error.js';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * Digits after the decimal point in `currency` (ISO 4217 minor-unit exponent): DKK 2, JPY 0, KWD 3.
 * Taken from the runtime's Intl data so it needs no table of its own.
 */
export function currencyExponent(currency: string): number {
  if (!CURRENCY.test(currency)) {
    throw new HuurayValidationError('currency', [
      { path: 'currency', message: 'must be a 3-letter ISO 4217 code such as DKK' },
    ]);
  }
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Converts a decimal amount to integer minor units without floating-point arithmetic:
 * `toMinorUnits('50.25', 'DKK')` is `5025`, `toMinorUnits('500', 'JPY')` is `500`.
 * More decimals than the currency has (`'50.255'` DKK) is an error, never rounded.
 */
export function toMinorUnits(amount: string | number, currency: string): number {
  const exponent = currencyExponent(currency);
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  const fail = (message: string) => new HuurayValidationError('amount', [{ path: 'amount', message }]);
  if (!match) throw fail(`must be a non-negative decimal number such as 50.25, got ${JSON.stringify(String(amount))}`);
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw fail(`${currency} has ${exponent} decimal places; ${text} has more and is not rounded`);
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw fail('is too large');
  return minor;
}

/** Formats integer minor units for people: `formatMinor(5025, 'DKK')` is `DKK 50.25` (locale-dependent). */
export function formatMinor(minor: number, currency: string, locale = 'en'): string {
  if (!Number.isSafeInteger(minor)) {
    throw new HuurayValidationError('amount', [{ path: 'minor', message: 'must be an integer number of minor units' }]);
  }
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  })
    .format(minor / 10 ** exponent)
    .replace(/\u00a0/g, ' '); // Intl's no-break space breaks column alignment and grep in logs and CLI tables
}
