import { describe, expect, it } from 'vitest';
import {
  fingerprintIntent,
  Huuray,
  HuurayConflictError,
  HuurayIndeterminateOrderError,
  HuurayValidationError,
  MemoryLedger,
  recipientsDigest,
} from '../../src/index.js';
import { sandboxFixture } from '../helpers/sandbox-fixture.js';

// Issue 9's defects, each against the sandbox: concurrent callers in one process, quarantine of a refId
// in doubt, conflicts, and issue() codes after a search.

const gift = (f: Awaited<ReturnType<typeof sandboxFixture>>, refId: string, email = 'ada@example.com') => ({
  productToken: f.productToken,
  valueMinor: f.valueMinor,
  currency: f.currency,
  templateId: f.templateId,
  recipient: { name: 'Ada', email },
  refId,
});

describe('concurrent calls for one refId in one process share one placement', () => {
  it('10 concurrent sends of one refId place one order and all get its OrderUID', async () => {
    const f = await sandboxFixture({ faults: { Order: { rate: 1, kinds: [{ kind: 'latency', ms: 30 }] } } });
    const huuray = f.client();
    const results = await Promise.all(Array.from({ length: 10 }, () => huuray.send(gift(f, 'same-1'))));
    expect(f.ordersFor('same-1')).toBe(1);
    expect(f.orderRequests()).toBe(1);
    expect(new Set(results.map((r) => r.orderUid)).size).toBe(1);
    expect(results.filter((r) => r.source === 'created')).toHaveLength(1);
  });

  it('a caller waiting for the placement of another can abort without disturbing it', async () => {
    const f = await sandboxFixture();
    // The first caller's order is held on its way to the sandbox until the second caller has given up: a
    // fixed latency raced the abort (and the order's time limit) on a busy machine.
    let orderLeaving = () => {};
    const leaving = new Promise<void>((resolve) => {
      orderLeaving = resolve;
    });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const huuray = f.client({
      orderTimeoutMs: 120_000,
      fetch: async (request: Request) => {
        if (new URL(request.url).pathname === '/v4/Order') {
          orderLeaving();
          await released;
        }
        return fetch(request);
      },
    });
    const first = huuray.send(gift(f, 'wait-1'));
    const stop = new AbortController();
    const second = huuray.send(gift(f, 'wait-1'), { signal: stop.signal }).catch((e: unknown) => e);
    await leaving;
    stop.abort(new Error('second caller gave up'));
    expect(String(await second)).toContain('second caller gave up');
    release();
    expect((await first).source).toBe('created');
    expect(f.ordersFor('wait-1')).toBe(1);
    expect(f.orderRequests()).toBe(1);
  });

  it('two Huuray instances for one account share the default ledger', async () => {
    const f = await sandboxFixture({ faults: { Order: { rate: 1, kinds: [{ kind: 'latency', ms: 30 }] } } });
    const make = () => new Huuray({ token: f.sandbox.token, secret: f.sandbox.secret, baseUrl: f.sandbox.url });
    const [a, b] = [make(), make()];
    const [x, y] = await Promise.all([a.send(gift(f, 'shared-1')), b.send(gift(f, 'shared-1'))]);
    expect(x.orderUid).toBe(y.orderUid);
    expect(f.ordersFor('shared-1')).toBe(1);
    expect((await a.ledger.get('shared-1'))?.state).toBe('done');
  });

  it('2 concurrent issues of one refId place each chunk once, and both get every code', async () => {
    const f = await sandboxFixture();
    const huuray = f.client();
    const input = { productToken: f.productToken, valueMinor: f.valueMinor, currency: f.currency, quantity: 60 };
    const [a, b] = await Promise.all([
      huuray.issue({ ...input, refId: 'batch-1', concurrency: 3 }),
      huuray.issue({ ...input, refId: 'batch-1', concurrency: 3 }),
    ]);
    expect(f.orderRequests()).toBe(3);
    for (const chunk of ['batch-1.1', 'batch-1.2', 'batch-1.3']) expect(f.ordersFor(chunk)).toBe(1);
    expect(a.complete && b.complete).toBe(true);
    expect(a.vouchers.map((v) => v.code)).toEqual(b.vouchers.map((v) => v.code));
    expect(a.vouchers.every((v) => v.code !== null)).toBe(true);
  });
});

