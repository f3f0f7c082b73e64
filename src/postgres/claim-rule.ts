import type { LedgerState } from '../ledger/types.js';
import type { EntryRow } from './rows.js';

/** What a claim does to an existing entry, decided while its row is locked. */
export type ClaimStep =
  | { readonly kind: 'answer'; readonly answer: 'done' | 'held' | 'conflict' }
  | {
      readonly kind: 'take';
      readonly previous: LedgerState;
      /** The entry was in flight under a lease that has ended: it becomes in doubt before it is taken. */
      readonly leaseEnded: boolean;
    };

/**
 * The claim rules of `Ledger` (src/ledger/types.ts) for an entry that exists, given the database's
 * clock. A live lease answers `held` whoever asks, the holder included: a holder that wants more time
 * renews, so one refId can never be claimed twice at once, even by two calls that share a holder name.
 */
export function claimStep(row: EntryRow, fingerprint: string, now: Date): ClaimStep {
  // Nothing was stored for a refused refId, so anyone may take it, with a new intent if need be.
  if (row.state === 'refused') return { kind: 'take', previous: 'refused', leaseEnded: false };
  if (row.fingerprint !== fingerprint) return { kind: 'answer', answer: 'conflict' };
  if (row.state === 'done') return { kind: 'answer', answer: 'done' };
  if (row.state === 'in-doubt') return { kind: 'take', previous: 'in-doubt', leaseEnded: false };
  const leaseLive = row.lease_until !== null && row.lease_until.getTime() > now.getTime();
  if (leaseLive) return { kind: 'answer', answer: 'held' };
  return { kind: 'take', previous: 'in-doubt', leaseEnded: true };
}
