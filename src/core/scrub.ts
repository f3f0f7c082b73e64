/**
 * Keeps credential-derived values and voucher codes out of every text the client builds from a
 * response (error messages, causes, events). Servers and proxies echo requests in error texts; an
 * echoed hash with its nonce is a signature anyone can spend on one request of their choice.
 */
import { RecencyQueue } from './recency-queue.js';

/** A lowercase hex SHA-512, the shape of every X-API-HASH, whichever attempt it belonged to. */
const SHA512_HEX = /[0-9a-fA-F]{128}/g;
/** Values shorter than this are not replaced: they cannot be told from ordinary words and numbers. */
export const MIN_SCRUBBED_LENGTH = 6;
const CODE_KEYS = ['Code', 'RedeemLink', 'CVV'] as const;
const REDACTED = '[redacted]';

/** Replaces every given value (of at least {@link MIN_SCRUBBED_LENGTH} characters) and every SHA-512 hex run. */
export function scrubText(text: string, values: Iterable<string>): string {
  let clean = text;
  for (const value of values) {
    if (value.length >= MIN_SCRUBBED_LENGTH && clean.includes(value)) clean = clean.replaceAll(value, REDACTED);
  }
  return clean.replace(SHA512_HEX, REDACTED);
}

/**
 * The scrubbing state of one client: its token and secret, and the voucher codes and redeem links it
 * has received lately (at most `rememberedCodes`, the oldest forgotten first), so that an error text
 * echoing one of them can be cleaned. Codes held here are already in the caller's hands.
 *
 * Codes are looked up by the text's substrings of each length a remembered code has, rather than
 * by searching the text for every code: a campaign's every row meets a 404 ("no such order") whose
 * message is scrubbed, and with 10,000 codes remembered the search cost a row more than its own work,
 * growing with the rows sent. Codes found are replaced in the order they were remembered, as
 * {@link scrubText} over all of them would.
 */
export class Scrubber {
  readonly #fixed: readonly string[];
  /** Remembered codes, oldest first (re-remembering one makes it the newest); the oldest is forgotten in constant time. */
  readonly #order = new RecencyQueue<string>();
  /** The same codes by length. */
  readonly #byLength = new Map<number, Set<string>>();
  readonly #limit: number;

  constructor(fixed: readonly string[], rememberedCodes = 10_000) {
    this.#fixed = fixed.filter((v) => typeof v === 'string');
    this.#limit = rememberedCodes;
  }

  /** Remembers the codes in an order or search answer (its `Vouchers`). */
  rememberCodes(body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const vouchers = (body as { Vouchers?: unknown }).Vouchers;
    if (!Array.isArray(vouchers)) return;
    for (const voucher of vouchers) {
      if (typeof voucher !== 'object' || voucher === null) continue;
      for (const key of CODE_KEYS) {
        const value = (voucher as Record<string, unknown>)[key];
        if (typeof value !== 'string' || value.length < MIN_SCRUBBED_LENGTH) continue;
        this.#order.touch(value);
        let sameLength = this.#byLength.get(value.length);
        if (sameLength === undefined) {
          sameLength = new Set();
          this.#byLength.set(value.length, sameLength);
        }
        sameLength.add(value);
        if (this.#order.size > this.#limit) {
          const oldest = this.#order.shift();
          if (oldest !== undefined) this.#forgetLength(oldest);
        }
      }
    }
  }

  /** Takes a code that left the queue out of its length's set. */
  #forgetLength(code: string): void {
    const sameLength = this.#byLength.get(code.length);
    sameLength?.delete(code);
    if (sameLength?.size === 0) this.#byLength.delete(code.length);
  }

  /** The remembered codes that occur in `text`, in the order they were remembered. */
  #codesIn(text: string): Iterable<string> {
    // A lookup per position and length costs about 50 times a code's share of a search through the
    // text: with few codes remembered, or codes of many lengths, searching for each is cheaper.
    if (this.#byLength.size * 50 > this.#order.size) return this.#order.keys();
    const found = new Set<string>();
    for (const [length, codes] of this.#byLength) {
      for (let at = 0; at + length <= text.length; at++) {
        const piece = text.slice(at, at + length);
        if (codes.has(piece)) found.add(piece);
      }
    }
    const order = this.#order;
    return [...found].sort((a, b) => (order.rank(a) as number) - (order.rank(b) as number));
  }

  /** `text` without the credentials of the attempt (`attempt`), the client's token and secret, and known codes. */
  text(text: string, attempt: readonly string[] = []): string {
    return scrubText(text, [...attempt, ...this.#fixed, ...this.#codesIn(text)]);
  }
}
