/**
 * Fingerprints of reward intents: SHA-256 (hex) of a canonical JSON form. No Node built-in is
 * imported, so the client entry stays edge-safe: node:crypto's synchronous hash is used where the
 * runtime hands it out without an import (`process.getBuiltinModule`: Node >= 20.16, Bun, Deno), and
 * Web Crypto everywhere else. Both give the same digest of the same UTF-8 text, so fingerprints kept
 * in a durable ledger match whichever computed them. Two fingerprints per `send` made Web Crypto's
 * job and promise machinery about 5% of a campaign's client CPU.
 */
import type { ConflictDifference } from '../core/errors/conflict-error.js';
import { type NodeCrypto, nodeCrypto } from '../core/signing.js';
import type { RecipientInput } from '../inputs/fields.js';
import type { RewardIntent } from './types.js';

/** Looked up on first use, not at import: the client entry's import time stays free of it. */
let hashing: { readonly node: NodeCrypto | undefined } | undefined;

/** SHA-256 (hex) of `text` with Web Crypto: every runtime has it, and it is the reference for node:crypto's. */
export async function sha256HexWebCrypto(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function sha256Hex(text: string): Promise<string> {
  hashing ??= { node: nodeCrypto() };
  if (hashing.node === undefined) return sha256HexWebCrypto(text);
  return Promise.resolve(hashing.node.createHash('sha256').update(text, 'utf8').digest('hex'));
}

/** The intent in a fixed key order, so equal intents always give equal text. */
function canonicalIntent(intent: RewardIntent): string {
  return JSON.stringify([
    intent.productToken,
    intent.valueMinor,
    intent.currency.toUpperCase(),
    intent.quantity,
    intent.templateId,
    intent.recipientsDigest,
  ]);
}

/** SHA-256 (hex) of the canonical intent: equal for the same reward, different for any other. */
export function fingerprintIntent(intent: RewardIntent): Promise<string> {
  return sha256Hex(canonicalIntent(intent));
}

/**
 * SHA-256 (hex) of the recipients in order (emails lower-cased, as the API matches them); `null`
 * when there are none. The ledger keeps this digest, never a name, email or phone number.
 */
export function recipientsDigest(recipients: readonly RecipientInput[] | undefined): Promise<string | null> {
  if (recipients === undefined || recipients.length === 0) return Promise.resolve(null);
  const canonical = recipients.map((r) => [
    r.name ?? null,
    r.email?.toLowerCase() ?? null,
    r.phone ?? null,
    r.refId ?? null,
  ]);
  return sha256Hex(JSON.stringify(canonical));
}

/** Field by field, what differs between the intent a refId was used with and this one. */
export function intentDifferences(earlier: RewardIntent, now: RewardIntent): ConflictDifference[] {
  const fields = ['productToken', 'valueMinor', 'currency', 'quantity', 'templateId'] as const;
  const differences: ConflictDifference[] = fields
    .filter((field) => earlier[field] !== now[field])
    .map((field) => ({ field, earlier: earlier[field], now: now[field] }));
  if (earlier.recipientsDigest !== now.recipientsDigest) {
    differences.push({ field: 'recipients', earlier: earlier.recipientsDigest, now: now.recipientsDigest });
  }
  return differences;
}
