import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  Huuray,
  type HuurayEvent,
  HuurayIndeterminateOrderError,
  type HuurayOptions,
  HuurayUnprocessableError,
  HuurayValidationError,
} from '../../src/index.js';
import { type FakeOptions, type OrderFault, startFakeHuuray } from '../helpers/fake-huuray.js';
import { closedAfterEach } from '../helpers/per-test.js';

const token = 'tok_fault_tests';
const secret = 'sec_fault_tests_0123456789';
const startFake = closedAfterEach(startFakeHuuray);

async function setup(fakeOptions: FakeOptions, options: Partial<HuurayOptions> = {}) {
  const fake = await startFake(fakeOptions);
  const events: HuurayEvent[] = [];
  const huuray = new Huuray({
    token,
    secret,
    baseUrl: fake.url,
    timeoutMs: 500,
    orderTimeoutMs: 300,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    reconcile: { settleDelayMs: 100, checks: 3, maxOrderAttempts: 2 },
    logger: (e) => events.push(e),
    ...options,
  });
  return { fake, huuray, events };
}

const gift = (refId: string) => ({
  productToken: 'prod_abc',
  valueMinor: 5000,
  currency: 'DKK',
  templateId: 12,
  recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
  refId,
});

describe('send: exactly once whatever the network does', () => {
  it('places the order with one request when all goes well', async () => {
    const { fake, huuray } = await setup({});
    const sent = await huuray.send(gift('ok-1'));
    expect(sent).toMatchObject({ source: 'created', reconciled: false, orderRequests: 1, refId: 'ok-1' });
    expect(fake.count('/v4/Order')).toBe(1);
    expect(fake.orders).toHaveLength(1);
    expect(sent.orderUid).toBe(fake.orders[0]?.OrderUID);
    expect(sent.vouchers[0]?.code).toBe(fake.orders[0]?.Vouchers[0]?.Code);
  });

  it.each<[OrderFault, string]>([
    ['hang-after-store', 'a timeout'],
    ['drop-after-store', 'a dropped connection'],
    ['error-after-store', 'a 500'],
    ['malformed-after-store', 'a truncated 200 body'],
  ])('after %s (%s) it finds the stored order instead of paying twice', async (fault) => {
    const { fake, huuray, events } = await setup({ orderFaults: [fault] });
    const sent = await huuray.send(gift(`fault-${fault}`));
    expect(fake.count('/v4/Order')).toBe(1);
    expect(fake.orders).toHaveLength(1);
    expect(sent).toMatchObject({ source: 'reconciled', reconciled: true, orderRequests: 1 });
    expect(sent.orderUid).toBe(fake.orders[0]?.OrderUID);
    expect(sent.vouchers.map((v) => v.id)).toEqual(fake.orders[0]?.Vouchers.map((v) => v.ID));
    expect(events.filter((e) => e.type === 'reconcile').map((e) => e.step)).toEqual(['search', 'found']);
  });

  it('finds an order that lands after the client gave up, by searching again after a settle delay', async () => {
    const { fake, huuray, events } = await setup({ orderFaults: ['slow-commit'], commitDelayMs: 450 });
    const sent = await huuray.send(gift('slow-1'));
    expect(fake.count('/v4/Order')).toBe(1);
    expect(fake.orders).toHaveLength(1);
    expect(sent.source).toBe('reconciled');
    const steps = events.filter((e) => e.type === 'reconcile').map((e) => e.step);
    expect(steps.slice(0, 2)).toEqual(['search', 'not-found']);
    expect(steps.at(-1)).toBe('found');
  });

  it('sends again, with a fresh nonce, only after every search found nothing', async () => {
    // A quarantine of 0 lets this one call send again once its searches found nothing.
    const { fake, huuray } = await setup(
      { orderFaults: ['error-before-store'] },
      { reconcile: { settleDelayMs: 100, checks: 3, maxOrderAttempts: 2, quarantineMs: 0 } },
    );
    const sent = await huuray.send(gift('retry-1'));
    const orderRequests = fake.requests.filter((r) => r.url === '/v4/Order');
    expect(orderRequests).toHaveLength(2);
    expect(orderRequests[0]?.headers['x-api-nonce']).not.toBe(orderRequests[1]?.headers['x-api-nonce']);
    expect(fake.count('/v4/Search')).toBe(1 + 3);
    expect(fake.orders).toHaveLength(1);
    expect(sent).toMatchObject({ source: 'created', orderRequests: 2, orderUid: fake.orders[0]?.OrderUID });
  });

  it('waits out a 429 Retry-After and sends again: a 429 stored nothing', async () => {
    const { fake, huuray, events } = await setup({ orderFaults: ['rate-limit'], retryAfterSeconds: 1 });
    const sent = await huuray.send(gift('rl-1'));
    expect(events).toContainEqual(expect.objectContaining({ type: 'reconcile', step: 'settle-wait', delayMs: 1000 }));
    expect(fake.count('/v4/Order')).toBe(2);
    expect(fake.orders).toHaveLength(1);
    expect(sent.source).toBe('created');
  });

  it('gives up with HuurayIndeterminateOrderError carrying the refId when the search cannot answer', async () => {
    const { fake, huuray } = await setup({
      orderFaults: ['error-after-store'],
      // existence check ok, then the reconciliation search fails on every retry
      readFaults: ['ok', 'error', 'error', 'error'],
    });
    const error = await huuray.send(gift('indet-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect((error as HuurayIndeterminateOrderError).refId).toBe('indet-1');
    expect(String(error)).toContain('indet-1');
    expect(fake.count('/v4/Order')).toBe(1);
    expect(fake.orders).toHaveLength(1);
  });

  it('does not send a third time when the order never shows up: outcome unknown', async () => {
    const { fake, huuray } = await setup(
      { orderFaults: ['error-before-store', 'error-before-store'] },
      { reconcile: { settleDelayMs: 100, checks: 3, maxOrderAttempts: 2, quarantineMs: 0 } },
    );
    const error = await huuray.send(gift('never-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(fake.count('/v4/Order')).toBe(2);
    expect(fake.orders).toHaveLength(0);
  });

  it('throws a definitive 4xx at once, with no search and no retry', async () => {
    const { fake, huuray } = await setup({ orderFaults: ['unprocessable'] });
    const error = await huuray.send(gift('poor-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayUnprocessableError);
    expect((error as HuurayUnprocessableError).statusMessage).toBe('You have nothing left on your account');
    expect((error as HuurayUnprocessableError).retryable).toBe(false);
    expect(fake.count('/v4/Order')).toBe(1);
    expect(fake.count('/v4/Search')).toBe(1); // only the existence check before sending
  });

  it('refuses to guess, and sends nothing, when a search by RefID answers with another RefID', async () => {
    const { fake, huuray } = await setup({ searchIgnoresRefId: true });
    await huuray.orders.create({
      productToken: 'prod_abc',
      valueMinor: 5000,
      currency: 'DKK',
      quantity: 1,
      sync: true,
      refId: 'other',
    });
    const error = await huuray.send(gift('mine')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(String(error)).toContain('another RefID');
    expect(fake.count('/v4/Order')).toBe(1);
  });

  it('returns the existing order when called again with the same refId', async () => {
    const { fake, huuray } = await setup({});
    const first = await huuray.send(gift('twice-1'));
    const second = await huuray.send(gift('twice-1'));
    expect(fake.count('/v4/Order')).toBe(1);
    expect(second).toMatchObject({ source: 'existing', orderRequests: 0, orderUid: first.orderUid });
  });

  it('refuses bad input before any request', async () => {
    const { fake, huuray } = await setup({});
    const error = await huuray.send({ ...gift('bad-1'), valueMinor: 50.5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayValidationError);
    expect((error as HuurayValidationError).issues[0]).toMatchObject({ path: 'valueMinor' });
    expect(String(error)).toContain('never rounded');
    expect(fake.requests).toHaveLength(0);
  });

  it('never puts the secret, a hash or a code into events or errors', async () => {
    const { fake, huuray, events } = await setup({ orderFaults: ['malformed-after-store', 'unprocessable'] });
    await huuray.send(gift('leak-1'));
    const error = await huuray.send(gift('leak-2')).catch((e: unknown) => e);
    const hashes = fake.requests.map((r) => String(r.headers['x-api-hash']));
    const codes = fake.orders.flatMap((o) => o.Vouchers.map((v) => v.Code));
    const views = [
      JSON.stringify(events),
      inspect(error, { depth: 10, showHidden: true }),
      inspect(huuray, { depth: 10 }),
    ];
    for (const view of views) {
      for (const secretValue of [token, secret, ...hashes, ...codes]) expect(view).not.toContain(secretValue);
    }
  });
});

describe('orders.create: exactly one request, never retried', () => {
  it('turns a lost answer into HuurayIndeterminateOrderError and sends nothing more', async () => {
    const { fake, huuray } = await setup({ orderFaults: ['hang-after-store'] });
    const error = await huuray.orders
      .create({ productToken: 'prod_abc', valueMinor: 5000, currency: 'DKK', quantity: 1, sync: true, refId: 'c-1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect((error as HuurayIndeterminateOrderError).refId).toBe('c-1');
    expect(fake.count('/v4/Order')).toBe(1);
    expect(fake.count('/v4/Search')).toBe(0);
  });
});
