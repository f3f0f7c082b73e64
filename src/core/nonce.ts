import { HuurayValidationError } from './errors/validation-error.js';

/** Produces the value of `X-API-NONCE`; called once per attempt. */
export type NonceFactory = () => string;

/** Huuray accepts nonces of at most 50 characters; visible ASCII (0x21-0x7E) is the safe set. */
export const MAX_NONCE_LENGTH = 50;
const VISIBLE_ASCII = /^[\x21-\x7E]+$/;
const NONCE_BYTES = 24;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Nonces drawn per refill of the pool: one CSPRNG call serves this many requests. */
const POOL_NONCES = 256;
let pool = new Uint8Array(0);
let offset = 0;

/** 24 bytes (a multiple of 3) as base64url without padding: exactly 32 characters. */
function encode(bytes: Uint8Array, start: number): string {
  let out = '';
  for (let i = start; i < start + NONCE_BYTES; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += BASE64URL[n >>> 18] + (BASE64URL[(n >>> 12) & 63] as string) + BASE64URL[(n >>> 6) & 63] + BASE64URL[n & 63];
  }
  return out;
}

/**
 * The default nonce: 24 bytes from the platform's CSPRNG as base64url (32 characters).
 * Timestamps collide under concurrency and 32 bytes as hex (64 characters) is over the limit.
 * The bytes are drawn from the CSPRNG in batches (one call per 256 nonces, as Node's own
 * `randomUUID` does) because a call per nonce cost more than the SHA-512 itself; every nonce still
 * gets bytes no other nonce saw.
 */
export const randomNonce: NonceFactory = () => {
  if (offset + NONCE_BYTES > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(NONCE_BYTES * POOL_NONCES));
    offset = 0;
  }
  const nonce = encode(pool, offset);
  // Zero what was used so the pool never holds a nonce's bytes after it is handed out.
  pool.fill(0, offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
};

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
