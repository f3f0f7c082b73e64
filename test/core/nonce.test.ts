import { describe, expect, it } from 'vitest';
import { HuurayValidationError } from '../../src/core/errors/validation-error.js';
import { assertValidNonce, MAX_NONCE_LENGTH, randomNonce } from '../../src/core/nonce.js';

describe('randomNonce', () => {
  it('gives 100,000 distinct values, each 1-50 visible ASCII characters', () => {
    const seen = new Set<string>();
    const invalid: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const nonce = randomNonce();
      if (nonce.length < 1 || nonce.length > MAX_NONCE_LENGTH || !/^[\x21-\x7E]+$/.test(nonce)) invalid.push(nonce);
      seen.add(nonce);
    }
    expect(invalid).toEqual([]);
    expect(seen.size).toBe(100_000);
  });

  it('is 24 random bytes as base64url: 32 characters of the base64url alphabet', () => {
    expect(randomNonce()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(randomNonce(), 'base64url')).toHaveLength(24);
  });

  it('encodes every bit: across pool refills each position takes almost every base64url character', () => {
    // The bytes come from the CSPRNG in batches; a mistake in slicing or zeroing the batch would show
    // as positions stuck at a few characters ('A' for zeroed bytes). 10,000 nonces span 40 refills.
    const seen = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 10_000; i++) {
      const nonce = randomNonce();
      for (let p = 0; p < 32; p++) seen[p]?.add(nonce[p] as string);
    }
    expect(Math.min(...seen.map((s) => s.size))).toBeGreaterThanOrEqual(60);
  });
});

describe('assertValidNonce', () => {
  it.each([
    ['', '1-50 characters'],
    ['x'.repeat(51), '1-50 characters'],
    ['has space', 'visible ASCII'],
    ['tab\there', 'visible ASCII'],
    ['ünïcode', 'visible ASCII'],
  ])('refuses %j with a clear message', (nonce, words) => {
    const error = (() => {
      try {
        assertValidNonce(nonce);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(HuurayValidationError);
    expect((error as HuurayValidationError).message).toContain(words);
    expect((error as HuurayValidationError).issues[0]?.path).toBe('nonce');
  });

  it('refuses a non-string', () => {
    expect(() => assertValidNonce(42)).toThrow(/must be a string/);
  });

  it('accepts the extremes of the allowed set', () => {
    expect(() => assertValidNonce('!')).not.toThrow();
    expect(() => assertValidNonce('~'.repeat(50))).not.toThrow();
  });
});
