import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Huuray, HuurayRedirectError } from '../../src/index.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { closedAfterEach } from '../helpers/per-test.js';
import { sandboxSetup } from '../helpers/sandbox-huuray.js';

// The origin a redirect points at. It must never receive anything: not the request, not a header.
const startElsewhere = closedAfterEach(() =>
  startTestServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"OrderUID":"attacker","RefID":"x","Vouchers":[],"Status":200}');
  }),
);

const STATUSES = [301, 302, 303, 307, 308] as const;

function expectNothingReached(elsewhere: TestServer): void {
  expect(elsewhere.requests).toHaveLength(0);
}

describe('redirects are never followed (issue 8)', () => {
  it.each(STATUSES)(
    'a read answered %i is HuurayRedirectError and the other origin receives nothing',
    async (status) => {
      const elsewhere = await startElsewhere();
      const { sandbox, huuray } = await sandboxSetup();
      sandbox.state.faults.next('Balance', { kind: 'redirect', status, location: `${elsewhere.url}/v4/Balance` });
      const error = await huuray.balances().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HuurayRedirectError);
      expect(error).toMatchObject({ status, retryable: false });
      expectNothingReached(elsewhere);
    },
  );

  it.each(STATUSES)('an order answered %i is reconciled against the configured base URL only', async (status) => {
    const elsewhere = await startElsewhere();
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', {
      kind: 'redirect',
      status,
      location: `${elsewhere.url}/v4/Order`,
      store: true,
    });
    const sent = await huuray.send(gift(`redirect-${status}`));
    expect(sent).toMatchObject({ source: 'reconciled', orderRequests: 1 });
    expect(stored(`redirect-${status}`)).toBe(1);
    expectNothingReached(elsewhere);
  });

  it('an order redirected before it was stored is found missing by search and sent again to the base URL', async () => {
    const elsewhere = await startElsewhere();
    const { sandbox, huuray, gift, stored } = await sandboxSetup();
    sandbox.state.faults.next('Order', { kind: 'redirect', status: 307, location: `${elsewhere.url}/v4/Order` });
    const sent = await huuray.send(gift('redirect-before-store'));
    expect(sent).toMatchObject({ source: 'created', orderRequests: 2 });
    expect(stored('redirect-before-store')).toBe(1);
    expectNothingReached(elsewhere);
  });

  it('holds for an injected fetch and for the raw client', async () => {
    const elsewhere = await startElsewhere();
    const { sandbox } = await sandboxSetup();
    const huuray = new Huuray({
      token: sandbox.token,
      secret: sandbox.secret,
      baseUrl: sandbox.url,
      fetch: (request) => fetch(request),
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    sandbox.state.faults.next('Balance', { kind: 'redirect', status: 308, location: `${elsewhere.url}/v4/Balance` });
    await expect(huuray.raw.GET('/v4/Balance')).rejects.toBeInstanceOf(HuurayRedirectError);
    sandbox.state.faults.next('Balance', { kind: 'redirect', status: 302, location: `${elsewhere.url}/v4/Balance` });
    await expect(huuray.balances()).rejects.toBeInstanceOf(HuurayRedirectError);
    expectNothingReached(elsewhere);
  });
});

describe('https to http', () => {
  let dir: string;
  let key: string;
  let cert: string;
  let opensslAvailable = true;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'huuray-tls-'));
    try {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ]),
        { stdio: 'ignore' },
      );
      key = readFileSync(join(dir, 'key.pem'), 'utf8');
      cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    } catch {
      opensslAvailable = false;
    }
  });
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  afterAll(() => {
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  });

  it('an https API redirecting to plain http sends nothing there', async (context) => {
    if (!opensslAvailable) {
      console.warn('SKIPPED https->http redirect test: openssl is not available to make a test certificate');
      context.skip();
    }
    const elsewhere = await startElsewhere();
    const server = createServer({ key, cert }, (req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}${req.url ?? '/'}` });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Trust the self-signed test certificate for this file's process only.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const { port } = server.address() as AddressInfo;
      const huuray = new Huuray({
        token: 'tok_https_test',
        secret: 'sec_https_test',
        baseUrl: `https://127.0.0.1:${port}`,
        retry: { baseDelayMs: 1, maxDelayMs: 2 },
      });
      await expect(huuray.balances()).rejects.toBeInstanceOf(HuurayRedirectError);
      expectNothingReached(elsewhere);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
