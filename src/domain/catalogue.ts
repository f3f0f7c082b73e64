import { currencyExponent } from '../money.js';
import type { Wire } from './wire.js';

/** A flexible denomination: any value from `min` to `max`, in the catalogue's (major) units. */
export interface DenominationRange {
  /** Smallest value allowed, major units. */
  readonly min: number;
  /** Largest value allowed, major units. */
  readonly max: number;
}

/** A product of the catalogue, with the API's comma-separated strings parsed. */
export interface Product {
  /** What orders name as `productToken`. Absent when the catalogue was fetched with `all: true`. */
  readonly productToken: string | null;
  /** Brand shown to recipients. */
  readonly brandName: string | null;
  /** Country name, in English. */
  readonly country: string | null;
  /** ISO 3166 alpha-2. */
  readonly countryCode: string | null;
  /** ISO 4217. */
  readonly currency: string | null;
  /** Your discount in percent (e.g. `3.5`), when fetched with `all: false`. */
  readonly discountPercent: number | null;
  /** Fixed face values as the catalogue lists them, in major units (`[100, 250]` DKK). */
  readonly denominations: number[];
  /** Flexible ranges (`"10-500"` in the catalogue), in major units. */
  readonly denominationRanges: DenominationRange[];
  /** Catalogue categories, e.g. `Books`, `Dining`. */
  readonly categories: string[];
  /** `Real-time` or `Stock`, as the API says. */
  readonly realTimeStock: string | null;
  /** ISO 639-1 of the texts. */
  readonly languageCode: string | null;
  /** Whether it can be ordered now. */
  readonly active: boolean;
  /** Brand description text. */
  readonly brandDescription: string | null;
  /** How a recipient redeems it. */
  readonly redemptionInstructions: string | null;
  /** URL of the brand logo. */
  readonly logoUrl: string | null;
}

/**
 * Whether `c` is a character `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator):
 * the lists are trimmed by index so that no item is sliced or trimmed as a string of its own.
 */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Items and amounts are gathered here first and then copied out with `slice`, so each list gets a
 * backing store of its exact length: an array grown by `push` from `[]` reserves 17 slots, and on a
 * 50,000-product catalogue those spare slots were most of the mapping's time, spent in the GC.
 */
const itemScratch: string[] = [];
const amountScratch: number[] = [];

/**
 * The catalogue's comma-separated strings, split by hand: a 50,000-product catalogue has about
 * 150,000 of them, and split/trim/filter plus a regex per item cost more than parsing the JSON did.
 * Each item is `value` between two commas, trimmed as `trim()` would, and kept when not empty.
 */
function splitList(value: string | null | undefined): string[] {
  if (value == null) return [];
  const length = value.length;
  // Most lists are one item with nothing to trim: the text itself.
  if (length > 0 && !isTrimmed(value.charCodeAt(0)) && !isTrimmed(value.charCodeAt(length - 1))) {
    if (value.indexOf(',') === -1) return [value];
  }
  let count = 0;
  let start = 0;
  while (start < length) {
    let end = value.indexOf(',', start);
    if (end === -1) end = length;
    const next = end + 1;
    while (start < end && isTrimmed(value.charCodeAt(start))) start++;
    while (end > start && isTrimmed(value.charCodeAt(end - 1))) end--;
    if (end > start) itemScratch[count++] = start === 0 && end === length ? value : value.slice(start, end);
    start = next;
  }
  const items = exactStrings(itemScratch, count);
  itemScratch.fill('', 0, count);
  return items;
}

/**
 * The first `count` items of a scratch array as a new array of that length. The short lengths a
 * catalogue has are array literals: V8 learns that what a literal's site allocates lives on and
 * allocates it where long-lived objects go, while copies made by `slice` are moved there by the GC,
 * one by one. Strings and numbers have a function each, so that each literal keeps one element kind
 * (numbers unboxed).
 */
