import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHuurayClient, DEFAULT_BASE_URL, HuurayValidationError } from '../../src/index.js';
import { json, startTestServer, type TestServer } from '../helpers/http-server.js';

const token = 'tok_live_5f2b9c0d1e';
const secret = 'sec_live_9a8b7c6d5e4f3a2b1c';
const sha512 = (s: string) => createHash('sha512').update(s, 'utf8').digest('hex');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((_req, res) => json(res, 200, { Balances: [], Status: 200 }));
});
afterAll(() => server.close());

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('signing middleware', () => {
  it('sends the token, a fresh nonce and its hash on every request', async () => {
    const client = createHuurayClient({ token, secret, baseUrl: server.url });
    const before = server.requests.length;
    await client.GET('/v4/Balance');
    await client.GET('/v4/Balance');
    await client.POST('/v4/Template');
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(3);
    const nonces = sent.map((r) => r.headers['x-api-nonce']);
    expect(new Set(nonces).size).toBe(3);
    for (const request of sent) {
      const nonce = String(request.headers['x-api-nonce']);
      expect(request.headers['x-api-token']).toBe(token);
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(request.headers['x-api-hash']).toBe(sha512(secret + nonce));
    }
  });

  it('uses a custom nonce factory for each request', async () => {
    let n = 0;
    const client = createHuurayClient({ token, secret, baseUrl: server.url, nonce: () => `order-nonce-${++n}` });
    await client.GET('/v4/Balance');
    await client.GET('/v4/Balance');
    const [a, b] = server.requests.slice(-2);
    expect(a?.headers['x-api-nonce']).toBe('order-nonce-1');
    expect(b?.headers['x-api-nonce']).toBe('order-nonce-2');
    expect(b?.headers['x-api-hash']).toBe(sha512(`${secret}order-nonce-2`));
  });

  it('refuses a custom nonce that is too long or not visible ASCII, before sending anything', async () => {
    for (const bad of ['n'.repeat(51), 'with space', '']) {
      const client = createHuurayClient({ token, secret, baseUrl: server.url, nonce: () => bad });
      const before = server.requests.length;
      await expect(client.GET('/v4/Balance')).rejects.toBeInstanceOf(HuurayValidationError);
      expect(server.requests.length).toBe(before);
    }
  });

  it('overrides signing headers a caller tries to set', async () => {
    const client = createHuurayClient({ token, secret, baseUrl: server.url });
    await client.GET('/v4/Balance', { headers: { 'X-API-NONCE': 'replayed', 'X-API-HASH': 'forged' } });
    const last = server.requests.at(-1);
    expect(last?.headers['x-api-nonce']).not.toBe('replayed');
    expect(last?.headers['x-api-hash']).toBe(sha512(secret + String(last?.headers['x-api-nonce'])));
  });
});

describe('base URL', () => {
  it('defaults to production, https://api.huuray.com', async () => {
    let seen = '';
    const client = createHuurayClient({
      token,
      secret,
      // Captures the URL only; nothing leaves the machine.
      fetch: async (request) => {
        seen = request.url;
        return new Response('{"Balances":[]}', { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.GET('/v4/Balance');
    expect(DEFAULT_BASE_URL).toBe('https://api.huuray.com');
    expect(seen).toBe('https://api.huuray.com/v4/Balance');
  });

  it.each([
    'https://api.huuray.com',
    'https://api.huuray.com/',
    'http://127.0.0.1:4010',
    'http://localhost:8080',
    'http://[::1]:9000',
  ])('accepts %s', (baseUrl) => {
    expect(() => createHuurayClient({ token, secret, baseUrl })).not.toThrow();
  });

  it.each([
    ['http://api.huuray.com', 'plain http is allowed only for loopback'],
    ['http://10.0.0.5', 'plain http is allowed only for loopback'],
    ['ftp://api.huuray.com', 'must use https'],
    ['api.huuray.com', 'absolute URL'],
    ['https://user:pw@api.huuray.com', 'credentials'],
    ['https://api.huuray.com/?x=1', 'query or fragment'],
  ])('refuses %s with a clear error', (baseUrl, words) => {
    const error = caught(() => createHuurayClient({ token, secret, baseUrl }));
    expect(error).toBeInstanceOf(HuurayValidationError);
    expect(String(error)).toContain(words);
    expect((error as HuurayValidationError).issues[0]?.path).toBe('baseUrl');
  });
});

describe('credentials', () => {
  it('are required, each reported by name', () => {
    const error = caught(() => createHuurayClient({ token: '', secret: '' })) as HuurayValidationError;
    expect(error).toBeInstanceOf(HuurayValidationError);
    expect(error.issues.map((i) => i.path)).toEqual(['token', 'secret']);
  });

  it('refuse a token with whitespace without echoing it', () => {
    const error = caught(() => createHuurayClient({ token: `${token}\n`, secret }));
    expect(String(error)).toContain('visible ASCII');
    expect(String(error)).not.toContain(token);
  });

  it('never show in String, JSON, inspect, or errors of the client', async () => {
    const client = createHuurayClient({ token, secret, baseUrl: 'http://127.0.0.1:9' });
    const views = [
      String(client),
      JSON.stringify(client),
      inspect(client, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    ];
    const failure = await client.GET('/v4/Balance').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    views.push(String(failure), inspect(failure, { showHidden: true, depth: Number.POSITIVE_INFINITY }));
    const badUrl = caught(() => createHuurayClient({ token, secret, baseUrl: 'http://example.com' }));
    views.push(String(badUrl), inspect(badUrl, { depth: Number.POSITIVE_INFINITY }), JSON.stringify(badUrl));
    for (const view of views) {
      expect(view).not.toContain(token);
      expect(view).not.toContain(secret);
    }
    expect(String(client)).toBe("HuurayClient { baseUrl: 'http://127.0.0.1:9' }");
  });
});
