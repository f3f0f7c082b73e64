import type { Transport } from './core/transport.js';
import type { Ledger } from './ledger/types.js';
import type { CallDefaults } from './options/call-options.js';

/** What the facade's parts share. Internal. */
export interface FacadeContext {
  readonly transport: Transport;
  readonly defaults: CallDefaults;
  /** Every placing path claims its refId here before the first order request. */
  readonly ledger: Ledger;
  /** Names this client instance as a ledger holder (random, never a credential). */
  readonly holderId: string;
}
