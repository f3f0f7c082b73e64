/**
 * Authentication as Huuray does it: the token names the account, X-API-HASH must be the lowercase
 * hex SHA-512 of secret + nonce (upper case and base64 are refused live), and a nonce of 1-50 visible
 * ASCII characters is accepted once per account. Written here with node:crypto on purpose: the
 * client signs with its own code, and sharing it would let a common bug pass every test.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxAccount } from './accounts.js';
import { failure, type HandlerResult, TEXTS } from './responses.js';
import type { SandboxState } from './state.js';

const VISIBLE_ASCII = /^[\x21-\x7E]{1,50}$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The hash the API expects for `nonce`. */
export function expectedHash(secret: string, nonce: string): string {
  return createHash('sha512')
    .update(secret + nonce, 'utf8')
    .digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The account the request is signed for, or a 401. The nonce is recorded only once the hash is
 * right, so a forged request cannot burn another caller's nonce.
 */
export function authenticate(
  state: SandboxState,
  headers: IncomingHttpHeaders,
): { account: SandboxAccount } | { error: HandlerResult } {
  const token = header(headers, 'x-api-token');
  if (token === undefined || token === '') return { error: failure(401, TEXTS.missingToken) };
  const account = state.findAccount(token);
  if (account === undefined) return { error: failure(401, TEXTS.unknownToken) };
  const nonce = header(headers, 'x-api-nonce');
  if (nonce === undefined || !VISIBLE_ASCII.test(nonce)) return { error: failure(401, TEXTS.badNonce) };
  const hash = header(headers, 'x-api-hash') ?? '';
  if (!sameText(hash, expectedHash(account.secret, nonce))) return { error: failure(401, TEXTS.badHash) };
  if (!state.useNonce(account.token, nonce)) return { error: failure(401, TEXTS.reusedNonce) };
  return { account };
}
