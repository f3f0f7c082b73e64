/**
 * X-API-HASH = lowercase hex SHA-512 of UTF-8(secret + nonce). Upper-case hex, base64 and base64url
 * were tried against the live API and answer 401 (HUURAY-FACTS S1).
 */
import { builtinModule } from './builtin-module.js';

export type Signer = (nonce: string) => string | Promise<string>;

/** The part of node:crypto the client hashes with (SHA-512 signatures, SHA-256 fingerprints). */
export interface NodeCrypto {
  createHash(algorithm: string): { update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}

/** node:crypto when the runtime offers it without a static import (Node >= 20.16, Bun, Deno), else undefined. */
export function nodeCrypto(): NodeCrypto | undefined {
  return builtinModule('node:crypto') as NodeCrypto | undefined;
}

function hex(bytes: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(bytes)) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Signs with node:crypto's synchronous hash (about 5x faster here) where present, with Web Crypto elsewhere. */
export function createSigner(secret: string, runtime: 'auto' | 'webcrypto' = 'auto'): Signer {
  const node = runtime === 'auto' ? nodeCrypto() : undefined;
  if (node !== undefined) {
    return (nonce) =>
      node
        .createHash('sha512')
        .update(secret + nonce, 'utf8')
        .digest('hex');
  }
  const encoder = new TextEncoder();
  return async (nonce) => hex(await crypto.subtle.digest('SHA-512', encoder.encode(secret + nonce)));
}
