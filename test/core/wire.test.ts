import type { ServerResponse } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRetryAfter } from '../../src/core/retry-policy.js';
import { wireFor } from '../../src/core/signed-call.js';
import {
  Huuray,
  HuurayConnectionError,
  HuurayRateLimitError,
  HuurayRedirectError,
  HuurayResponseTooLargeError,
  HuurayTimeoutError,
  HuurayValidationError,
} from '../../src/index.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { startTestServer, type TestHandler } from '../helpers/http-server.js';
import { closedAfterEach } from '../helpers/per-test.js';

// Both wires the facade can send with (src/core/wire.ts) hold to the same rules, checked here side by
// side against a real node:http server: the fetch wire runs on every runtime, the node:http wire is
// the default on Node.js.
const WIRES = ['node', 'fetch'] as const;

const start = closedAfterEach((handler: TestHandler) => startTestServer(handler));

const BALANCES = { Balances: [{ Currency: 'DKK', Balance: 12345, Master: true }], Status: 200 };
const balancesText = JSON.stringify(BALANCES);

function send(res: ServerResponse, body: Buffer | string, headers: Record<string, string | number> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/** Writes `body` in pieces of `size` bytes, each flushed on its own, so the client reads it in many chunks. */
async function trickle(res: ServerResponse, body: Buffer, size: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  for (let at = 0; at < body.length; at += size) {
    if (!res.write(body.subarray(at, at + size))) await new Promise((resolve) => res.once('drain', resolve));
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each(WIRES)("the facade's %s wire", (httpClient) => {
  const huurayAt = (url: string, options: Parameters<typeof fastHuuray>[1] = {}) =>
    fastHuuray(url, { httpClient, ...options });

  it('sends the signed request as the API expects it, with the body as JSON', async () => {
    const server = await start((_r, res) => send(res, JSON.stringify({ Products: [], Status: 200 })));
    await huurayAt(server.url).catalogue({ all: true });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/v4/Catalogue', body: '{"All":true}' });
    expect(request?.headers).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': '12',
      'x-api-token': 'test-token',
    });
    expect(request?.headers['x-api-nonce']).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(request?.headers['x-api-hash']).toMatch(/^[0-9a-f]{128}$/);
  });

  it('keeps the path of a base URL, the Host header and the query, and reads a Retry-After sent twice', async () => {
    let answered = 0;
    const server = await start((_r, res) => {
      answered++;
      if (answered === 1) {
        res.writeHead(429, [
          ['Content-Type', 'application/json'],
          ['Retry-After', '7'],
          ['retry-after', '9'],
        ]);
        res.end('{"Status":429}');
        return;
      }
      send(res, JSON.stringify({ Status: 200, Rate: 7.45, Spread: 1, FromCurrency: 'EUR', ToCurrency: 'DKK' }));
    });
    const huuray = huurayAt(`${server.url}/gateway/huuray`, { maxRetries: 0 });
    const error = await huuray.balances().catch((e: unknown) => e);
    // Repeated headers are joined as fetch's Headers.get joins them, whichever wire read them.
    expect(error).toBeInstanceOf(HuurayRateLimitError);
    expect((error as HuurayRateLimitError).retryAfterMs).toBe(parseRetryAfter('7, 9'));
    await huuray.exchangeRate({ from: 'EUR', to: 'DKK' }).catch(() => undefined);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/gateway/huuray/v4/Balance',
      '/gateway/huuray/v4/ExchangeRates?FromCurrency=EUR&ToCurrency=DKK',
    ]);
    expect(server.requests[0]?.headers.host).toBe(new URL(server.url).host);
  });

  it.each([
    ['gzip', (b: Buffer) => gzipSync(b)],
    ['br', (b: Buffer) => brotliCompressSync(b)],
  ] as const)('decodes a %s answer', async (encoding, encode) => {
    const server = await start((_r, res) =>
      send(res, encode(Buffer.from(balancesText)), { 'content-encoding': encoding }),
    );
    expect(await huurayAt(server.url).balances()).toEqual([{ currency: 'DKK', amountMinor: 12345, master: true }]);
  });

  it('counts a compressed answer as it decodes: a small gzip cannot unpack past the limit', async () => {
    const bomb = gzipSync(Buffer.from(`{"Balances":[],"Pad":"${'0'.repeat(2_000_000)}"}`));
    expect(bomb.length).toBeLessThan(10_000);
    const server = await start((_r, res) =>
      send(res, bomb, { 'content-encoding': 'gzip', 'content-length': bomb.length }),
    );
    const error = await huurayAt(server.url, { maxResponseBytes: { Balance: 100_000 } })
      .balances()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: 100_000 });
  });

  it('refuses a declared length over the limit, and an undeclared body once it passes the limit', async () => {
    const big = Buffer.from(`{"Balances":[],"Pad":"${'x'.repeat(50_000)}"}`);
    const declared = await start((_r, res) => send(res, big, { 'content-length': big.length }));
    const streamed = await start((_r, res) => trickle(res, big, 8_192));
    for (const server of [declared, streamed]) {
      const huuray = huurayAt(server.url, { maxResponseBytes: { Balance: 10_000 }, maxRetries: 0 });
      await expect(huuray.balances()).rejects.toBeInstanceOf(HuurayResponseTooLargeError);
    }
  });

  it('drops a leading byte order mark, as Response.text() does', async () => {
    const server = await start((_r, res) => send(res, `\uFEFF${balancesText}`));
    expect(await huurayAt(server.url).balances()).toHaveLength(1);
  });

  it.each([
    ['a small answer', 1, 3],
    ['an answer decoded as a rope (over 16 MiB)', 17 * 1024 * 1024, 65_521],
  ])('keeps characters cut between chunks whole in %s', async (_what, padBytes, chunkBytes) => {
    const name = 'Æblegården – 東京 – 😀';
    const body = Buffer.from(
      JSON.stringify({ Templates: [{ ID: 1, Name: name, Type: 'Email' }], Pad: '.'.repeat(padBytes), Status: 200 }),
    );
    const server = await start((_r, res) => trickle(res, body, chunkBytes));
    const huuray = huurayAt(server.url, { maxResponseBytes: { Template: 64 * 1024 * 1024 }, timeoutMs: 60_000 });
    expect((await huuray.templates())[0]?.name).toBe(name);
  });

  it('never follows a redirect', async () => {
    const server = await start((_r, res) => {
      res.writeHead(307, { location: '/v4/Balance?again=1' });
      res.end();
    });
    await expect(huurayAt(server.url).balances()).rejects.toBeInstanceOf(HuurayRedirectError);
    expect(server.requests).toHaveLength(1);
  });

  it('hands Retry-After to the retry policy', async () => {
    const server = await start((_r, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end('{"Status":429}');
    });
    const error = await huurayAt(server.url, { maxRetries: 0 })
      .balances()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 7000 });
  });

  it("rejects with the caller's reason when aborted half-way through the body", async () => {
    const server = await start((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Balances":[');
    });
    const controller = new AbortController();
    const pending = huurayAt(server.url, { timeoutMs: 60_000 })
      .balances({ signal: controller.signal })
      .catch((e: unknown) => e);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reason = new Error('caller gave up');
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  it('times out an answer whose body stops coming', async () => {
    const server = await start((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Balances":[');
    });
    const error = await huurayAt(server.url, { timeoutMs: 200, maxRetries: 0 })
      .balances()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayTimeoutError);
  });

  it('reports a connection closed half-way through the body as a connection error, and retries the read', async () => {
    let calls = 0;
    const server = await start((_r, res) => {
      if (++calls > 1) return send(res, balancesText);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      res.write('{"Balances":[');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const events: string[] = [];
    const huuray = huurayAt(server.url, {
      logger: (event) => {
        if (event.type === 'attempt') events.push(event.outcome);
      },
    });
    expect(await huuray.balances()).toHaveLength(1);
    expect(events).toEqual(['connection-error', 'ok']);
  });

  it('keeps the token, nonce and hash out of a connection error', async () => {
    const server = await start((_r, res) => void res.socket?.destroy());
    const error = await huurayAt(server.url, { maxRetries: 0, token: 'tok-SECRET-123' })
      .balances()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayConnectionError);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('tok-SECRET-123');
  });
});

describe('choosing the wire', () => {
  it("refuses an httpClient it does not know, and 'node' together with a fetch, before any request", () => {
    const base = { token: 't', secret: 's', baseUrl: 'http://127.0.0.1:9' };
    expect(() => new Huuray({ ...base, httpClient: 'undici' as 'node' })).toThrow(HuurayValidationError);
    expect(() => new Huuray({ ...base, httpClient: 'node', fetch: (r) => fetch(r) })).toThrow(/httpClient/);
  });

  it("falls back to fetch where node:http is not Node's own, and refuses an explicit 'node' there", () => {
    vi.stubGlobal('Deno', {});
    expect(wireFor({})).toBeTypeOf('function');
    expect(() => wireFor({ httpClient: 'node' })).toThrow(HuurayValidationError);
  });

  it('uses a given fetch whatever the default would be', async () => {
    const server = await start((_r, res) => send(res, balancesText));
    const seen: string[] = [];
    const huuray = fastHuuray(server.url, {
      fetch: (request) => {
        seen.push(request.url);
        return fetch(request);
      },
    });
    expect(await huuray.balances()).toHaveLength(1);
    expect(seen).toEqual([`${server.url}/v4/Balance`]);
  });
});
