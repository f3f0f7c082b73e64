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
 * The catalogue's comma-separated strings, split by hand: a 50,000-product catalogue has about
 * 150,000 of them, and split/trim/filter plus a regex per item cost more than parsing the JSON did.
 */
function splitList(value: string | null | undefined): string[] {
  const out: string[] = [];
  if (value == null || value === '') return out;
  let start = 0;
  while (start <= value.length) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const item = value.slice(start, end).trim();
    if (item !== '') out.push(item);
    start = end + 1;
  }
  return out;
}

/** A plain decimal (`100`, `12.5`) as a number, or `NaN` for anything else (`1e3`, `0x10`, `-5`, ``). */
function decimal(text: string): number {
  let dot = false;
  if (text === '') return Number.NaN;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ && !dot && i > 0 && i < text.length - 1) dot = true;
    else if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(text);
}

function parseDenominations(value: string | null | undefined): Pick<Product, 'denominations' | 'denominationRanges'> {
  const denominations: number[] = [];
  const denominationRanges: DenominationRange[] = [];
  for (const item of splitList(value)) {
    const dash = item.indexOf('-');
    if (dash === -1) {
      const fixed = decimal(item);
      if (!Number.isNaN(fixed)) denominations.push(fixed);
      continue;
    }
    const min = decimal(item.slice(0, dash).trim());
    const max = decimal(item.slice(dash + 1).trim());
    if (!Number.isNaN(min) && !Number.isNaN(max)) denominationRanges.push({ min, max });
  }
  return { denominations, denominationRanges };
}

export function toProduct(p: Wire<'zCatalogueProduct'>): Product {
  const { denominations, denominationRanges } = parseDenominations(p.Denominations);
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
