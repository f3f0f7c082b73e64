/**
 * One "replica" of a service that sends rewards: the child process of the multi-process proofs
 * (test/proof/*.test.ts). It sends every refId of PROOF_REFIDS through `Huuray.send` with the shared
 * PostgreSQL ledger, in its own shuffled order, and, as a job queue would, tries an in-doubt refId
 * again once its quarantine is over. It prints `sent <refId> <source>` per refId, then one JSON summary.
 */
import { Huuray, HuurayIndeterminateOrderError } from '../../src/index.js';
import { postgresLedger } from '../../src/postgres/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};
const num = (name: string): number => Number(env(name));

const refIds = env('PROOF_REFIDS').split(',');
const seed = num('PROOF_SEED');
const concurrency = num('PROOF_CONCURRENCY');
const maxCalls = num('PROOF_MAX_CALLS');
const product = { productToken: env('PROOF_PRODUCT'), valueMinor: num('PROOF_VALUE'), currency: 'DKK' };
const templateId = num('PROOF_TEMPLATE');

const ledger = postgresLedger({ connectionString: env('PROOF_LEDGER_URL'), pollIntervalMs: 20 });
const huuray = new Huuray({
  token: env('HUURAY_API_TOKEN'),
  secret: env('HUURAY_API_SECRET'),
  baseUrl: env('HUURAY_BASE_URL'),
  ledger,
  orderTimeoutMs: num('PROOF_ORDER_TIMEOUT_MS'),
  retry: { baseDelayMs: 5, maxDelayMs: 50 },
  reconcile: {
    settleDelayMs: num('PROOF_SETTLE_DELAY_MS'),
    checks: num('PROOF_CHECKS'),
    quarantineMs: num('PROOF_QUARANTINE_MS'),
  },
});

// A seeded shuffle, so each process meets the refIds in another order and they collide mid-flight.
let state = seed >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const order = [...refIds];
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [order[i], order[j]] = [order[j] as string, order[i] as string];
}

const outcomes: Record<string, string> = {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendOne(refId: string): Promise<void> {
  for (let call = 1; call <= maxCalls; call++) {
    try {
      const placed = await huuray.send({
        ...product,
        templateId,
        recipient: { name: 'Proof', email: `${refId}@example.com` },
        refId,
      });
      outcomes[refId] = placed.source;
      process.stdout.write(`sent ${refId} ${placed.source}\n`);
      return;
    } catch (error) {
      if (!(error instanceof HuurayIndeterminateOrderError)) {
        outcomes[refId] = `error:${error instanceof Error ? error.name : 'unknown'}`;
        process.stdout.write(`failed ${refId} ${outcomes[refId]}\n`);
        return;
      }
      outcomes[refId] = 'in-doubt';
      const at = error.resendableAt?.getTime() ?? Date.now();
      await sleep(Math.max(0, at - Date.now()) + 10);
    }
  }
}

let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < order.length) await sendOne(order[next++] as string);
  }),
);
await ledger.close();
process.stdout.write(`${JSON.stringify({ outcomes })}\n`);
