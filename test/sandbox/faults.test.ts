import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { orderBody, productIn } from './fixtures.js';
import { call } from './signed.js';

describe('sandbox fault injection', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 51 });
  });
  afterAll(() => sandbox.close());

  const order = (refId: string, signal?: AbortSignal) =>
    call(sandbox, '/v4/Order', {
      body: orderBody(sandbox, productIn(sandbox, 'DKK'), { RefID: refId }),
      ...(signal === undefined ? {} : { signal }),
    });
  const ordersWith = (refId: string) => sandbox.state.orders().filter((o) => o.refId === refId);
  const lastLog = () => sandbox.state.requestLog.at(-1);

  it('latency delays the answer', async () => {
    sandbox.state.faults.next('Balance', { kind: 'latency', ms: 150 });
    expect((await call(sandbox, '/v4/Balance', { method: 'GET' })).status).toBe(200);
    expect(lastLog()).toMatchObject({ operation: 'Balance', status: 200, fault: 'latency' });
    // The sandbox's own record of the request: a timer never fires early, and a busy machine only makes
    // it longer, so this lower bound cannot turn flaky the way a client-side stopwatch can.
    expect(lastLog()?.durationMs).toBeGreaterThanOrEqual(149);
  });

  it('error-before-store answers 500 and stores nothing', async () => {
    sandbox.state.faults.next('Order', 'error-before-store');
    const response = await order('ebs');
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ Status: 500 });
    expect(ordersWith('ebs')).toHaveLength(0);
    expect(lastLog()).toMatchObject({ status: 500, fault: 'error-before-store' });
  });

  it('error-after-store answers 500 yet the order is stored', async () => {
    sandbox.state.faults.next('Order', 'error-after-store');
    expect((await order('eas')).status).toBe(500);
    expect(ordersWith('eas')).toHaveLength(1);
  });

  it('drop-after-store makes fetch reject yet the order is stored', async () => {
    sandbox.state.faults.next('Order', 'drop-after-store');
    await expect(order('das')).rejects.toThrow();
    expect(ordersWith('das')).toHaveLength(1);
    expect(lastLog()).toMatchObject({ status: null, fault: 'drop-after-store' });
  });

  it('slow-commit: the client times out, the order lands afterwards', async () => {
    sandbox.state.faults.next('Order', { kind: 'slow-commit', ms: 300 });
    await expect(order('slow', AbortSignal.timeout(100))).rejects.toThrow();
    expect(ordersWith('slow')).toHaveLength(0);
    await sandbox.state.settled();
    expect(ordersWith('slow')).toHaveLength(1);
  });

  it('rate-limit answers 429 with Retry-After', async () => {
    sandbox.state.faults.next('Search', { kind: 'rate-limit', retryAfterSeconds: 3 });
    const response = await call(sandbox, '/v4/Search', { body: { RefID: 'x' } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toMatchObject({ Status: 429 });
  });

  it('malformed-body keeps the status but cuts the JSON', async () => {
    sandbox.state.faults.next('Order', 'malformed-body');
    const response = await order('mal');
    expect(response.status).toBe(200);
    await expect(response.clone().json()).rejects.toThrow(SyntaxError);
    expect((await response.text()).startsWith('{"OrderUID"')).toBe(true);
    expect(ordersWith('mal')).toHaveLength(1);
  });

  it('html-error answers an nginx HTML page', async () => {
    sandbox.state.faults.next('Balance', { kind: 'html-error', status: 503 });
    const response = await call(sandbox, '/v4/Balance', { method: 'GET' });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('<center>nginx</center>');
  });

  it('scheduled faults apply to the next N calls only', async () => {
    sandbox.state.faults.next('Balance', 'error-before-store', 2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(sandbox, '/v4/Balance', { method: 'GET' })).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(sandbox.state.faults.scheduled('Balance')).toEqual([]);
  });
});

describe('sandbox determinism', () => {
  const faultSequence = async (seed: number) => {
    const sandbox = await startSandbox({
      seed,
      catalogueSize: 20,
      faults: { Balance: { rate: 0.5, kinds: ['error-before-store', 'rate-limit', { kind: 'latency', ms: 1 }] } },
    });
    try {
      for (let i = 0; i < 12; i++) await call(sandbox, '/v4/Balance', { method: 'GET' });
      return sandbox.state.requestLog.map((e) => e.fault);
    } finally {
      await sandbox.close();
    }
  };

  it('the same seed gives the same random fault sequence, another seed another', async () => {
    const first = await faultSequence(5);
    expect(first.some((f) => f !== null)).toBe(true);
    expect(first.some((f) => f === null)).toBe(true);
    expect(await faultSequence(5)).toEqual(first);
    expect(await faultSequence(6)).not.toEqual(first);
  });

  it('the same seed gives the same catalogue and credentials', async () => {
    const a = await startSandbox({ seed: 9, catalogueSize: 300 });
    const b = await startSandbox({ seed: 9, catalogueSize: 300 });
    const c = await startSandbox({ seed: 10, catalogueSize: 300 });
    try {
      expect(b.state.products).toEqual(a.state.products);
      expect([b.token, b.secret]).toEqual([a.token, a.secret]);
      expect(c.state.products.map((p) => p.token)).not.toEqual(a.state.products.map((p) => p.token));
      expect(c.token).not.toBe(a.token);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
