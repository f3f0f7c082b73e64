/** Deterministic identifiers and voucher codes, derived from the seed so runs are reproducible. */
import { createHash } from 'node:crypto';

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The `n`th OrderUID under `seed`, shaped like a UUID (as Huuray's are GUIDs). */
export function orderUid(seed: number, n: number): string {
  const h = digest(`${seed}:order:${n}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The code, CVV and redeem link of voucher `id` under `seed`. */
export function voucherSecrets(seed: number, id: number): { code: string; cvv: string; redeemLink: string } {
  const h = digest(`${seed}:voucher:${id}`);
  let code = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += CODE_ALPHABET[Number.parseInt(h.slice(i * 2, i * 2 + 2), 16) % CODE_ALPHABET.length];
  }
  const cvv = String(Number.parseInt(h.slice(32, 40), 16) % 1000).padStart(3, '0');
  return { code, cvv, redeemLink: `https://redeem.sandbox.huuray.invalid/v/${h.slice(40, 64)}` };
}

/** RFC 3339 in UTC without fractions (`2027-12-31T23:59:59Z`), which Prism's date-time check accepts. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
