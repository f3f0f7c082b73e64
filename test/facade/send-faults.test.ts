import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type HuurayEvent,
  HuurayIndeterminateOrderError,
  type HuurayOptions,
  HuurayUnprocessableError,
  HuurayValidationError,
} from '../../src/index.js';
import type { FaultKind } from '../../src/sandbox/index.js';
import { sandboxSetup } from '../helpers/sandbox-huuray.js';

async function setup(options: Partial<HuurayOptions> = {}) {
  const s = await sandboxSetup({
    orderTimeoutMs: 300,
    reconcile: { settleDelayMs: 100, checks: 3, maxOrderAttempts: 2, quarantineMs: 0 },
    ...options,
  });
  const requests = (operation: 'Order' | 'Search') =>
    s.sandbox.state.requestLog.filter((e) => e.operation === operation).length;
  const ordersWith = (refId: string) => s.sandbox.state.orders().filter((o) => o.refId === refId);
  const steps = () =>
    s.events.filter((e): e is Extract<HuurayEvent, { type: 'reconcile' }> => e.type === 'reconcile').map((e) => e.step);
  return { ...s, requests, ordersWith, steps };
}

describe('send: exactly once whatever the network does', () => {
  it('places the order with one request when all goes well', async () => {
    const { sandbox, huuray, gift, requests, ordersWith } = await setup();
    const sent = await huuray.send(gift('ok-1'));
    expect(sent).toMatchObject({ source: 'created', reconciled: false, orderRequests: 1, refId: 'ok-1' });
    expect(requests('Order')).toBe(1);
    expect(ordersWith('ok-1')).toHaveLength(1);
    expect(sent.orderUid).toBe(ordersWith('ok-1')[0]?.orderUID);
    expect(sent.vouchers[0]?.code).toBe(sandbox.state.voucher(sent.vouchers[0]?.id ?? -1)?.code);
  });

  it.each<[FaultKind, string]>([
    ['hang-after-store', 'a timeout'],
    ['drop-after-store', 'a dropped connection'],
    ['error-after-store', 'a 500'],
    ['malformed-body', 'a truncated 200 body'],
  ])('after %s (%s) it finds the stored order instead of paying twice', async (fault) => {
    const { sandbox, huuray, gift, requests, ordersWith, steps } = await setup();
    sandbox.state.faults.next('Order', fault);
    const sent = await huuray.send(gift(`fault-${fault}`));
    expect(requests('Order')).toBe(1);
    const [stored] = ordersWith(`fault-${fault}`);
    expect(ordersWith(`fault-${fault}`)).toHaveLength(1);
    expect(sent).toMatchObject({ source: 'reconciled', reconciled: true, orderRequests: 1 });
    expect(sent.orderUid).toBe(stored?.orderUID);
    expect(sent.vouchers.map((v) => v.id)).toEqual(stored?.voucherIds);
    expect(steps()).toEqual(['search', 'found']);
  });

  it('finds an order that lands after the client gave up, by searching again after a settle delay', async () => {
    const { sandbox, huuray, gift, requests, ordersWith, steps } = await setup();
    sandbox.state.faults.next('Order', { kind: 'land-late', ms: 150 });
    const sent = await huuray.send(gift('late-1'));
    expect(requests('Order')).toBe(1);
    expect(ordersWith('late-1')).toHaveLength(1);
    expect(sent.source).toBe('reconciled');
    expect(steps().slice(0, 2)).toEqual(['search', 'not-found']);
    expect(steps().at(-1)).toBe('found');
  });

  it('sends again, with a fresh nonce, only after every search found nothing', async () => {
    const { sandbox, huuray, gift, requests, ordersWith, nonces } = await setup();
    sandbox.state.faults.next('Order', 'error-before-store');
    const sent = await huuray.send(gift('retry-1'));
    expect(requests('Order')).toBe(2);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(requests('Search')).toBe(1 + 3);
    expect(ordersWith('retry-1')).toHaveLength(1);
    expect(sent).toMatchObject({ source: 'created', orderRequests: 2, orderUid: ordersWith('retry-1')[0]?.orderUID });
  });

  it("waits out a 429's Retry-After and sends again: a 429 stored nothing", async () => {
    const { sandbox, huuray, gift, requests, ordersWith, events } = await setup();
    sandbox.state.faults.next('Order', { kind: 'rate-limit', retryAfterSeconds: 1 });
    const sent = await huuray.send(gift('rl-1'));
    expect(events).toContainEqual(expect.objectContaining({ type: 'reconcile', step: 'settle-wait', delayMs: 1000 }));
    expect(requests('Order')).toBe(2);
    expect(ordersWith('rl-1')).toHaveLength(1);
    expect(sent.source).toBe('created');
  });

  it('gives up with HuurayIndeterminateOrderError carrying the refId when the search cannot answer', async () => {
    const { sandbox, huuray, gift, requests, ordersWith } = await setup();
    sandbox.state.faults.next('Order', 'error-after-store');
    // The existence check answers; the reconciliation search then fails on every retry.
    sandbox.state.faults.next('Search', { kind: 'latency', ms: 0 });
    sandbox.state.faults.next('Search', 'error-before-store', 3);
    const error = await huuray.send(gift('indet-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect((error as HuurayIndeterminateOrderError).refId).toBe('indet-1');
    expect(String(error)).toContain('indet-1');
    expect(requests('Order')).toBe(1);
    expect(ordersWith('indet-1')).toHaveLength(1);
  });

  it('does not send a third time when the order never shows up: outcome unknown', async () => {
    const { sandbox, huuray, gift, requests, ordersWith } = await setup();
    sandbox.state.faults.next('Order', 'error-before-store', 2);
    const error = await huuray.send(gift('never-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(requests('Order')).toBe(2);
    expect(ordersWith('never-1')).toHaveLength(0);
  });

  it('throws a definitive 4xx at once, with no search and no retry', async () => {
    const { sandbox, huuray, gift, requests } = await setup();
    sandbox.state.faults.next('Order', {
      kind: 'refuse',
      status: 422,
      message: 'You have nothing left on your account',
    });
    const error = await huuray.send(gift('poor-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayUnprocessableError);
    expect((error as HuurayUnprocessableError).statusMessage).toBe('You have nothing left on your account');
    expect((error as HuurayUnprocessableError).retryable).toBe(false);
    expect(requests('Order')).toBe(1);
    expect(requests('Search')).toBe(1); // only the existence check before sending
  });

  it('refuses to guess, and sends nothing, when a search by RefID answers with another RefID', async () => {
    const { sandbox, huuray, gift, order, requests } = await setup();
    await huuray.orders.create(order('other'));
    sandbox.state.faults.setRate('Search', { rate: 1, kinds: ['search-ignores-refid'] });
    const error = await huuray.send(gift('mine')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(String(error)).toContain('another RefID');
    expect(requests('Order')).toBe(1);
  });

  it('returns the existing order when called again with the same refId', async () => {
    const { huuray, gift, requests } = await setup();
    const first = await huuray.send(gift('twice-1'));
    const second = await huuray.send(gift('twice-1'));
    expect(requests('Order')).toBe(1);
    expect(second).toMatchObject({ source: 'existing', orderRequests: 0, orderUid: first.orderUid });
  });

  it('refuses bad input before any request', async () => {
    const { sandbox, huuray, gift } = await setup();
    const error = await huuray.send({ ...gift('bad-1'), valueMinor: 50.5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayValidationError);
    expect((error as HuurayValidationError).issues[0]).toMatchObject({ path: 'valueMinor' });
    expect(String(error)).toContain('never rounded');
    expect(sandbox.state.requestLog).toHaveLength(0);
  });

  it('never puts the secret, a hash or a code into events or errors', async () => {
    const { sandbox, huuray, gift, events, nonces } = await setup();
    sandbox.state.faults.next('Order', 'malformed-body');
    await huuray.send(gift('leak-1'));
    sandbox.state.faults.next('Order', { kind: 'refuse', status: 422 });
    const error = await huuray.send(gift('leak-2')).catch((e: unknown) => e);
    const hashes = nonces.map((n) =>
      createHash('sha512')
        .update(sandbox.secret + n)
        .digest('hex'),
    );
    const codes = sandbox.state.vouchers().map((v) => v.code);
    const views = [
      JSON.stringify(events),
      inspect(error, { depth: 10, showHidden: true }),
      inspect(huuray, { depth: 10 }),
    ];
    for (const view of views) {
      for (const secretValue of [sandbox.token, sandbox.secret, ...hashes, ...codes]) {
        expect(view).not.toContain(secretValue);
      }
    }
  });
});

describe('orders.create: exactly one request, never retried', () => {
  it('turns a lost answer into HuurayIndeterminateOrderError and sends nothing more', async () => {
    const { sandbox, huuray, order, requests } = await setup();
    sandbox.state.faults.next('Order', 'hang-after-store');
    const error = await huuray.orders.create(order('c-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect((error as HuurayIndeterminateOrderError).refId).toBe('c-1');
    expect(requests('Order')).toBe(1);
    expect(requests('Search')).toBe(0);
  });
});
