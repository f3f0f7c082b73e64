import { HuurayValidationError } from './errors/validation-error.js';

/** Produces the value of `X-API-NONCE`; called once per attempt. */
export type NonceFactory = () => string;

/** Huuray accepts nonces of at most 50 characters; visible ASCII (0x21-0x7E) is the safe set. */
export const MAX_NONCE_LENGTH = 50;
const VISIBLE_ASCII = /^[\x21-\x7E]+$/;
const NONCE_BYTES = 24;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The default nonce: 24 bytes from the platform's CSPRNG as base64url (32 characters).
 * Timestamps collide under concurrency and 32 bytes as hex (64 characters) is over the limit.
 */
export const randomNonce: NonceFactory = () => base64url(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));

/** Throws `HuurayValidationError` unless `nonce` is 1-50 visible ASCII characters. */
export function assertValidNonce(nonce: unknown): asserts nonce is string {
  let problem: string | undefined;
  if (typeof nonce !== 'string') problem = `must be a string, got ${typeof nonce}`;
  else if (nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH)
    problem = `must be 1-${MAX_NONCE_LENGTH} characters, got ${nonce.length}`;
  else if (!VISIBLE_ASCII.test(nonce)) problem = 'must contain only visible ASCII characters (0x21-0x7E)';
  if (problem !== undefined) {
    throw new HuurayValidationError('nonce from the nonce factory', [{ path: 'nonce', message: problem }]);
  }
}