describe('a refId in doubt is not sent again before the quarantine', () => {
  it('throws indeterminate with since/when, searches on each call, and re-sends only past the quarantine', async () => {
    const f = await sandboxFixture();
    const ledger = new MemoryLedger();
    const huuray = f.client({ ledger, reconcile: { settleDelayMs: 5, checks: 2, quarantineMs: 1_500 } });
    f.sandbox.state.faults.next('Order', 'error-before-store');
    const first = await huuray.send(gift(f, 'doubt-1')).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(HuurayIndeterminateOrderError);
    const error = first as HuurayIndeterminateOrderError;
    expect(error.inDoubtSince).toBeInstanceOf(Date);
    expect(error.resendableAt?.getTime()).toBe((error.inDoubtSince?.getTime() ?? 0) + 1_500);
    expect(error.message).toContain('not sent again before');
    expect((await ledger.get('doubt-1'))?.state).toBe('in-doubt');

    const searchesBefore = f.sandbox.state.requestLog.filter((r) => r.operation === 'Search').length;
    await expect(huuray.send(gift(f, 'doubt-1'))).rejects.toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(f.orderRequests()).toBe(1); // searched, not sent
    expect(f.sandbox.state.requestLog.filter((r) => r.operation === 'Search').length).toBeGreaterThan(searchesBefore);

    await new Promise((r) => setTimeout(r, Math.max(0, (error.resendableAt?.getTime() ?? 0) - Date.now()) + 20));
    const sent = await huuray.send(gift(f, 'doubt-1'));
    expect(sent.source).toBe('created');
    expect(f.ordersFor('doubt-1')).toBe(1);
    expect(f.orderRequests()).toBe(2);
  });

  it('finds an order that lands late during the settle window of a later call, and never pays twice', async () => {
    const f = await sandboxFixture();
    // Searches for 5 x 150 ms after the lost answer; the order lands 120 ms after it was sent.
    const huuray = f.client({ orderTimeoutMs: 50, reconcile: { settleDelayMs: 150, checks: 5 } });
    f.sandbox.state.faults.next('Order', { kind: 'slow-commit', ms: 120 });
    const sent = await huuray.send(gift(f, 'late-1'));
    expect(sent.source).toBe('reconciled');
    expect(f.ordersFor('late-1')).toBe(1);
  });

  it('ends an aborted settle wait after a lost answer in HuurayIndeterminateOrderError, not a bare abort', async () => {
    const f = await sandboxFixture();
    const huuray = f.client({ reconcile: { settleDelayMs: 60_000, checks: 3 } });
    f.sandbox.state.faults.next('Order', 'error-before-store');
    const stop = new AbortController();
    const pending = huuray.send(gift(f, 'abort-1'), { signal: stop.signal }).catch((e: unknown) => e);
    while (f.sandbox.state.requestLog.filter((r) => r.operation === 'Search').length < 2) {
      await new Promise((r) => setTimeout(r, 5));
    }
    stop.abort(new Error('caller gave up'));
    const error = await pending;
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(f.orderRequests()).toBe(1);
  });
});

describe('a holder that died mid-order', () => {
  it('leaves its refId in doubt once its lease ends: the next caller searches and does not send', async () => {
    const f = await sandboxFixture();
    let now = Date.now();
    const ledger = new MemoryLedger({ now: () => now });
    const input = gift(f, 'dead-1');
    const intent = {
      productToken: input.productToken,
      valueMinor: input.valueMinor,
      currency: input.currency,
      quantity: 1,
      templateId: input.templateId,
      recipientsDigest: await recipientsDigest([input.recipient]),
    };
    await ledger.claim('dead-1', await fingerprintIntent(intent), intent, 'dead-holder', 1_000);
    now += 5_000; // the lease ran out: the holder is gone
    const error = await f
      .client({ ledger, reconcile: { settleDelayMs: 5, checks: 2 } })
      .send(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayIndeterminateOrderError);
    expect(f.orderRequests()).toBe(0);
    expect(f.sandbox.state.requestLog.filter((r) => r.operation === 'Search').length).toBe(2);
    expect((await ledger.get('dead-1'))?.state).toBe('in-doubt');
  });
});

