import { describe, expect, it } from 'vitest';
import {
  HuurayAuthenticationError,
  HuurayIndeterminateOrderError,
  HuurayResponseTooLargeError,
} from '../../src/index.js';
import { sandboxSetup } from '../helpers/sandbox-huuray.js';

describe('every order answer is checked before it is believed (issue 8)', () => {
  it('a 200 {} to an order that stored nothing is not "created": search, then send again', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', 'empty-object');
    const sent = await huuray.send(gift('empty-1'));
    expect(sent).toMatchObject({ source: 'created', orderRequests: 2 });
    expect(sent.orderUid).not.toBe('');
    expect(stored('empty-1')).toBe(1);
  });

  it('a 200 {} to an order that was stored is reconciled, never paid twice', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', { kind: 'empty-object', store: true });
    const sent = await huuray.send(gift('empty-2'));
    expect(sent).toMatchObject({ source: 'reconciled', orderRequests: 1, refId: 'empty-2' });
    expect(stored('empty-2')).toBe(1);
  });

  it('orders.create turns a {} answer into HuurayIndeterminateOrderError', async () => {
    const { sandbox, huuray, order } = await sandboxSetup();
    sandbox.state.faults.next('Order', 'empty-object');
    const error = await huuray.orders.create(order('empty-3')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
  });

  it('an answer naming another RefID is reconciled by search', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', 'foreign-refid');
    const sent = await huuray.send(gift('foreign-1'));
    expect(sent).toMatchObject({ source: 'reconciled', refId: 'foreign-1', orderRequests: 1 });
    expect(stored('foreign-1')).toBe(1);
  });

  it('a search answering RefID null is no match, even with an unrelated order stored', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    await huuray.send(gift('someone-else'));
    sandbox.state.faults.next('Search', 'null-refid-search');
    const error = await huuray.send(gift('null-ref-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(stored('null-ref-1')).toBe(0);
  });

  it('a search answering RefID null after a lost answer is no proof either way: nothing is sent again', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', 'drop-after-store');
    sandbox.state.faults.next('Search', 'error-before-store'); // the pre-check is retried past this
    sandbox.state.faults.next('Search', 'stale-404');
    sandbox.state.faults.next('Search', 'null-refid-search');
    const error = await huuray.send(gift('null-ref-2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(stored('null-ref-2')).toBe(1);
  });

  it('an oversized order answer is ambiguous and reconciled; reading stops at the limit', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup({ orderTimeoutMs: 20_000 });
    sandbox.state.faults.next('Order', { kind: 'oversized-body', bytes: 200_000_000 });
    const sent = await huuray.send(gift('big-1'));
    expect(sent).toMatchObject({ source: 'reconciled', orderRequests: 1 });
    expect(stored('big-1')).toBe(1);
  });

  it('a read over its limit is HuurayResponseTooLargeError, streamed or declared', async () => {
    const { sandbox, huuray } = await sandboxSetup({ maxResponseBytes: { Balance: 4096 } });
    sandbox.state.faults.next('Balance', { kind: 'oversized-body', bytes: 5_000 });
    await expect(huuray.balances()).rejects.toBeInstanceOf(HuurayResponseTooLargeError);
    sandbox.state.faults.next('Balance', { kind: 'oversized-body', bytes: 5_000, declareLength: true });
    await expect(huuray.balances()).rejects.toMatchObject({ name: 'HuurayResponseTooLargeError', limitBytes: 4096 });
    expect((await huuray.balances()).length).toBeGreaterThan(0);
  });
});

describe('once an attempt was ambiguous, no later answer is a definitive refusal (issue 8)', () => {
  it.each([
    [{ kind: 'refuse', status: 422, message: 'You have nothing left on your account' }],
    [{ kind: 'refuse', status: 403 }],
    [{ kind: 'refuse', status: 401 }],
    [{ kind: 'rate-limit', retryAfterSeconds: 0 }],
  ] as const)('a lost answer, then %o to the second attempt: outcome unknown, not a refusal', async (refusal) => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', { kind: 'land-late', ms: 60_000 });
    sandbox.state.faults.next('Order', refusal);
    const error = await huuray.send(gift('sticky')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(stored('sticky')).toBe(1);
    expect(String((error as Error).cause)).toMatch(/Huuray\w+Error/);
  });

  it('a refusal after an ambiguous attempt is checked by search: the late order is found', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup({
      reconcile: { settleDelayMs: 20, checks: 2, maxOrderAttempts: 2, quarantineMs: 0 },
    });
    sandbox.state.faults.next('Order', { kind: 'land-late', ms: 300 });
    sandbox.state.faults.next('Order', { kind: 'refuse', status: 422 });
    // The existence check and two reconcile searches answer at once; the search made after the
    // refusal is handled only once the first order has become visible.
    sandbox.state.faults.next('Search', { kind: 'latency', ms: 0 }, 3);
    sandbox.state.faults.next('Search', { kind: 'latency', ms: 400 });
    const sent = await huuray.send(gift('sticky-found'));
    await sandbox.state.settled();
    expect(stored('sticky-found')).toBe(1);
    expect(sent).toMatchObject({ source: 'reconciled', orderRequests: 2 });
  });

  it("the caller's abort during the settle wait ends in HuurayIndeterminateOrderError with the abort as cause", async () => {
    const controller = new AbortController();
    const { sandbox, huuray, gift, stored } = await sandboxSetup({
      reconcile: { settleDelayMs: 60_000, checks: 3, maxOrderAttempts: 2 },
      logger: (event) => {
        if (event.type === 'reconcile' && event.step === 'settle-wait') controller.abort(new Error('caller gave up'));
      },
    });
    sandbox.state.faults.next('Order', { kind: 'land-late', ms: 60_000 });
    const error = await huuray.send(gift('abort-1'), { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect((error as Error).cause).toBe(controller.signal.reason);
    expect(stored('abort-1')).toBe(1);
  });
});

describe('a 401 to an order is checked by search before it is reported (issue 8)', () => {
  it('a replayed request (Deno) that stored the order is reconciled, not an authentication error', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', 'replayed-request');
    const sent = await huuray.send(gift('replay-1'));
    expect(sent).toMatchObject({ source: 'reconciled', orderRequests: 1 });
    expect(stored('replay-1')).toBe(1);
  });

  it('orders.create after a replayed request returns the stored order', async () => {
    const { sandbox, huuray, order } = await sandboxSetup();
    sandbox.state.faults.next('Order', 'replayed-request');
    const placed = await huuray.orders.create(order('replay-2'));
    expect(placed.refId).toBe('replay-2');
    expect(sandbox.state.orders().filter((o) => o.refId === 'replay-2')).toHaveLength(1);
  });

  it('wrong credentials stay an authentication error: the search gets 401 too, nothing is stored', async () => {
    const { sandbox, order } = await sandboxSetup();
    const { Huuray } = await import('../../src/index.js');
    const wrong = new Huuray({ token: sandbox.token, secret: 'not-the-secret', baseUrl: sandbox.url });
    const error = await wrong.orders.create(order('wrong-secret')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayAuthenticationError);
    expect(sandbox.state.orders()).toHaveLength(0);
  });
});

describe('a 401 to an order whose check cannot be made', () => {
  it('a replayed request followed by a failing search is outcome unknown, not a server error', async () => {
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Search', { kind: 'latency', ms: 0 }); // the existence check
    sandbox.state.faults.next('Order', 'replayed-request');
    sandbox.state.faults.next('Search', 'error-before-store', 3);
    const error = await huuray.send(gift('replay-then-500')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(stored('replay-then-500')).toBe(1);
  });
});
