/**
 * `send()` in a process that has sent for a long time, against a fresh client: the default memory
 * ledger at its limit of settled refIds and the scrubber's memory of voucher codes full, both of which
 * forget their oldest entry on every send from then on. The ratio should stay near 1: the cost of a
 * send must not grow with the sends before it.
 */
import { fingerprintIntent, Huuray, MemoryLedger } from '../src/index.js';
import { type BareRowOrder, type BareRowTarget, eachRow } from './bare-row.js';
import { CpuShares } from './cpu-shares.js';
import { compare, type Table } from './harness.js';

/** The memory ledger's default limit of settled entries, and the scrubber's of remembered codes. */
const LEDGER_LIMIT = 100_000;
const REMEMBERED_CODES = 10_000;

/** Sends `rows` gift cards with `send()`, `concurrency` at a time, RefIDs `${name}-r${i}`. */
export async function sendEach(
  huuray: Huuray,
  job: BareRowOrder & { readonly rows: number; readonly name: string; readonly concurrency: number },
): Promise<void> {
  await eachRow(job.rows, job.concurrency, async (i) => {
    await huuray.send({
      productToken: job.productToken,
      valueMinor: job.valueMinor,
      currency: job.currency,
      templateId: job.templateId,
      refId: `${job.name}-r${i}`,
      recipient: { name: `Person ${i}`, email: `person${i}@example.com` },
    });
  });
}

/** A ledger already holding `LEDGER_LIMIT` settled refIds, as after that many sends. */
async function fullLedger(order: BareRowOrder): Promise<MemoryLedger> {
  const ledger = new MemoryLedger();
  const intent = { ...order, quantity: 1, recipientsDigest: null };
  const fingerprint = await fingerprintIntent(intent);
  for (let i = 0; i < LEDGER_LIMIT; i++) {
    const refId = `earlier-${i}`;
    await ledger.claim(refId, fingerprint, intent, 'earlier', 60_000);
    await ledger.settle(refId, 'earlier', { state: 'done', orderUid: `order-${i}` });
  }
  return ledger;
}

/** `send()` by a client that has sent a lot (full ledger, full memory of codes) / by a fresh one. */
export async function longLivedClient(
  target: BareRowTarget,
  order: BareRowOrder,
  rows: number,
  rounds: number,
  concurrency: number,
  sandboxCpuMicros: () => Promise<number>,
): Promise<Table> {
  const options = { token: target.token, secret: target.secret, baseUrl: target.url };
  const seasoned = new Huuray({ ...options, ledger: await fullLedger(order) });
  // Each code and redeem link of the vouchers received is remembered: twice the limit fills it.
  await seasoned.issue({
    productToken: order.productToken,
    valueMinor: order.valueMinor,
    currency: order.currency,
    quantity: REMEMBERED_CODES,
    refId: 'bench-fill-codes',
    concurrency: 16,
  });
  let run = 0;
  const cpu = new CpuShares();
  const table = await compare(
    `send() at concurrency ${concurrency} by a client that has sent a lot: ${LEDGER_LIMIT.toLocaleString('en')} settled refIds in its ledger, ${REMEMBERED_CODES.toLocaleString('en')} codes remembered`,
    [
      // A new client per sample, each with its own empty ledger.
      cpu.variant('fresh client', rows, sandboxCpuMicros, () =>
        sendEach(new Huuray({ ...options, ledger: new MemoryLedger() }), {
          ...order,
          rows,
          name: `bench-fresh-${++run}`,
          concurrency,
        }),
      ),
      cpu.variant('long-lived client', rows, sandboxCpuMicros, () =>
        sendEach(seasoned, { ...order, rows, name: `bench-seasoned-${++run}`, concurrency }),
      ),
    ],
    { rounds, warmup: 1, unit: 'ms' },
  );
  return cpu.columns(table, 'row');
}
