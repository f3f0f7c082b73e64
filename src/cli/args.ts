import { InvalidArgumentError } from 'commander';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { formatMinor, toMinorUnits } from '../money.js';
import { usageError } from './exit-codes.js';

/** A commander parser for a positive whole number. */
export function positiveInt(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('must be a positive whole number');
  }
  return n;
}

/** A decimal amount such as `50.00` in minor units of `currency`; never rounded. */
export function amountMinor(amount: string, currency: string | undefined, flag = '--value'): number {
  if (currency === undefined) throw usageError(`${flag} needs --currency to know its decimal places`);
  try {
    return toMinorUnits(amount, currency.toUpperCase());
  } catch (error) {
    // The message of the library names its own field (`amount`, `currency`); the user typed a flag.
    const detail = error instanceof HuurayValidationError ? (error.issues[0]?.message ?? error.message) : String(error);
    const which = error instanceof HuurayValidationError && error.issues[0]?.path === 'currency' ? '--currency' : flag;
    throw usageError(`${which} ${detail}`);
  }
}

/** A help section of examples. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/**
 * `formatMinor` with plain spaces (Intl puts a no-break space after the code, which defeats grep), and
 * an amount in a currency the runtime does not know still shown, as minor units.
 */
export function money(minor: number, currency: string): string {
  try {
    return formatMinor(minor, currency).replace(/\u00a0/g, ' ');
  } catch {
    return `${minor} minor units of ${JSON.stringify(currency)}`;
  }
}

/** A discount as the CLI and the demo print it: `5%`, `7.2%`, `3.57%` (no sign; it is what you save). */
export function percent(value: number): string {
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: 2, useGrouping: false }).format(value)}%`;
}

/** A commander parser for an ISO 4217 code in any case (`dkk` is `DKK`); the flag is named when it is not one. */
export function currencyCode(text: string): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new InvalidArgumentError(
      `must be a 3-letter ISO 4217 currency code such as DKK, got ${JSON.stringify(text)}`,
    );
  }
  return code;
}

/** A commander parser for a TCP port, 1-65535 (out of range is a usage error, exit 2). */
export function port(text: string): number {
  const n = positiveInt(text);
  if (n > 65_535) throw new InvalidArgumentError('must be a port number from 1 to 65535');
  return n;
}