describe('the same refId with other parameters is a conflict, never a silent success', () => {
  it('refuses another value in this process with no request', async () => {
    const f = await sandboxFixture();
    const huuray = f.client();
    await huuray.send(gift(f, 'conf-1'));
    const before = f.requests();
    const error = await huuray.send({ ...gift(f, 'conf-1'), valueMinor: f.valueMinor + 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayConflictError);
    expect((error as HuurayConflictError).differences).toEqual([
      { field: 'valueMinor', earlier: f.valueMinor, now: f.valueMinor + 100 },
    ]);
    expect(f.requests()).toBe(before);
  });

  it('refuses an order found for another recipient or product (another process: a fresh ledger)', async () => {
    const f = await sandboxFixture();
    await f.client().send(gift(f, 'conf-2'));
    await expect(f.client().send(gift(f, 'conf-2', 'bob@example.com'))).rejects.toBeInstanceOf(HuurayConflictError);
    const other = f.sandbox.state.products.find((p) => p.currency === 'DKK' && p.active && p.token !== f.productToken);
    if (other === undefined) throw new Error('no second product');
    await expect(f.client().send({ ...gift(f, 'conf-2'), productToken: other.token })).rejects.toThrow(
      /productToken was another product/,
    );
    expect(f.orderRequests()).toBe(1);
  });
});

describe('issue() after a search', () => {
  it('returns every code of chunks it learned from a search, complete', async () => {
    const f = await sandboxFixture();
    const input = { productToken: f.productToken, valueMinor: f.valueMinor, currency: f.currency, quantity: 30 };
    const first = await f.client().issue({ ...input, refId: 'codes-1' });
    const again = await f.client().issue({ ...input, refId: 'codes-1' });
    expect(again.complete).toBe(true);
    expect(again.codesReturned).toBe(true);
    expect(again.chunks.every((c) => c.state === 'done' && c.order.source === 'existing')).toBe(true);
    expect(again.vouchers.map((v) => v.code)).toEqual(first.vouchers.map((v) => v.code));
    expect(f.orderRequests()).toBe(2);
  });

  it('says plainly when the account returns no codes', async () => {
    const f = await sandboxFixture({ accounts: [{ returnCode: false, balances: { DKK: 1_000_000_000 } }] });
    const input = { productToken: f.productToken, valueMinor: f.valueMinor, currency: f.currency, quantity: 3 };
    const result = await f.client().issue({ ...input, refId: 'nocodes-1' });
    expect(result.complete).toBe(true);
    expect(result.codesReturned).toBe(false);
  });
});

describe('per-call options are checked like the constructor', () => {
  it.each([
    [{ reconcile: { checks: 0 } }, 'reconcile.checks'],
    [{ reconcile: { checks: 0, maxOrderAttempts: 1e9 } }, 'reconcile.maxOrderAttempts'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ timeoutMs: 1.5 }, 'timeoutMs'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
    [{ signal: 'stop' }, 'signal'],
    [{ reconcile: { quarantineMs: -5 } }, 'reconcile.quarantineMs'],
  ])('send(x, %j) is refused naming %s, with no request', async (options, field) => {
    const f = await sandboxFixture();
    const error = await f
      .client()
      .send(gift(f, 'opt-1'), options as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayValidationError);
    expect((error as HuurayValidationError).issues.map((i) => i.path)).toContain(field);
    expect(f.requests()).toBe(0);
  });
});

describe('a refId the ledger records as done is returned only as its own order', () => {
  it('a lookup by OrderUID answered with another order (RefID null) is not believed', async () => {
    const f = await sandboxFixture();
    const huuray = f.client();
    const first = await huuray.send(gift(f, 'done-1'));
    await huuray.send(gift(f, 'other-1', 'grace@example.com')); // now the account's latest order
    // The search by RefID answers a stale 404; the lookup by the ledger's OrderUID then meets a search
    // that answers the latest order, any, with RefID null.
    f.sandbox.state.faults.next('Search', { kind: 'stale-404' });
    f.sandbox.state.faults.next('Search', { kind: 'null-refid-search' });
    const again = await huuray.send(gift(f, 'done-1')).catch((e: unknown) => e);
    if (!(again instanceof HuurayIndeterminateOrderError)) expect(again).toMatchObject({ orderUid: first.orderUid });
    expect(f.ordersFor('done-1')).toBe(1);
  });
});

describe('revealCodes gives only the asked order its vouchers', () => {
  it('refuses a search answer that names another order', async () => {
    const f = await sandboxFixture();
    const huuray = f.client();
    const first = await huuray.send(gift(f, 'reveal-1'));
    await huuray.send(gift(f, 'reveal-2', 'grace@example.com'));
    f.sandbox.state.faults.next('Search', { kind: 'null-refid-search' }); // answers the latest order, any
    await expect(huuray.revealCodes(first.orderUid)).rejects.toThrow(/not the order that was asked for/);
    expect((await huuray.revealCodes(first.orderUid)).map((v) => v.id)).toEqual(first.vouchers.map((v) => v.id));
  });
});
