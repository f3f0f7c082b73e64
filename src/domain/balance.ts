import type { Wire } from './wire.js';

/** Money available on the account in one currency. */
export interface Balance {
  /** ISO 4217 code, e.g. `DKK`. */
  readonly currency: string;
  /** Available amount in minor units (`12345` DKK is 123.45 kr.). */
  readonly amountMinor: number;
  /** Whether this is the account's master currency. */
  readonly master: boolean;
}

export function toBalances(response: Wire<'zBalanceResponse'>): Balance[] {
  return (response.Balances ?? []).map((b) => ({
    currency: b.Currency ?? '',
    amountMinor: b.Balance ?? 0,
    master: b.Master ?? false,
  }));
}
