import { describe, expect, it } from 'vitest';
import { Huuray, HuurayConflictError, HuurayUnprocessableError, MemoryLedger } from '../../src/index.js';
import { planChunks } from '../../src/workflows/issue.js';
import { sandboxSetup } from '../helpers/sandbox-huuray.js';

async function setup() {
  const s = await sandboxSetup({ reconcile: { settleDelayMs: 50, checks: 2, maxOrderAttempts: 2, quarantineMs: 0 } });
  const refIdsStored = (prefix: string) =>
    s.sandbox.state
      .orders()
      .map((o) => o.refId ?? '')
      .filter((r) => r.startsWith(prefix))
      .sort();
  const requests = (operation: 'Order' | 'Search') =>
    s.sandbox.state.requestLog.filter((e) => e.operation === operation).length;
  return { ...s, refIdsStored, requests };
}

describe('issue', () => {
  it('plans chunks of at most 25 with deterministic RefIDs', () => {
    expect(planChunks('batch', 60)).toEqual([
      { refId: 'batch.1', quantity: 25 },
      { refId: 'batch.2', quantity: 25 },
      { refId: 'batch.3', quantity: 10 },
    ]);
    expect(planChunks('batch', 25)).toEqual([{ refId: 'batch.1', quantity: 25 }]);
  });

  it('issues any quantity as sync orders, each exactly once', async () => {
    const { sandbox, huuray, codes, refIdsStored, requests } = await setup();
    sandbox.state.faults.next('Order', { kind: 'latency', ms: 0 });
    sandbox.state.faults.next('Order', 'drop-after-store');
    const result = await huuray.issue({ ...codes, quantity: 60, refId: 'q1', concurrency: 2 });
    expect(result.complete).toBe(true);
    expect(result.vouchers).toHaveLength(60);
    expect(new Set(result.vouchers.map((v) => v.id)).size).toBe(60);
    expect(refIdsStored('q1.')).toEqual(['q1.1', 'q1.2', 'q1.3']);
    expect(requests('Order')).toBe(3);
  });

  it('completes the rest on a second call after a failure, without duplicating a chunk', async () => {
    const { sandbox, huuray, codes, refIdsStored } = await setup();
    sandbox.state.faults.next('Order', { kind: 'latency', ms: 0 });
    sandbox.state.faults.next('Order', {
      kind: 'refuse',
      status: 422,
      message: 'You have nothing left on your account',
    });
    const first = await huuray.issue({ ...codes, quantity: 70, refId: 'q2', concurrency: 1 });
    expect(first.complete).toBe(false);
    expect(first.chunks.map((c) => c.state)).toEqual(['done', 'failed', 'not-attempted']);
    const failed = first.chunks[1];
    expect(failed?.state === 'failed' && failed.error).toBeInstanceOf(HuurayUnprocessableError);
    expect(first.vouchers).toHaveLength(25);

    const second = await huuray.issue({ ...codes, quantity: 70, refId: 'q2', concurrency: 1 });
    expect(second.complete).toBe(true);
    expect(second.vouchers).toHaveLength(70);
    expect(second.chunks[0]?.state === 'done' && second.chunks[0].order.source).toBe('existing');
    expect(refIdsStored('q2.')).toEqual(['q2.1', 'q2.2', 'q2.3']);
  });

  it('refuses a refId reused with a different quantity with HuurayConflictError, before any order', async () => {
    const { huuray, codes, sandbox } = await setup();
    await huuray.issue({ ...codes, quantity: 30, refId: 'q3' });
    // This process's ledger knows the refId: the conflict needs no request at all.
    const requests = sandbox.state.requestLog.length;
    const error = await huuray.issue({ ...codes, quantity: 50, refId: 'q3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayConflictError);
    expect((error as HuurayConflictError).differences).toContainEqual({ field: 'q3.2.quantity', earlier: 5, now: 25 });
    expect(sandbox.state.requestLog.length).toBe(requests);
    // Another process (a fresh ledger) learns it by search, still before any order.
    const fresh = new Huuray({
      token: sandbox.token,
      secret: sandbox.secret,
      baseUrl: sandbox.url,
      ledger: new MemoryLedger(),
    });
    await expect(fresh.issue({ ...codes, quantity: 50, refId: 'q3' })).rejects.toBeInstanceOf(HuurayConflictError);
    await expect(fresh.issue({ ...codes, quantity: 25, refId: 'q3' })).rejects.toThrow(/more than 1 chunks/);
    expect(sandbox.state.requestLog.filter((r) => r.operation === 'Order')).toHaveLength(2);
  });
});

describe('revealCodes', () => {
  it('fetches every code one VoucherID at a time, since a search by order shows none', async () => {
    const { sandbox, huuray, codes, requests } = await setup();
    const order = await huuray.orders.create({ ...codes, quantity: 5, sync: false, refId: 'r1' });
    await sandbox.state.settled(); // the async order's vouchers exist
    const blank = await huuray.orders.find({ orderUid: order.orderUid });
    expect(blank?.vouchers.every((v) => v.code === null)).toBe(true);
    const revealed = await huuray.revealCodes(order.orderUid, { concurrency: 2 });
    const stored = sandbox.state.order(order.orderUid)?.voucherIds.map((id) => sandbox.state.voucher(id)?.code);
    expect(revealed.map((v) => v.code)).toEqual(stored);
    expect(requests('Search')).toBe(1 + 1 + 5);
  });
});
