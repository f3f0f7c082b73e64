import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type HuurayApiError,
  HuurayBadRequestError,
  HuurayConnectionError,
  HuurayIndeterminateOrderError,
  HuurayUnprocessableError,
} from '../../src/index.js';
import { type SandboxSetup, sandboxSetup } from '../helpers/sandbox-huuray.js';

const sha512 = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex');

/** Every text a caller can get out of an error: message, stack, inspect, JSON, and the same down the cause chain. */
function textsOf(error: unknown): string[] {
  const texts = [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error) ?? ''];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    if (e instanceof Error) texts.push(e.message, e.stack ?? '', String(e));
    e = (e as { cause?: unknown }).cause;
  }
  return texts;
}

/** The credential-derived values of every request the client made: token, secret, each nonce and its hash. */
function credentials(setup: SandboxSetup): string[] {
  const { sandbox, nonces } = setup;
  return [sandbox.token, sandbox.secret, ...nonces, ...nonces.map((n) => sha512(sandbox.secret + n))];
}

function expectNoneIn(texts: readonly string[], secrets: readonly string[]): void {
  const joined = texts.join('\n');
  const leaked = secrets.filter((s) => joined.includes(s));
  expect(leaked).toEqual([]);
}

describe('nothing credential-derived in any text built from a response (issue 8)', () => {
  it('an echoing proxy on a read: the error holds none of token, secret, nonce or hash', async () => {
    const setup = await sandboxSetup();
    setup.sandbox.state.faults.next('Balance', { kind: 'echo', status: 400 });
    const error = await setup.huuray.balances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayBadRequestError);
    const echoed = setup.sandbox.state.requestLog.at(-1)?.echoed ?? '';
    // The server did echo them: the test would see them if the client kept them.
    expect(credentials(setup).filter((s) => echoed.includes(s)).length).toBeGreaterThanOrEqual(3);
    expect((error as HuurayApiError).statusMessage).toContain('[redacted]');
    expectNoneIn([...textsOf(error), JSON.stringify(setup.events)], credentials(setup));
  });

  it('an echoing proxy on an order refusal and on every attempt of an ambiguous order', async () => {
    const setup = await sandboxSetup({ reconcile: { settleDelayMs: 10, checks: 1, maxOrderAttempts: 2 } });
    setup.sandbox.state.faults.next('Order', { kind: 'echo', status: 422 });
    const refusal = await setup.huuray.send(setup.gift('echo-422')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(HuurayUnprocessableError);

    setup.sandbox.state.faults.next('Order', { kind: 'echo', status: 500 }, 2);
    setup.sandbox.state.faults.next('Search', { kind: 'echo', status: 500 }, 1);
    const unknown = await setup.huuray.send(setup.gift('echo-500')).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(HuurayIndeterminateOrderError);
    expectNoneIn([...textsOf(refusal), ...textsOf(unknown), JSON.stringify(setup.events)], credentials(setup));
  });

  it('a fetch that throws with the headers in its message: the connection error holds none of them', async () => {
    const { Huuray } = await import('../../src/index.js');
    const seen: string[] = [];
    const huuray = new Huuray({
      token: 'tok_echo_in_throw',
      secret: 'sec_echo_in_throw_0123',
      baseUrl: 'http://127.0.0.1:9',
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      fetch: async (request) => {
        const nonce = request.headers.get('x-api-nonce') ?? '';
        const hash = request.headers.get('x-api-hash') ?? '';
        seen.push(nonce, hash);
        throw new TypeError(`fetch failed for ${request.headers.get('x-api-token')} ${nonce} ${hash}`);
      },
    });
    const error = await huuray.balances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayConnectionError);
    expect(seen.length).toBeGreaterThan(0);
    expectNoneIn(textsOf(error), ['tok_echo_in_throw', ...seen]);
  });

  it('codes this client received, echoed later in an error text, are scrubbed', async () => {
    const setup = await sandboxSetup();
    const sent = await setup.huuray.send(setup.gift('codes-1'));
    const codes = sent.vouchers.flatMap((v) => [v.code, v.redeemLink]).filter((c): c is string => c !== null);
    expect(codes.length).toBe(2);
    setup.sandbox.state.faults.next('Balance', { kind: 'echo', status: 400, codes: 1 });
    const error = await setup.huuray.balances().catch((e: unknown) => e);
    expect(setup.sandbox.state.requestLog.at(-1)?.echoed).toContain(codes[0]);
    expectNoneIn([...textsOf(error), JSON.stringify(setup.events)], [...codes, ...credentials(setup)]);
  });
});