function exactStrings(scratch: readonly string[], count: number): string[] {
  switch (count) {
    case 0:
      return [];
    case 1:
      return [scratch[0] as string];
    case 2:
      return [scratch[0] as string, scratch[1] as string];
    case 3:
      return [scratch[0] as string, scratch[1] as string, scratch[2] as string];
    default:
      return scratch.slice(0, count);
  }
}

/** {@link exactStrings} for amounts. */
function exactNumbers(scratch: readonly number[], count: number): number[] {
  switch (count) {
    case 0:
      return [];
    case 1:
      return [scratch[0] as number];
    case 2:
      return [scratch[0] as number, scratch[1] as number];
    case 3:
      return [scratch[0] as number, scratch[1] as number, scratch[2] as number];
    case 4:
      return [scratch[0] as number, scratch[1] as number, scratch[2] as number, scratch[3] as number];
    default:
      return scratch.slice(0, count);
  }
}

/** Powers of ten that are exact doubles, for {@link decimalAt}. */
const EXACT_POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** At most this many digits are summed exactly in a double (below 2^53). */
const EXACT_DIGITS = 15;

/**
 * `value[start, end)` as a plain decimal (`100`, `12.5`), or `NaN` for anything else (`1e3`, `0x10`,
 * `-5`, ``, `.5`, `5.`): the same number as `Number(text)`. Up to 15 digits the digits are summed as
 * an integer and divided by an exact power of ten, one correctly rounded operation, so the result is
 * the correctly rounded value `Number` gives; longer texts go to `Number` itself.
 */
function decimalAt(value: string, start: number, end: number): number {
  if (start >= end) return Number.NaN;
  let mantissa = 0;
  let dot = -1;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) mantissa = mantissa * 10 + (c - 48);
    else if (c === 46 && dot === -1 && i > start && i < end - 1) dot = i;
    else return Number.NaN;
  }
  const digits = dot === -1 ? end - start : end - start - 1;
  if (digits > EXACT_DIGITS) return Number(value.slice(start, end));
  return dot === -1 ? mantissa : mantissa / (EXACT_POWERS_OF_TEN[end - dot - 1] as number);
}

/** `value[start, end)` trimmed as `trim()` would, then read by {@link decimalAt}. */
function trimmedDecimalAt(value: string, start: number, end: number): number {
  while (start < end && isTrimmed(value.charCodeAt(start))) start++;
  while (end > start && isTrimmed(value.charCodeAt(end - 1))) end--;
  return decimalAt(value, start, end);
}

/**
 * Reads a denomination list: each item of the list (as {@link splitList} gives them) is a plain
 * decimal, or two of them around the first `-`; anything else is dropped. Numbers are read in place,
 * without a string per item. Ranges are rare; they go to `ranges` as they come.
 */
function parseDenominations(value: string | null | undefined, ranges: DenominationRange[]): number[] {
  if (value == null) return [];
  return plainAmounts(value) ?? anyDenominations(value, ranges);
}

/**
 * The common list, digits and dots between commas (`100,250,500`), read in one pass; `undefined` for
 * any other character (spaces, dashes, a second dot, ...), which {@link anyDenominations} then reads.
 */
function plainAmounts(value: string): number[] | undefined {
  const length = value.length;
  let count = 0;
  let start = 0;
  let mantissa = 0;
  let dot = -1;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? value.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57) mantissa = mantissa * 10 + (c - 48);
    else if (c === 46 && dot === -1) dot = i;
    else if (c === 44) {
      if (i > start && dot !== start && dot !== i - 1) {
        const digits = dot === -1 ? i - start : i - start - 1;
        amountScratch[count++] =
          digits > EXACT_DIGITS
            ? Number(value.slice(start, i))
            : dot === -1
              ? mantissa
              : mantissa / (EXACT_POWERS_OF_TEN[i - dot - 1] as number);
      }
      start = i + 1;
      mantissa = 0;
      dot = -1;
    } else return undefined;
  }
  return exactNumbers(amountScratch, count);
}

