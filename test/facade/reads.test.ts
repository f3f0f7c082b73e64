import { afterEach, describe, expect, it } from 'vitest';
import {
  Huuray,
  HuurayBadRequestError,
  type HuurayEvent,
  HuurayNotFoundError,
  HuurayRateLimitError,
  HuurayResponseValidationError,
  HuurayServerError,
  HuurayTimeoutError,
} from '../../src/index.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { json, startTestServer, type TestHandler, type TestServer } from '../helpers/http-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers each request with the next scripted handler; the last one repeats. */
async function scripted(...steps: TestHandler[]) {
  let i = 0;
  server = await startTestServer((req, res, raw) =>
    (steps[Math.min(i++, steps.length - 1)] as TestHandler)(req, res, raw),
  );
  const events: HuurayEvent[] = [];
  // Long enough that a busy machine never turns an answer into a timeout; only a handler that never answers times out.
  const huuray = fastHuuray(server.url, { timeoutMs: 1_500, logger: (e) => events.push(e) });
  return { server, huuray, events };
}

const balances: TestHandler = (_r, res) =>
  json(res, 200, { Balances: [{ Currency: 'DKK', Balance: 12345, Master: true }], Status: 200 });

describe('reads are retried safely', () => {
  it('retries a 5xx and a dropped connection, each attempt with a fresh nonce', async () => {
    const { server, huuray, events } = await scripted(
      (_r, res) => json(res, 503, { Status: 503, StatusMessage: 'busy' }),
      (_r, res) => void res.socket?.destroy(),
      balances,
    );
    expect(await huuray.balances()).toEqual([{ currency: 'DKK', amountMinor: 12345, master: true }]);
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.headers['x-api-nonce'])).size).toBe(3);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e.type === 'retry' ? e.reason : ''))).toEqual([
      'HuurayServerError',
      'HuurayConnectionError',
    ]);
  });

  it('retries a timeout', async () => {
    const { server, huuray } = await scripted(() => undefined, balances);
    expect(await huuray.balances()).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    const { server, huuray, events } = await scripted((_r, res) => {
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
      res.end('{"Status":429}');
    }, balances);
    await huuray.balances();
    // The wait the client chose, not a stopwatch: a busy machine cannot make this flaky.
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 1000 });
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait for a Retry-After over 60 s: the 429 is thrown with it', async () => {
    const { server, huuray } = await scripted((_r, res) => {
      res.writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' });
      res.end('{"Status":429,"StatusMessage":"quota"}');
    });
    const error = await huuray.balances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayRateLimitError);
    expect((error as HuurayRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxRetries with the last error, typed', async () => {
    const { server, huuray } = await scripted((_r, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><h1>502 Bad Gateway</h1></html>');
    });
    const error = await huuray.balances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayServerError);
    expect((error as HuurayServerError).status).toBe(502);
    expect(String(error)).not.toContain('<html>');
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a 400, and keeps the StatusMessage (or the deprecated Message)', async () => {
    const { server, huuray } = await scripted((_r, res) =>
      json(res, 400, { Status: 400, Message: 'ProductToken is invalid' }),
    );
    const error = await huuray.stock({ productToken: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayBadRequestError);
    expect(error).toMatchObject({
      status: 400,
      apiStatus: 400,
      statusMessage: 'ProductToken is invalid',
      operation: 'POST /v4/Stock',
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('never repeats the token or secret should the server echo them in its message', async () => {
    server = await startTestServer((_r, res) =>
      json(res, 401, { Status: 401, StatusMessage: 'API token tok_live_ABC with secret sec_live_XYZ refused' }),
    );
    const huuray = new Huuray({ token: 'tok_live_ABC', secret: 'sec_live_XYZ', baseUrl: server.url });
    const error = await huuray.balances().catch((e: unknown) => e);
    expect(String(error)).toContain('API token [redacted] with secret [redacted] refused');
  });

  it('times out per call when asked', async () => {
    const { huuray } = await scripted(() => undefined);
    const error = await huuray.balances({ timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayTimeoutError);
    expect((error as HuurayTimeoutError).timeoutMs).toBe(50);
  });

  it('stops at once when the caller aborts', async () => {
    const { server, huuray } = await scripted(() => undefined);
    const controller = new AbortController();
    const pending = huuray.balances({ signal: controller.signal }).catch((e: unknown) => e);
    // Abort once the request is in flight, however long a busy machine takes to get it there.
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('caller gave up'));
    expect(String(await pending)).toContain('caller gave up');
    expect(server.requests).toHaveLength(1);
  });

  it('treats 404 as empty for templates, catalogue and search, each with its attempt event and no retry', async () => {
    const { huuray, events, server } = await scripted((_r, res) =>
      json(res, 404, { Status: 404, StatusMessage: 'There were no active templates' }),
    );
    expect(await huuray.templates()).toEqual([]);
    expect(await huuray.catalogue()).toEqual([]);
    expect(await huuray.orders.find({ refId: 'nothing' })).toBeNull();
    expect(server.requests).toHaveLength(3);
    expect(events.map((e) => (e.type === 'attempt' ? [e.operation, e.outcome, e.status] : e.type))).toEqual([
      ['POST /v4/Template', 'http-error', 404],
      ['POST /v4/Catalogue', 'http-error', 404],
      ['POST /v4/Search', 'http-error', 404],
    ]);
  });

  it('still throws HuurayNotFoundError for a 404 where it does not mean empty', async () => {
    const { huuray } = await scripted((_r, res) => json(res, 404, { Status: 404, StatusMessage: 'No such thing' }));
    const error = await huuray.balances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayNotFoundError);
    expect((error as HuurayNotFoundError).statusMessage).toBe('No such thing');
  });
});

describe('response validation', () => {
  const wrong: TestHandler = (_r, res) => json(res, 200, { Balances: [{ Currency: 'DKK', Balance: '12345' }] });

  it('throws by default on a body that departs from the spec, naming the path and not the value', async () => {
    const { huuray } = await scripted(wrong);
    const error = await huuray.balances().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuurayResponseValidationError);
    expect((error as HuurayResponseValidationError).issues[0]?.path).toBe('Balances.0.Balance');
    expect(String(error)).not.toContain('12345');
  });

  it("logs and goes on with 'warn'", async () => {
    server = await startTestServer(wrong);
    const events: HuurayEvent[] = [];
    const huuray = new Huuray({
      token: 't',
      secret: 's',
      baseUrl: server.url,
      validateResponses: 'warn',
      logger: (e) => events.push(e),
    });
    expect(await huuray.balances()).toHaveLength(1);
    expect(events.some((e) => e.type === 'response-validation')).toBe(true);
  });

  it('skips with false', async () => {
    server = await startTestServer(wrong);
    const huuray = new Huuray({ token: 't', secret: 's', baseUrl: server.url, validateResponses: false });
    expect(await huuray.balances()).toHaveLength(1);
  });

  it('accepts the date-time forms .NET sends', async () => {
    const forms = [
      '2027-12-31T23:59:59',
      '2027-12-31T23:59:59.1234567',
      '2027-12-31T23:59:59+01:00',
      '2027-12-31T23:59:59Z',
    ];
    const { huuray } = await scripted((_r, res) =>
      json(res, 200, { OrderUID: 'o', RefID: 'r', Vouchers: forms.map((Expires, i) => ({ ID: i, Expires })) }),
    );
    const order = await huuray.orders.find({ refId: 'r' });
    expect(order?.vouchers.map((v) => v.expires)).toEqual(forms);
  });
});
