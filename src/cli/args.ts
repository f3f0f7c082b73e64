import { InvalidArgumentError } from 'commander';
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
    return toMinorUnits(amount, currency);
  } catch (error) {
    throw usageError(`${flag} ${error instanceof Error ? error.message.replace(/^Invalid amount: amount: /, '') : ''}`);
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
