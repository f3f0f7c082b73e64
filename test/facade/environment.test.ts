import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHuurayClient, Huuray, HuurayValidationError } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 12 });
});
afterAll(() => sandbox.close());
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

function validationIssues(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof HuurayValidationError) return error.issues.map((i) => i.path);
    throw error;
  }
  throw new Error('expected a HuurayValidationError');
}

describe('Huuray.fromEnv', () => {
  it('reads token, secret and base URL from the given environment and reaches that server', async () => {
    const huuray = Huuray.fromEnv({
      HUURAY_API_TOKEN: sandbox.token,
      HUURAY_API_SECRET: sandbox.secret,
      HUURAY_BASE_URL: sandbox.url,
    });
    expect(huuray.raw.baseUrl).toBe(sandbox.url);
    expect((await huuray.balances()).length).toBeGreaterThan(0);
  });

  it('reads process.env when no environment is given', async () => {
    vi.stubEnv('HUURAY_API_TOKEN', sandbox.token);
    vi.stubEnv('HUURAY_API_SECRET', sandbox.secret);
    vi.stubEnv('HUURAY_BASE_URL', sandbox.url);
    expect((await Huuray.fromEnv().balances()).length).toBeGreaterThan(0);
  });

  it('defaults to the production URL when HUURAY_BASE_URL is unset, and overrides win', () => {
    expect(Huuray.fromEnv({ HUURAY_API_TOKEN: 't', HUURAY_API_SECRET: 's' }).raw.baseUrl).toBe(
      'https://api.huuray.com',
    );
    const env = { HUURAY_API_TOKEN: 't', HUURAY_API_SECRET: 's', HUURAY_BASE_URL: 'https://a.example' };
    expect(Huuray.fromEnv(env, { baseUrl: 'https://b.example' }).raw.baseUrl).toBe('https://b.example');
  });

  it('names every missing or blank variable, and nothing else', () => {
    expect(validationIssues(() => Huuray.fromEnv({}))).toEqual(['HUURAY_API_TOKEN', 'HUURAY_API_SECRET']);
    expect(validationIssues(() => Huuray.fromEnv({ HUURAY_API_TOKEN: 't', HUURAY_API_SECRET: '  ' }))).toEqual([
      'HUURAY_API_SECRET',
    ]);
    expect(
      validationIssues(() => Huuray.fromEnv({ HUURAY_API_SECRET: 's' }, { token: 't', baseUrl: 'http://x.com' })),
    ).toEqual(['baseUrl']); // the overrides supplied the token; the insecure URL is still refused
  });

  it('works where there is no process at all (edge runtimes) when given an env', () => {
    vi.stubGlobal('process', undefined);
    expect(validationIssues(() => Huuray.fromEnv())).toEqual(['HUURAY_API_TOKEN', 'HUURAY_API_SECRET']);
    expect(Huuray.fromEnv({ HUURAY_API_TOKEN: 't', HUURAY_API_SECRET: 's' })).toBeInstanceOf(Huuray);
  });
});

describe('browser guard', () => {
  const options = () => ({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });

  it('refuses a client where window and document exist, explaining the secret would be exposed', () => {
    const requestsBefore = sandbox.state.requestLog.length;
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    for (const build of [() => new Huuray(options()), () => createHuurayClient(options())]) {
      expect(build).toThrow(HuurayValidationError);
      expect(build).toThrow(/browser.*secret would be exposed.*dangerouslyAllowBrowser: true/);
    }
    expect(sandbox.state.requestLog.length).toBe(requestsBefore);
  });

  it('allows it with dangerouslyAllowBrowser: true, and needs no opt-in with only one of the globals', async () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    const huuray = new Huuray({ ...options(), dangerouslyAllowBrowser: true });
    expect((await huuray.balances()).length).toBeGreaterThan(0);
    vi.unstubAllGlobals();
    vi.stubGlobal('window', {}); // e.g. a Web Worker-like scope: no document
    expect(() => new Huuray(options())).not.toThrow();
  });
});
