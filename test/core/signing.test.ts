import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../src/core/signing.js';

// The vector is computed here with node:crypto, independently of the code under test.
const secret = 'tOp-SeCrEt/æøå';
const nonce = 'Zm9vYmFyLWJhei0xMjM0NTY3ODkwYWJjZGVm';
const expected = createHash('sha512')
  .update(Buffer.from(secret + nonce, 'utf8'))
  .digest('hex');

describe('X-API-HASH', () => {
  it('is lowercase hex SHA-512 of UTF-8(secret + nonce) with node:crypto', async () => {
    const hash = await createSigner(secret)(nonce);
    expect(hash).toBe(expected);
    expect(hash).toMatch(/^[0-9a-f]{128}$/);
  });

  it('is the same through Web Crypto, the path taken on edge runtimes', async () => {
    const sign = createSigner(secret, 'webcrypto');
    const pending = sign(nonce);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBe(expected);
  });

  it('matches a published SHA-512 test vector (FIPS 180-2, "abc")', async () => {
    expect(await createSigner('ab')('c')).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });
});
