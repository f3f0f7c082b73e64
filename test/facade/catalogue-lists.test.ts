import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toProduct } from '../../src/domain/catalogue.js';

// toProduct reads the catalogue's comma lists by index, without a string per item, for speed. The
// straightforward reading below (split, trim, filter, a regex for plain decimals, Number) is the
// oracle: whatever the list, both must give the same categories, denominations and ranges.
const items = (value: string | null | undefined): string[] =>
  value == null
    ? []
    : value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
const plainDecimal = (text: string): number => (/^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : Number.NaN);

function oracle(denominations: string | null | undefined, categories: string | null | undefined) {
  const fixed: number[] = [];
  const ranges: { min: number; max: number }[] = [];
  for (const item of items(denominations)) {
    const dash = item.indexOf('-');
    if (dash === -1) {
      const amount = plainDecimal(item);
      if (!Number.isNaN(amount)) fixed.push(amount);
      continue;
    }
    const min = plainDecimal(item.slice(0, dash).trim());
    const max = plainDecimal(item.slice(dash + 1).trim());
    if (!Number.isNaN(min) && !Number.isNaN(max)) ranges.push({ min, max });
  }
  return { denominations: fixed, denominationRanges: ranges, categories: items(categories) };
}

// Every character trim() removes (and U+180E, which it no longer does), separators, and the pieces of
// numbers, so that lists, ranges, long digit runs and near-misses all come up often.
const alphabet = [
  ...'0123456789',
  ...'0123456789',
  ',',
  ',',
  '-',
  '.',
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u00a0',
  '\u1680',
  '\u180e',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  'e',
  'x',
  'B',
  'é',
  '😀',
];
const listText = fc.oneof(
  { arbitrary: fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  {
    arbitrary: fc
      .array(
        fc.oneof(
          fc.stringMatching(/^[0-9]{1,25}(\.[0-9]{1,25})?$/),
          fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map(String),
          fc
            .tuple(fc.stringMatching(/^[0-9]{1,8}(\.[0-9]{1,4})?$/), fc.stringMatching(/^[0-9]{1,8}$/))
            .map(([a, b]) => `${a} - ${b}`),
        ),
        { maxLength: 6 },
      )
      .map((parts) => parts.join(',')),
    weight: 3,
  },
);
const maybeList = fc.oneof({ arbitrary: listText, weight: 8 }, fc.constant(null), fc.constant(undefined));

describe('catalogue comma lists', () => {
  it('read by index give exactly what split, trim and Number give', () => {
    fc.assert(
      fc.property(maybeList, maybeList, (denominations, categories) => {
        const product = toProduct({ Denominations: denominations, Categories: categories });
        const expected = oracle(denominations, categories);
        expect(product.denominations).toEqual(expected.denominations);
        // toEqual treats 0 and -0 alike; Object.is does not.
        product.denominations.forEach((d, i) => {
          expect(Object.is(d, expected.denominations[i])).toBe(true);
        });
        expect(product.denominationRanges).toEqual(expected.denominationRanges);
        expect(product.categories).toEqual(expected.categories);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads long digit runs and many fraction digits as Number does', () => {
    const cases = ['12345678901234567890', '0.1234567890123456789', '999999999999999.9', '9007199254740993', '0.3'];
    const product = toProduct({ Denominations: cases.join(',') });
    expect(product.denominations).toEqual(cases.map(Number));
  });
});
