import { formatMinor } from '../money.js';

/** An amount for messages; a currency the runtime does not know is still shown, in minor units. */
export function money(minor: number, currency: string): string {
  try {
    return formatMinor(minor, currency).replace(/\u00a0/g, ' ');
  } catch {
    return `${minor} minor units of ${currency}`;
  }
}
