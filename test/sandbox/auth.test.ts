import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox, TEXTS } from '../../src/sandbox/index.js';
import { call, callJson, freshNonce, sha512Hex } from './signed.js';

describe('sandbox authentication', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11 });
  });
  afterAll(() => sandbox.close());

  const expect401 = async (response: Response, message: string) => {
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ Status: 401, StatusMessage: message, Message: message });
  };

  it('accepts a correctly signed request', async () => {
    const { status, body } = await callJson(sandbox, '/v4/Balance', { method: 'GET' });
    expect(status).toBe(200);
    expect(body.Status).toBe(200);
  });

  it('refuses a wrong token', async () => {
    await expect401(await call(sandbox, '/v4/Balance', { method: 'GET', token: 'not-a-token' }), TEXTS.unknownToken);
  });

  it('refuses a missing token', async () => {
    const response = await fetch(`${sandbox.url}/v4/Balance`, { headers: { 'X-API-NONCE': 'n', 'X-API-HASH': 'h' } });
    await expect401(response, TEXTS.missingToken);
  });

  it('refuses a wrong hash', async () => {
    await expect401(await call(sandbox, '/v4/Balance', { method: 'GET', hash: sha512Hex('wrong') }), TEXTS.badHash);
  });

  it('refuses the right hash in upper-case hex, as the live API does', async () => {
    const nonce = freshNonce();
    const hash = sha512Hex(sandbox.secret + nonce).toUpperCase();
    await expect401(await call(sandbox, '/v4/Balance', { method: 'GET', nonce, hash }), TEXTS.badHash);
  });

  it('refuses a nonce over 50 characters even when correctly signed', async () => {
    await expect401(await call(sandbox, '/v4/Balance', { method: 'GET', nonce: 'a'.repeat(51) }), TEXTS.badNonce);
    expect((await call(sandbox, '/v4/Balance', { method: 'GET', nonce: 'b'.repeat(50) })).status).toBe(200);
  });

  it('refuses a nonce that is not visible ASCII', async () => {
    await expect401(await call(sandbox, '/v4/Balance', { method: 'GET', nonce: 'caf\u00e9-nonce' }), TEXTS.badNonce);
    await expect401(await call(sandbox, '/v4/Balance', { method: 'GET', nonce: 'two words' }), TEXTS.badNonce);
  });

  it('refuses a replayed nonce and remembers it in the state', async () => {
    const nonce = freshNonce();
    expect((await call(sandbox, '/v4/Balance', { method: 'GET', nonce })).status).toBe(200);
    await expect401(await call(sandbox, '/v4/Balance', { method: 'GET', nonce }), TEXTS.reusedNonce);
    expect(sandbox.state.seenNonces().has(nonce)).toBe(true);
  });

  it('does not burn a nonce on a request with a wrong hash', async () => {
    const nonce = freshNonce();
    await call(sandbox, '/v4/Balance', { method: 'GET', nonce, hash: sha512Hex('forged') });
    expect((await call(sandbox, '/v4/Balance', { method: 'GET', nonce })).status).toBe(200);
  });

  it('keeps the token but never the secret, nonce or hash in the request log', async () => {
    const nonce = freshNonce();
    await call(sandbox, '/v4/Balance', { method: 'GET', nonce });
    const logged = JSON.stringify(sandbox.state.requestLog);
    expect(logged).toContain(sandbox.token);
    expect(logged).not.toContain(sandbox.secret);
    expect(logged).not.toContain(nonce);
    expect(logged).not.toContain(sha512Hex(sandbox.secret + nonce));
  });
});
