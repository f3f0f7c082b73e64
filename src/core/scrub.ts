/**
 * Keeps credential-derived values and voucher codes out of every text the client builds from a
 * response (error messages, causes, events). Servers and proxies echo requests in error texts; an
 * echoed hash with its nonce is a signature anyone can spend on one request of their choice.
 */

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
 */
export class Scrubber {
  readonly #fixed: readonly string[];
  readonly #codes = new Set<string>();
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
        this.#codes.delete(value);
        this.#codes.add(value);
        if (this.#codes.size > this.#limit) {
          const oldest = this.#codes.values().next().value;
          if (oldest !== undefined) this.#codes.delete(oldest);
        }
      }
    }
  }

  /** `text` without the credentials of the attempt (`attempt`), the client's token and secret, and known codes. */
  text(text: string, attempt: readonly string[] = []): string {
    return scrubText(text, [...attempt, ...this.#fixed, ...this.#codes]);
  }
}
