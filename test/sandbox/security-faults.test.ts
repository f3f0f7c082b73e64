import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { orderBody, productIn } from './fixtures.js';
import { call, callJson } from './signed.js';

// The faults added for issue 8 (and the fault tests of issue 9), seen from a plain signed client
// written apart from src/core, so the sandbox's behaviour is checked on its own.
describe('sandbox faults for answers that must not be believed', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 88 });
  });
  afterAll(() => sandbox.close());

  const body = (refId: string) => orderBody(sandbox, productIn(sandbox, 'DKK'), { RefID: refId });
  const stored = (refId: string) => sandbox.state.orders().filter((o) => o.refId === refId).length;
  const search = (refId: string) => callJson(sandbox, '/v4/Search', { body: { RefID: refId } });

  it('redirect answers the 3xx with the Location given, storing only with store: true', async () => {
    sandbox.state.faults.next('Order', { kind: 'redirect', status: 308, location: 'http://127.0.0.1:9/x' });
    const before = await call(sandbox, '/v4/Order', { body: body('rd-1'), redirect: 'manual' });
    expect(before.status).toBe(308);
    expect(before.headers.get('location')).toBe('http://127.0.0.1:9/x');
    expect(stored('rd-1')).toBe(0);
    sandbox.state.faults.next('Order', {
      kind: 'redirect',
      status: 302,
      location: 'http://127.0.0.1:9/x',
      store: true,
    });
    expect((await call(sandbox, '/v4/Order', { body: body('rd-2'), redirect: 'manual' })).status).toBe(302);
    expect(stored('rd-2')).toBe(1);
  });

  it('echo repeats the headers and body, records what it echoed, and stores nothing', async () => {
    sandbox.state.faults.next('Order', { kind: 'echo', status: 422 });
    const { status, body: answer } = await callJson(sandbox, '/v4/Order', { body: body('echo-1') });
    expect(status).toBe(422);
    expect(String(answer.StatusMessage)).toMatch(/x-api-nonce: .+; x-api-hash: [0-9a-f]{128}/);
    expect(String(answer.StatusMessage)).toContain('echo-1');
    expect(sandbox.state.requestLog.at(-1)?.echoed).toBe(answer.StatusMessage);
    expect(stored('echo-1')).toBe(0);
  });

  it('empty-object answers {} and stores only with store: true; foreign-refid names another RefID', async () => {
    sandbox.state.faults.next('Order', 'empty-object');
    expect(await callJson(sandbox, '/v4/Order', { body: body('eo-1') })).toEqual({ status: 200, body: {} });
    expect(stored('eo-1')).toBe(0);
    sandbox.state.faults.next('Order', { kind: 'empty-object', store: true });
    await callJson(sandbox, '/v4/Order', { body: body('eo-2') });
    expect(stored('eo-2')).toBe(1);
    sandbox.state.faults.next('Order', 'foreign-refid');
    const { body: answer } = await callJson(sandbox, '/v4/Order', { body: body('fr-1') });
    expect(answer.RefID).toBe('fr-1-foreign');
    expect(stored('fr-1')).toBe(1);
  });

  it('replayed-request stores the order and answers 401 for the reused nonce', async () => {
    sandbox.state.faults.next('Order', 'replayed-request');
    const { status, body: answer } = await callJson(sandbox, '/v4/Order', { body: body('rp-1') });
    expect(status).toBe(401);
    expect(String(answer.StatusMessage)).toMatch(/nonce/i);
    expect(stored('rp-1')).toBe(1);
  });

  it('land-late hides the stored order from Search for ms; settled() waits for it', async () => {
    sandbox.state.faults.next('Order', { kind: 'land-late', ms: 200 });
    await expect(call(sandbox, '/v4/Order', { body: body('ll-1') })).rejects.toThrow();
    expect(stored('ll-1')).toBe(1);
    expect((await search('ll-1')).status).toBe(404);
    await sandbox.state.settled();
    expect((await search('ll-1')).body.RefID).toBe('ll-1');
  });

  it('hang-after-store stores the order and never answers', async () => {
    sandbox.state.faults.next('Order', 'hang-after-store');
    await expect(
      call(sandbox, '/v4/Order', { body: body('hg-1'), signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect(stored('hg-1')).toBe(1);
  });

  it('stale-404, search-ignores-refid and null-refid-search misreport a stored order', async () => {
    await callJson(sandbox, '/v4/Order', { body: body('sr-1') });
    sandbox.state.faults.next('Search', 'stale-404');
    expect((await search('sr-1')).status).toBe(404);
    sandbox.state.faults.next('Search', 'search-ignores-refid');
    const ignored = await search('no-such-ref');
    expect(ignored.status).toBe(200);
    expect(ignored.body.RefID).not.toBe('no-such-ref');
    sandbox.state.faults.next('Search', 'null-refid-search');
    const nulled = await search('no-such-ref');
    expect(nulled.body).toMatchObject({ RefID: null });
    expect(typeof nulled.body.OrderUID).toBe('string');
  });

  it('oversized-body streams the padded answer; refuse answers its status before storing', async () => {
    sandbox.state.faults.next('Balance', { kind: 'oversized-body', bytes: 300_000 });
    const big = await call(sandbox, '/v4/Balance', { method: 'GET' });
    expect(big.headers.get('content-length')).toBeNull();
    const text = await big.text();
    expect(text.length).toBeGreaterThanOrEqual(299_000);
    expect(JSON.parse(text)).toHaveProperty('Balances');
    sandbox.state.faults.next('Order', { kind: 'refuse', status: 403, message: 'IP not allowed' });
    expect(await callJson(sandbox, '/v4/Order', { body: body('rf-1') })).toMatchObject({
      status: 403,
      body: { StatusMessage: 'IP not allowed' },
    });
    expect(stored('rf-1')).toBe(0);
  });
});
