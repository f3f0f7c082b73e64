import { MemoryLedger } from './memory-ledger.js';
import type { Ledger } from './types.js';

/**
 * The default ledger, one per account and base URL in this process. Shared rather than per instance:
 * a service that builds a `Huuray` per request (or two libraries that each build one) would otherwise
 * place one refId once per instance. Keyed by base URL and token; neither leaves this module.
 */
const ledgers = new Map<string, MemoryLedger>();

export function sharedMemoryLedger(baseUrl: string, token: string): Ledger {
  const key = `${baseUrl}\n${token}`;
  let ledger = ledgers.get(key);
  if (ledger === undefined) {
    ledger = new MemoryLedger();
    ledgers.set(key, ledger);
  }
  return ledger;
}
