import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scrubber, scrubText } from '../../src/core/scrub.js';

// The Scrubber finds remembered codes by looking up the text's substrings instead of searching the text for
// each code. Oracle: scrubText over the attempt's values, the fixed ones and every remembered code, oldest
// first, with the remembered set kept as a plain list (newest last, at most `limit`).
// Codes use upper-case letters and digits, so no code can be formed across a "[redacted]" the oracle
// inserted (a code that only appears that way was never in the text, and is not a leak either way).

const CODE_CHARS = '0123456789ABCDEFGH'.split('');
const code = fc.string({ unit: fc.constantFrom(...CODE_CHARS), minLength: 6, maxLength: 9 });

function oracle(fixed: string[], remembered: string[], text: string, attempt: string[]): string {
  return scrubText(text, [...attempt, ...fixed, ...remembered]);
}

describe('Scrubber.text', () => {
  it('cleans what scrubbing with every remembered code would, with few codes and with thousands', () => {
    fc.assert(
      fc.property(
        // Up to 600 codes (the lookup is taken from about 200 on, with four lengths), any limit.
        fc.array(code, { minLength: 0, maxLength: 600, size: 'max' }),
        fc.integer({ min: 1, max: 700 }),
        fc.array(
          fc.oneof(
            fc.nat().map((pick) => ({ pick })),
            fc.oneof(code, fc.string({ maxLength: 8 }), fc.constantFrom(' ', ',', '"')).map((filler) => ({ filler })),
          ),
          { maxLength: 24 },
        ),
        (codes, limit, parts) => {
          const scrubber = new Scrubber(['SECRET-TOKEN-1'], limit);
          const remembered: string[] = [];
          for (let i = 0; i < codes.length; i += 3) {
            const voucher = { Code: codes[i], RedeemLink: codes[i + 1], CVV: codes[i + 2] };
            scrubber.rememberCodes({ Vouchers: [voucher] });
            for (const value of [voucher.Code, voucher.RedeemLink, voucher.CVV]) {
              if (value === undefined) continue;
              const at = remembered.indexOf(value);
              if (at !== -1) remembered.splice(at, 1);
              remembered.push(value);
              if (remembered.length > limit) remembered.shift();
            }
          }
          // The text mixes remembered codes, forgotten ones and filler, codes overlapping their neighbours.
          const text = parts
            .map((part) => ('filler' in part ? part.filler : (codes[part.pick % Math.max(codes.length, 1)] ?? '')))
            .join('');
          const attempt = ['nonce-abcdef'];
          expect(scrubber.text(text, attempt)).toBe(oracle(['SECRET-TOKEN-1'], remembered, text, attempt));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('replaces overlapping codes in the order they were remembered, as scrubbing with all of them would', () => {
    const fillers = Array.from({ length: 120 }, (_, i) => ({ Code: `F${String(i).padStart(5, '0')}` }));
    for (const [first, second] of [
      ['ABCDEF', 'CDEFGH'],
      ['CDEFGH', 'ABCDEF'],
    ] as const) {
      const scrubber = new Scrubber([]);
      scrubber.rememberCodes({ Vouchers: [...fillers, { Code: first }, { Code: second }] });
      const text = 'echo: XABCDEFGHY';
      const all = [...fillers.map((f) => f.Code), first, second];
      expect(scrubber.text(text)).toBe(scrubText(text, all));
    }
  });

  it('replaces a remembered code, forgets the oldest past its limit, and keeps short values', () => {
    const scrubber = new Scrubber([], 2);
    scrubber.rememberCodes({
      Vouchers: [{ Code: 'AAAA1111' }, { Code: 'BBBB2222' }, { Code: 'CCCC3333', CVV: '123' }],
    });
    expect(scrubber.text('codes AAAA1111 BBBB2222 CCCC3333 123')).toBe('codes AAAA1111 [redacted] [redacted] 123');
  });
});