/** Any denomination list, item by item as {@link splitList} finds them. */
function anyDenominations(value: string, ranges: DenominationRange[]): number[] {
  const length = value.length;
  let count = 0;
  let start = 0;
  while (start < length) {
    let end = value.indexOf(',', start);
    if (end === -1) end = length;
    const next = end + 1;
    while (start < end && isTrimmed(value.charCodeAt(start))) start++;
    while (end > start && isTrimmed(value.charCodeAt(end - 1))) end--;
    if (end > start) {
      let dash = start;
      while (dash < end && value.charCodeAt(dash) !== 45) dash++;
      if (dash === end) {
        const amount = decimalAt(value, start, end);
        if (!Number.isNaN(amount)) amountScratch[count++] = amount;
      } else {
        const min = trimmedDecimalAt(value, start, dash);
        const max = trimmedDecimalAt(value, dash + 1, end);
        if (!Number.isNaN(min) && !Number.isNaN(max)) ranges.push({ min, max });
      }
    }
    start = next;
  }
  return exactNumbers(amountScratch, count);
}

export function toProduct(p: Wire<'zCatalogueProduct'>): Product {
  const denominationRanges: DenominationRange[] = [];
  const denominations = parseDenominations(p.Denominations, denominationRanges);
  return {
    productToken: p.ProductToken ?? null,
    brandName: p.BrandName ?? null,
    country: p.Country ?? null,
    countryCode: p.CountryCode ?? null,
    currency: p.Currency ?? null,
    discountPercent: p.Discount ?? null,
    denominations,
    denominationRanges,
    categories: splitList(p.Categories),
    realTimeStock: p.RealTimeStock ?? null,
    languageCode: p.LanguageCode ?? null,
    active: p.Active ?? false,
    brandDescription: p.BrandDescription ?? null,
    redemptionInstructions: p.RedemptionInstructions ?? null,
    logoUrl: p.LogoFile ?? null,
  };
}

/** Whether `valueMinor` (minor units of the product's currency) is one of its fixed values or inside a range. */
export function fitsDenomination(product: Product, valueMinor: number): boolean {
  if (product.currency === null) return false;
  const major = valueMinor / 10 ** currencyExponent(product.currency);
  return (
    product.denominations.some((d) => Math.abs(d - major) < 1e-9) ||
    product.denominationRanges.some((r) => major >= r.min && major <= r.max)
  );
}

/** What {@link filterProducts} can narrow by; every given criterion must match. */
export interface ProductFilter {
  /** ISO 3166 alpha-2, case-insensitive. */
  readonly countryCode?: string | undefined;
  /** ISO 4217, case-insensitive. */
  readonly currency?: string | undefined;
  /** Case-insensitive substring of the brand name. */
  readonly brand?: string | undefined;
  /** Case-insensitive exact category name. */
  readonly category?: string | undefined;
  /** Only products that offer this face value (minor units of their currency). */
  readonly valueMinor?: number | undefined;
  /** Only active products (default `true`). */
  readonly activeOnly?: boolean | undefined;
}

/** Filters a catalogue in memory. */
export function filterProducts(products: readonly Product[], filter: ProductFilter): Product[] {
  const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();
  return products.filter(
    (p) =>
      (filter.activeOnly === false || p.active) &&
      (filter.countryCode === undefined || lower(p.countryCode) === lower(filter.countryCode)) &&
      (filter.currency === undefined || lower(p.currency) === lower(filter.currency)) &&
      (filter.brand === undefined || lower(p.brandName).includes(lower(filter.brand))) &&
      (filter.category === undefined || p.categories.some((c) => lower(c) === lower(filter.category))) &&
      (filter.valueMinor === undefined || fitsDenomination(p, filter.valueMinor)),
  );
}
