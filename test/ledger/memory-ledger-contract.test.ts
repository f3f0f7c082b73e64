import { MemoryLedger } from '../../src/ledger/memory-ledger.js';
import { describeLedgerContract } from './ledger-contract-real-clock.js';

// The same contract as the PostgreSQL store (test/postgres/ledger-contract.test.ts), for the default
// in-process store: concurrent calls of one process share one Map, so "another process" is the same object.
describeLedgerContract('memory', { open: async () => new MemoryLedger() });
