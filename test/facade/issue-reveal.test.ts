import { describe, expect, it } from 'vitest';
import { HuurayConflictError, HuurayUnprocessableError, MemoryLedger, planChunks } from '../../src/index.js';
import { type FakeOptions, startFakeHuuray } from '../helpers/fake-huuray.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { closedAfterEach } from '../helpers/per-test.js';

const startFake = closedAfterEach(startFakeHuuray);

async function setup(options: FakeOptions = {}) {
  const fake = await startFake(options);
  const huuray = fastHuuray(fake.url, {
    reconcile: { settleDelayMs: 50, checks: 2 },
  });
  return { fake, huuray };
}

const codes = { productToken: 'prod_abc', valueMinor: 10000, currency: 'DKK' } as const;

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
    const { fake, huuray } = await setup({ orderFaults: ['ok', 'drop-after-store'] });
    const result = await huuray.issue({ ...codes, quantity: 60, refId: 'q1', concurrency: 2 });
    expect(result.complete).toBe(true);
    expect(result.vouchers).toHaveLength(60);
    expect(new Set(result.vouchers.map((v) => v.id)).size).toBe(60);
    expect(fake.orders.map((o) => o.RefID).sort()).toEqual(['q1.1', 'q1.2', 'q1.3']);
    expect(fake.count('/v4/Order')).toBe(3);
  });

  it('completes the rest on a second call after a failure, without duplicating a chunk', async () => {
    const { fake, huuray } = await setup({ orderFaults: ['ok', 'unprocessable'] });
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
    expect(fake.orders.map((o) => o.RefID).sort()).toEqual(['q2.1', 'q2.2', 'q2.3']);
  });

  it('refuses a refId reused with a different quantity with HuurayConflictError, before any order', async () => {
    const { fake, huuray } = await setup();
    await huuray.issue({ ...codes, quantity: 30, refId: 'q3' });
    // This process's ledger knows the refId: the conflict needs no request at all.
    const requests = fake.requests.length;
    const error = await huuray.issue({ ...codes, quantity: 50, refId: 'q3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayConflictError);
    expect((error as HuurayConflictError).differences).toContainEqual({ field: 'q3.2.quantity', earlier: 5, now: 25 });
    expect(fake.requests.length).toBe(requests);
    // Another process (a fresh ledger) learns it by search, still before any order.
    const fresh = fastHuuray(fake.url, { ledger: new MemoryLedger(), reconcile: { settleDelayMs: 50, checks: 2 } });
    await expect(fresh.issue({ ...codes, quantity: 50, refId: 'q3' })).rejects.toBeInstanceOf(HuurayConflictError);
    await expect(fresh.issue({ ...codes, quantity: 25, refId: 'q3' })).rejects.toThrow(/more than 1 chunks/);
    expect(fake.count('/v4/Order')).toBe(2);
  });
});

describe('revealCodes', () => {
  it('fetches every code one VoucherID at a time, since a search by order shows none', async () => {
    const { fake, huuray } = await setup();
    const order = await huuray.orders.create({ ...codes, quantity: 5, sync: false, refId: 'r1' });
    const blank = await huuray.orders.find({ orderUid: order.orderUid });
    expect(blank?.vouchers.every((v) => v.code === null)).toBe(true);
    const revealed = await huuray.revealCodes(order.orderUid, { concurrency: 2 });
    expect(revealed.map((v) => v.code)).toEqual(fake.orders[0]?.Vouchers.map((v) => v.Code));
    expect(fake.count('/v4/Search')).toBe(1 + 1 + 5);
  });
});
