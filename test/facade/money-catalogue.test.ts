import { describe, expect, it } from 'vitest';
import { toProduct } from '../../src/domain/catalogue.js';
import {
  currencyExponent,
  filterProducts,
  fitsDenomination,
  formatMinor,
  HuurayValidationError,
  redact,
  toMinorUnits,
} from '../../src/index.js';

describe('money helpers', () => {
  it('know each currency exponent', () => {
    expect([currencyExponent('DKK'), currencyExponent('JPY'), currencyExponent('KWD')]).toEqual([2, 0, 3]);
  });

  it.each([
    ['50.25', 'DKK', 5025],
    ['50', 'DKK', 5000],
    ['50.2', 'DKK', 5020],
    ['0.1', 'EUR', 10],
    ['1.005', 'KWD', 1005],
    ['500', 'JPY', 500],
    [19.99, 'USD', 1999],
    ['50.250', 'DKK', 5025],
  ] as const)('toMinorUnits(%j, %s) is %i, without float error', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it.each([
    ['50.255', 'DKK', 'not rounded'],
    ['1.5', 'JPY', 'not rounded'],
    ['-5', 'DKK', 'non-negative'],
    ['1e3', 'DKK', 'decimal number'],
    ['5,00', 'DKK', 'decimal number'],
    ['50', 'dkk', '3-letter'],
  ])('toMinorUnits(%j, %s) is refused', (amount, currency, words) => {
    expect(() => toMinorUnits(amount, currency)).toThrow(HuurayValidationError);
    expect(() => toMinorUnits(amount, currency)).toThrow(words);
  });

  it('formats minor units with the currency exponent', () => {
    expect(formatMinor(5025, 'DKK')).toBe('DKK 50.25');
    expect(formatMinor(500, 'JPY')).toBe('JPY 500');
    expect(formatMinor(1005, 'KWD')).toBe('KWD 1.005');
    expect(() => formatMinor(50.5, 'DKK')).toThrow(HuurayValidationError);
  });
});

describe('catalogue parsing and filters', () => {
  const products = [
    toProduct({
      ProductToken: 'tok-1',
      BrandName: 'Nordic Books',
      CountryCode: 'DK',
      Currency: 'DKK',
      Discount: 3.5,
      Denominations: '100, 250,500',
      Categories: 'Books,Entertainment',
      Active: true,
      LogoFile: 'https://cdn.example/logo.png',
    }),
    toProduct({
      ProductToken: 'tok-2',
      BrandName: 'Sushi Go',
      CountryCode: 'JP',
      Currency: 'JPY',
      Denominations: '1000-50000',
      Categories: 'Food',
      Active: true,
    }),
    toProduct({
      ProductToken: 'tok-3',
      BrandName: 'Old Brand',
      CountryCode: 'DK',
      Currency: 'DKK',
      Denominations: '100',
      Active: false,
    }),
  ];

  it('parses the comma-separated strings', () => {
    expect(products[0]).toMatchObject({
      denominations: [100, 250, 500],
      denominationRanges: [],
      categories: ['Books', 'Entertainment'],
      discountPercent: 3.5,
      logoUrl: 'https://cdn.example/logo.png',
    });
    expect(products[1]?.denominationRanges).toEqual([{ min: 1000, max: 50000 }]);
  });

  it('keeps plain decimals and ranges and drops everything else in a denomination list', () => {
    const parsed = toProduct({
      Denominations: ' 7.5 ,,1e3, 0x10,-5,5-, 10 - 20 ,.5,5.,1.2.3,1-2-3,25,abc, 0.25-1.5',
      Categories: ' , Books ,,Food,',
    });
    expect(parsed.denominations).toEqual([7.5, 25]);
    expect(parsed.denominationRanges).toEqual([
      { min: 10, max: 20 },
      { min: 0.25, max: 1.5 },
    ]);
    expect(parsed.categories).toEqual(['Books', 'Food']);
    expect(toProduct({ Denominations: null, Categories: '' })).toMatchObject({ denominations: [], categories: [] });
  });

  it('checks a value in minor units against denominations in major units', () => {
    const [books, sushi] = products as [NonNullable<(typeof products)[0]>, NonNullable<(typeof products)[1]>];
    expect(fitsDenomination(books, 25000)).toBe(true);
    expect(fitsDenomination(books, 250)).toBe(false);
    expect(fitsDenomination(sushi, 1000)).toBe(true);
    expect(fitsDenomination(sushi, 999)).toBe(false);
  });

  it('filters by country, currency, brand, category and value, active only by default', () => {
    expect(filterProducts(products, { countryCode: 'dk' }).map((p) => p.productToken)).toEqual(['tok-1']);
    expect(filterProducts(products, { countryCode: 'DK', activeOnly: false })).toHaveLength(2);
    expect(filterProducts(products, { brand: 'sushi' }).map((p) => p.productToken)).toEqual(['tok-2']);
    expect(filterProducts(products, { category: 'books', currency: 'DKK', valueMinor: 10000 })).toHaveLength(1);
    expect(filterProducts(products, { valueMinor: 99 })).toHaveLength(0);
  });
});

describe('redact', () => {
  it('removes codes at any depth in both casings and leaves the input untouched', () => {
    const order = {
      OrderUID: 'o1',
      Vouchers: [{ ID: 1, Code: 'SECRET-1', CVV: '123', RedeemLink: 'https://r/1', Expires: '2027-01-01' }],
      nested: { vouchers: [{ id: 2, code: 'SECRET-2', cvv: '456', redeemLink: 'https://r/2' }] },
    };
    const safe = redact(order);
    expect(JSON.stringify(safe)).not.toMatch(/SECRET|123|456|https:\/\/r/);
    expect(safe.Vouchers[0]).toEqual({ ID: 1, Expires: '2027-01-01' });
    expect(order.Vouchers[0]?.Code).toBe('SECRET-1');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { code: 'X' };
    a.self = a;
    expect(redact(a)).toEqual({ self: '[Circular]' });
  });

  it('keeps an object referenced twice, which is not a cycle, and still removes its codes', () => {
    const voucher = { ID: 7, Code: 'SECRET-7' };
    const shared = { first: voucher, again: voucher, list: [voucher, voucher] };
    const safe = redact(shared);
    expect(safe).toEqual({ first: { ID: 7 }, again: { ID: 7 }, list: [{ ID: 7 }, { ID: 7 }] });
    expect(safe.again).toBe(safe.first);
  });
});
